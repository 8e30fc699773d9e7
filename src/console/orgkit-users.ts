/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * `<orgkit-users>`: the Users screen. Members with search, role and status
 * filters and "Load more"; pending invitations with Revoke and Resend; the
 * Add User button opening `<orgkit-add-user>`. Choosing a member fires
 * `orgkit-member-select` with `{ userId }`.
 */
import { html, nothing } from 'lit';
import { invitationControls, usersControls } from './controls.js';
import { browserTimeZone, formatDate, roleLabel, statusLabel } from './format.js';
import type { OrgkitAddUser } from './orgkit-add-user.js';
import { type Access, type Invitation, type Member, OrgkitElement, PARTS } from './orgkit-element.js';

const PAGE = 25;

export class OrgkitUsers extends OrgkitElement {
  static override properties = {
    ...OrgkitElement.properties,
    members: { state: true },
    invitations: { state: true },
    projects: { state: true },
    cursor: { state: true },
    search: { state: true },
    roleFilter: { state: true },
    statusFilter: { state: true },
    loaded: { state: true },
  };

  declare private members: Member[];
  declare private invitations: Invitation[];
  declare private projects: Map<string, string>;
  declare private cursor: string | null;
  declare private search: string;
  declare private roleFilter: string;
  declare private statusFilter: string;
  declare private loaded: boolean;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;

  constructor() {
    super();
    this.members = [];
    this.invitations = [];
    this.projects = new Map();
    this.cursor = null;
    this.search = '';
    this.roleFilter = '';
    this.statusFilter = '';
    this.loaded = false;
  }

  protected override async load(): Promise<void> {
    const access = await this.loadAccess();
    if (access === null) return;
    const controls = usersControls(access);
    await Promise.all([
      this.loadMembers(false),
      controls.listInvitations ? this.loadInvitations() : undefined,
      this.orgkit.projects.list(this.orgId).then(
        ({ items }) => {
          this.projects = new Map(items.map((project) => [project.id, project.name]));
        },
        () => undefined,
      ),
    ]);
  }

  /** The first page for the current filters, or (`more`) the next one. */
  private async loadMembers(more: boolean): Promise<void> {
    // A slower, older answer must not overwrite a newer one (typing in the search box).
    const generation = ++this.#generation;
    const query = {
      limit: PAGE,
      ...(this.search.trim() === '' ? {} : { search: this.search.trim() }),
      ...(this.roleFilter === '' ? {} : { role: this.roleFilter as Member['role'] }),
      ...(this.statusFilter === '' ? {} : { status: this.statusFilter as Member['status'] }),
      ...(more && this.cursor !== null ? { cursor: this.cursor } : {}),
    };
    const page = await this.run(() => this.orgkit.members.list(this.orgId, query));
    if (page === undefined || generation !== this.#generation) return;
    this.members = more ? [...this.members, ...page.items] : page.items;
    this.cursor = page.nextCursor;
    this.loaded = true;
  }

  private async loadInvitations(): Promise<void> {
    const page = await this.run(() => this.orgkit.invitations.list(this.orgId, { status: 'pending', limit: 100 }));
    if (page !== undefined) this.invitations = page.items;
  }

  private onSearch(event: Event): void {
    this.search = (event.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => void this.loadMembers(false), 250);
  }

  private onFilter(field: 'roleFilter' | 'statusFilter', event: Event): void {
    this[field] = (event.target as HTMLSelectElement).value;
    void this.loadMembers(false);
  }

  private async revoke(invitation: Invitation): Promise<void> {
    const done = await this.run(
      () => this.orgkit.invitations.revoke(this.orgId, invitation.id),
      `The invitation to ${invitation.email} is revoked.`,
    );
    if (done !== undefined) this.invitations = this.invitations.filter((item) => item.id !== invitation.id);
  }

  private async resend(invitation: Invitation): Promise<void> {
    const renewed = await this.run(
      () => this.orgkit.invitations.resend(this.orgId, invitation.id),
      `A new invitation is on its way to ${invitation.email}.`,
    );
    if (renewed !== undefined)
      this.invitations = this.invitations.map((item) => (item.id === renewed.id ? renewed : item));
  }

  private openAddUser(): void {
    this.renderRoot.querySelector<OrgkitAddUser>('orgkit-add-user')?.show();
  }

  private onInvited(event: CustomEvent<{ invitation: Invitation }>): void {
    const { invitation } = event.detail;
    this.invitations = [invitation, ...this.invitations.filter((item) => item.id !== invitation.id)];
    this.notice = { kind: 'ok', text: `An invitation was sent to ${invitation.email}.` };
  }

  private select(member: Member): void {
    this.emit('member-select', { userId: member.userId });
  }

  protected override render() {
    const access = this.access as Access | null;
    const controls = usersControls(access);
    return html`
      <section part="users" aria-labelledby="users-title">
        <div class="spread">
          <h2 id="users-title">Users</h2>
          ${
            controls.invite
              ? html`<button class="primary" part="button add-user" @click=${this.openAddUser}>Add User</button>`
              : nothing
          }
        </div>
        ${this.renderNotice()}
        ${controls.listMembers ? this.renderMembers() : access === null ? nothing : html`<p class="muted">Your role does not list the organization's members.</p>`}
        ${controls.listInvitations ? this.renderInvitations() : nothing}
        ${
          controls.invite
            ? html`<orgkit-add-user
                exportparts=${PARTS}
                .client=${this.orgkit}
                .access=${access}
                org-id=${this.orgId}
                .projects=${this.projects}
                @orgkit-invited=${this.onInvited}
              ></orgkit-add-user>`
            : nothing
        }
      </section>
    `;
  }

  private renderMembers() {
    const roles = (this.access as Access | null)?.roles ?? [];
    return html`
      <div class="row" part="filters" role="search" style="margin-bottom: 12px">
        <div class="field"><label for="field-search">Search</label>
          <input id="field-search" type="search" part="input search" placeholder="Name or email" .value=${this.search} @input=${this.onSearch} />
        </div>
        <div class="field"><label for="field-role">Role</label>
          <select id="field-role" part="select" @change=${(event: Event) => this.onFilter('roleFilter', event)}>
            <option value="">All roles</option>
            ${roles.map((role) => html`<option value=${role} ?selected=${this.roleFilter === role}>${roleLabel(role)}</option>`)}
          </select>
        </div>
        <div class="field"><label for="field-status">Status</label>
          <select id="field-status" part="select" @change=${(event: Event) => this.onFilter('statusFilter', event)}>
            <option value="">All statuses</option>
            <option value="active">Active</option>
            <option value="disabled">Disabled</option>
          </select>
        </div>
      </div>
      <div class="scroll"><table part="table" aria-busy=${this.busy ? 'true' : 'false'}>
        <caption class="sr-only">Members</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Projects</th></tr></thead>
        <tbody>
          ${this.members.map(
            (member) => html`<tr part="row">
              <td><button class="link" part="member-link" @click=${() => this.select(member)}>${member.fullName}</button></td>
              <td>${member.email}${member.pendingEmail === null ? nothing : html`<br /><span class="muted">pending: ${member.pendingEmail}</span>`}</td>
              <td>${roleLabel(member.role)}</td>
              <td><span class=${`badge ${member.status}`}>${statusLabel(member.status)}</span></td>
              <td>${member.projectIds.map((id) => this.projects.get(id) ?? id).join(', ') || html`<span class="muted">—</span>`}</td>
            </tr>`,
          )}
          ${this.loaded && this.members.length === 0 ? html`<tr><td colspan="5" class="muted">No members match.</td></tr>` : nothing}
          ${this.loaded || this.notice?.kind === 'error' ? nothing : html`<tr><td colspan="5" class="muted" role="status">Loading members…</td></tr>`}
        </tbody>
      </table></div>
      ${
        this.cursor === null
          ? nothing
          : html`<p style="margin-top: 12px"><button part="button load-more" ?disabled=${this.busy} @click=${() => this.loadMembers(true)}>Load more</button></p>`
      }
    `;
  }

  private renderInvitations() {
    if (this.invitations.length === 0) return nothing;
    const zone = (this.access as Access | null)?.member.timezone ?? browserTimeZone();
    return html`
      <h3 style="margin-top: 24px" id="invitations-title">Pending invitations</h3>
      <div class="scroll"><table part="table invitations" aria-labelledby="invitations-title">
        <thead><tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Expires <span class="muted">(${zone})</span></th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
        <tbody>
          ${this.invitations.map((invitation) => {
            const { revoke, resend } = invitationControls(this.access as Access | null, invitation);
            return html`<tr part="row">
              <td>${invitation.email}</td>
              <td>${roleLabel(invitation.role)}</td>
              <td>${formatDate(invitation.expiresAt, zone, false)}</td>
              <td><div class="row">
                ${resend ? html`<button part="button" aria-label=${`Resend the invitation to ${invitation.email}`} ?disabled=${this.busy} @click=${() => this.resend(invitation)}>Resend</button>` : nothing}
                ${revoke ? html`<button class="danger" part="button" aria-label=${`Revoke the invitation to ${invitation.email}`} ?disabled=${this.busy} @click=${() => this.revoke(invitation)}>Revoke</button>` : nothing}
              </div></td>
            </tr>`;
          })}
        </tbody>
      </table></div>
    `;
  }
}
