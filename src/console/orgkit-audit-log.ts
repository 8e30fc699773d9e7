/// <reference lib="dom" />
/**
 * `<orgkit-audit-log>`: the organization's audit trail, newest first, with
 * "Load more". Members and projects are shown by name, and invitations by
 * address, in the Who and Target columns and inside the changes; an id is
 * kept for what is gone or not yet seen.
 */
import { html, nothing } from 'lit';
import { browserTimeZone, formatDate } from './format.js';
import { type Access, type AuditEvent, OrgkitElement } from './orgkit-element.js';

const PAGE = 50;

/** `member.email_change_requested` → `Member email change requested`. */
export function actionLabel(action: string): string {
  const text = action.replace('.', ' ').replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * `role: admin → user; email: ada@…` (a field set for the first time shows its
 * value only), values as JSON when they are not text; `name` turns a known
 * member or project id, alone or in a list, into its name.
 */
export function changesLabel(
  changes: Record<string, { before: unknown; after: unknown }>,
  name: (id: string) => string = (id) => id,
): string {
  const show = (value: unknown): string =>
    value === null || value === undefined
      ? '—'
      : typeof value === 'string'
        ? name(value)
        : Array.isArray(value) && value.every((item) => typeof item === 'string')
          ? value.map(name).join(', ') || '—'
          : JSON.stringify(value);
  return Object.entries(changes)
    .map(([field, { before, after }]) =>
      before === null || before === undefined
        ? `${field}: ${show(after)}`
        : `${field}: ${show(before)} → ${show(after)}`,
    )
    .join('; ');
}

export class OrgkitAuditLog extends OrgkitElement {
  static override properties = {
    ...OrgkitElement.properties,
    events: { state: true },
    cursor: { state: true },
    names: { state: true },
  };

  declare private events: AuditEvent[];
  declare private cursor: string | null;
  declare private names: Map<string, string>;

  constructor() {
    super();
    this.events = [];
    this.cursor = null;
    this.names = new Map();
  }

  protected override async load(): Promise<void> {
    await this.loadAccess();
    await this.loadEvents(false);
  }

  private async loadEvents(more: boolean): Promise<void> {
    const query = { limit: PAGE, ...(more && this.cursor !== null ? { cursor: this.cursor } : {}) };
    const page = await this.run(() => this.orgkit.audit.list(this.orgId, query));
    if (page === undefined) return;
    this.events = more ? [...this.events, ...page.items] : page.items;
    this.cursor = page.nextCursor;
    await this.loadNames(page.items);
  }

  /**
   * Names of the projects (once) and of the members not seen yet, acting or
   * acted on; one who left stays an id.
   */
  private async loadNames(events: AuditEvent[]): Promise<void> {
    const projects =
      this.names.size === 0
        ? await this.orgkit.projects.list(this.orgId).then(
            (list) => list.items.map((project) => [project.id, project.name] as const),
            () => [],
          )
        : [];
    const userIds = events.flatMap((event) => [
      event.actorId,
      event.targetType === 'member' ? event.targetId : null,
      ...(event.targetType === 'project' ? Object.values(event.changes.userId ?? {}) : []),
    ]);
    const unknown = [...new Set(userIds)].filter((id): id is string => typeof id === 'string' && !this.names.has(id));
    const found = await Promise.all(
      unknown.map((id) =>
        this.orgkit.members.get(this.orgId, id).then(
          (member) => [id, member.fullName] as const,
          () => [id, id] as const,
        ),
      ),
    );
    // An invitation is known by its address, from the event that created it.
    const invitations = events.flatMap((event) => {
      const email = event.targetType === 'invitation' ? event.changes.email?.after : undefined;
      return typeof email === 'string' ? [[event.targetId, email] as const] : [];
    });
    if (found.length + projects.length + invitations.length > 0) {
      this.names = new Map([...this.names, ...projects, ...found, ...invitations]);
    }
  }

  private nameOf = (id: string): string => this.names.get(id) ?? id;

  protected override render() {
    const zone = (this.access as Access | null)?.member.timezone ?? browserTimeZone();
    return html`
      <section part="audit" aria-labelledby="audit-title">
        <h2 id="audit-title">Audit</h2>
        ${this.renderNotice()}
        <div class="scroll" role="region" aria-label="Audit trail" tabindex="0"><table part="table" aria-busy=${this.busy ? 'true' : 'false'}>
          <caption class="sr-only">Audit trail, newest first</caption>
          <thead><tr><th scope="col">When <span class="muted">(${zone})</span></th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Target</th><th scope="col">Changes</th></tr></thead>
          <tbody>
            ${this.events.map(
              (event) => html`<tr part="row">
                <td>${formatDate(event.createdAt, zone, false)}</td>
                <td>${event.actorId === null ? html`<span class="muted">system</span>` : (this.names.get(event.actorId) ?? event.actorId)}</td>
                <td>${actionLabel(event.action)}</td>
                <td>${event.targetType} ${
                  this.names.has(event.targetId) ? this.nameOf(event.targetId) : html`<code>${event.targetId}</code>`
                }</td>
                <td>${changesLabel(event.changes as Record<string, { before: unknown; after: unknown }>, this.nameOf)}</td>
              </tr>`,
            )}
          </tbody>
        </table></div>
        ${
          this.cursor === null
            ? nothing
            : html`<p style="margin-top: 12px"><button part="button load-more" ?disabled=${this.busy} @click=${() => this.loadEvents(true)}>Load more</button></p>`
        }
      </section>
    `;
  }
}
