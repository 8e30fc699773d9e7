/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * What every console element shares: the `api` and `org-id` attributes, the
 * client made from them (or given as the `client` property), the signed-in
 * member's access, and a message line that turns any refusal into a sentence.
 */
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { OrgkitClient } from '../client/client-types.js';
import { createOrgkitClient } from '../client/create-client.js';
import type { EntityType } from '../http/route.js';
import type { AccessLike } from './controls.js';
import { describeError, fieldErrors } from './messages.js';
import { consoleStyles } from './styles.js';

/** The access answer, as the console reads it. */
export type Access = EntityType<'Access'> & AccessLike;
export type Member = EntityType<'Member'>;
export type Invitation = EntityType<'Invitation'>;
export type Project = EntityType<'Project'>;
export type AuditEvent = EntityType<'AuditEvent'>;

/** A message shown at the top of an element: a refusal, or news of a success. */
export interface Notice {
  readonly kind: 'error' | 'ok';
  readonly text: string;
}

/**
 * Every part a console element names, re-exported by the elements that nest
 * others (`exportparts`), so that `orgkit-console::part(table)` reaches the
 * tables inside `<orgkit-users>` too.
 */
export const PARTS =
  'table, row, button, input, select, form, message, error, users, filters, search, add-user, load-more, member-link, invitations, dialog, send-invitation, user-console, details, disable, enable, back, remove, projects, audit';

export class OrgkitElement extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    api: { type: String },
    orgId: { type: String, attribute: 'org-id' },
    client: { attribute: false },
    access: { attribute: false },
    notice: { state: true },
    errors: { state: true },
    busy: { state: true },
  };

  /** Where orgkit's API is mounted: `/api`. */
  declare api: string;
  /** The organization shown. */
  declare orgId: string;
  /** A client of your own (a bearer token, another `fetch`); otherwise one is made from `api`. */
  declare client: OrgkitClient | undefined;
  /** The signed-in member's access; loaded when not given (`<orgkit-console>` passes its own down). */
  declare access: Access | null;
  declare protected notice: Notice | null;
  /** Field messages from the last refusal, by field name. */
  declare protected errors: Record<string, string>;
  declare protected busy: boolean;
  #client: { api: string; client: OrgkitClient } | undefined;

  constructor() {
    super();
    this.api = '';
    this.orgId = '';
    this.client = undefined;
    this.access = null;
    this.notice = null;
    this.errors = {};
    this.busy = false;
  }

  /** The given client, or one for `api` sending the page's cookies. */
  protected get orgkit(): OrgkitClient {
    if (this.client !== undefined) return this.client;
    if (this.#client?.api !== this.api) {
      this.#client = { api: this.api, client: createOrgkitClient({ baseUrl: this.api, credentials: 'same-origin' }) };
    }
    return this.#client.client;
  }

  /** Whether the element has what it needs to call the API. */
  protected get ready(): boolean {
    return (this.api !== '' || this.client !== undefined) && this.orgId !== '';
  }

  /** Loads the signed-in member's access unless it was given; a refusal becomes the notice. */
  protected async loadAccess(): Promise<Access | null> {
    if (this.access === null) {
      try {
        this.access = (await this.orgkit.organizations.access(this.orgId)) as Access;
      } catch (error) {
        this.fail(error);
      }
    }
    return this.access;
  }

  /**
   * Runs `action` with the element busy, turning a refusal into the notice
   * and field errors; `done` (a sentence) is shown on success. Answers the
   * action's result, or `undefined` when it was refused.
   */
  protected async run<T>(action: () => Promise<T>, done?: string): Promise<T | undefined> {
    this.busy = true;
    this.notice = null;
    this.errors = {};
    try {
      const result = await action();
      if (done !== undefined) this.notice = { kind: 'ok', text: done };
      return result;
    } catch (error) {
      this.fail(error);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** `run` for an action that answers nothing: whether it succeeded. */
  protected async attempt(action: () => Promise<unknown>, done?: string): Promise<boolean> {
    let ok = false;
    await this.run(async () => {
      await action();
      ok = true;
    }, done);
    return ok;
  }

  protected fail(error: unknown): void {
    this.errors = fieldErrors(error);
    this.notice = { kind: 'error', text: describeError(error) };
    this.dispatchEvent(new CustomEvent('orgkit-error', { detail: { error }, bubbles: true, composed: true }));
  }

  /** The notice line: an alert for a refusal, a status for a success. */
  protected renderNotice(): TemplateResult | typeof nothing {
    const notice = this.notice;
    if (notice === null) return nothing;
    return notice.kind === 'error'
      ? html`<div class="message error" part="message error" role="alert">${notice.text}</div>`
      : html`<div class="message ok" part="message" role="status">${notice.text}</div>`;
  }

  /** A field's server message, tied to its input by `id` (`aria-describedby`). */
  protected renderFieldError(field: string): TemplateResult | typeof nothing {
    const text = this.errors[field];
    return text === undefined ? nothing : html`<span class="field-error" id=${`${field}-error`}>${text}</span>`;
  }

  /** Fires `orgkit-<name>`, bubbling out of the shadow root. */
  protected emit(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(`orgkit-${name}`, { detail, bubbles: true, composed: true }));
  }

  /** Reloads when `api`, `org-id` or `client` change. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('orgId') || changed.has('client')) {
      // Another organization: the old access no longer holds, unless a new one came with it.
      const moved = changed.get('orgId') !== undefined || changed.get('api') !== undefined;
      if (moved && !changed.has('access')) this.access = null;
      if (this.ready) void this.load();
    }
  }

  /** Fetches what the element shows; called when its inputs change. */
  protected async load(): Promise<void> {}
}
