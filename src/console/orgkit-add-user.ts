/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * `<orgkit-add-user>`: the Add User modal. Email, role (only the roles the
 * signed-in member may grant), projects, and "Send Invitation". A native
 * modal `<dialog>` makes the page behind it inert and closes on Escape; Tab
 * cycles inside it. Fires `orgkit-invited` with `{ invitation }`.
 */
import { html, nothing } from 'lit';
import { invitableRoles } from './controls.js';
import { roleLabel } from './format.js';
import { type Access, type Invitation, OrgkitElement } from './orgkit-element.js';

/** The focused element, looking inside shadow roots (the page's `activeElement` is only the outermost host). */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const FOCUSABLE = 'button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

export class OrgkitAddUser extends OrgkitElement {
  static override properties = {
    ...OrgkitElement.properties,
    projects: { attribute: false },
  };

  /** Project ids to names, for the multi-select; loaded when not given. */
  declare projects: Map<string, string>;
  #opener: Element | null = null;

  constructor() {
    super();
    this.projects = new Map();
  }

  protected override async load(): Promise<void> {
    await this.loadAccess();
    if (this.projects.size === 0) {
      const list = await this.orgkit.projects.list(this.orgId).catch(() => undefined);
      if (list !== undefined) this.projects = new Map(list.items.map((project) => [project.id, project.name]));
    }
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Opens the modal, empty, with the email field focused. */
  async show(): Promise<void> {
    this.#opener = deepActiveElement();
    this.notice = null;
    this.errors = {};
    await this.updateComplete;
    this.renderRoot.querySelector('form')?.reset();
    this.dialog?.showModal();
    this.renderRoot.querySelector<HTMLInputElement>('input[name=email]')?.focus();
  }

  close(): void {
    this.dialog?.close();
  }

  private onClose(): void {
    // Back to the button that opened it, as the dialog pattern expects.
    (this.#opener as HTMLElement | null)?.focus?.();
  }

  /** Keeps Tab inside the modal, whatever the browser does at its edges. */
  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Tab') return;
    const items = [...(this.dialog?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter(
      (item) => !(item as HTMLButtonElement).disabled,
    );
    const first = items[0];
    const last = items[items.length - 1];
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const input = {
      email: String(form.get('email') ?? '').trim(),
      role: String(form.get('role') ?? '') as Invitation['role'],
      projectIds: form.getAll('projectIds').map(String),
    };
    const invitation = await this.run(() => this.orgkit.invitations.create(this.orgId, input));
    if (invitation === undefined) {
      // Focus the first field the server named, or stay where we are.
      const field = Object.keys(this.errors)[0];
      await this.updateComplete;
      if (field !== undefined) this.renderRoot.querySelector<HTMLElement>(`[name=${field}]`)?.focus();
      return;
    }
    this.emit('invited', { invitation });
    this.close();
  }

  protected override render() {
    const roles = invitableRoles(this.access as Access | null);
    const invalid = (field: string) => (this.errors[field] === undefined ? 'false' : 'true');
    return html`
      <dialog part="dialog" aria-labelledby="add-user-title" @keydown=${this.onKeydown} @close=${this.onClose}>
        <form class="stack" method="dialog" novalidate @submit=${this.submit}>
          <h2 id="add-user-title">Add User</h2>
          <p class="muted">An invitation will be emailed to the user. Once accepted, they join your organization.</p>
          ${this.renderNotice()}
          <div class="field"><label for="field-email-address">Email address</label>
            <input id="field-email-address" name="email" type="email" part="input" required autocomplete="off"
              aria-invalid=${invalid('email')} aria-describedby="email-error" />
            ${this.renderFieldError('email')}
          </div>
          <div class="field"><label for="field-role">Role</label>
            <select id="field-role" name="role" part="select" aria-invalid=${invalid('role')} aria-describedby="role-error">
              ${roles.map((role, index) => html`<option value=${role} ?selected=${index === roles.length - 1}>${roleLabel(role)}</option>`)}
            </select>
            ${this.renderFieldError('role')}
          </div>
          <fieldset aria-describedby="projectIds-error">
            <legend>Projects</legend>
            ${
              this.projects.size === 0
                ? html`<p class="muted">No projects yet.</p>`
                : [...this.projects].map(
                    ([id, name]) =>
                      html`<label class="check"><input type="checkbox" name="projectIds" value=${id} /> ${name}</label>`,
                  )
            }
            ${this.renderFieldError('projectIds')}
          </fieldset>
          <div class="row" style="justify-content: flex-end">
            <button type="button" part="button" @click=${this.close}>Cancel</button>
            <button type="submit" class="primary" part="button send-invitation" ?disabled=${this.busy}>Send Invitation</button>
          </div>
        </form>
      </dialog>
      ${nothing}
    `;
  }
}
