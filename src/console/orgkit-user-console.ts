/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * `<orgkit-user-console user-id="…">`: one member's details (User ID, Full
 * Name, Email, Role, Status, Timezone, projects, created and last modified in
 * the viewer's timezone) and what the signed-in member may change: access,
 * role, email (pending until confirmed), timezone, projects. Fires
 * `orgkit-member-change` with `{ member }` after each change and
 * `orgkit-close` from "Back to users".
 */
import { html, nothing } from 'lit';
import { memberControls } from './controls.js';
import { browserTimeZone, formatDate, roleLabel, statusLabel, timeZones } from './format.js';
import { type Access, type Member, OrgkitElement } from './orgkit-element.js';

export class OrgkitUserConsole extends OrgkitElement {
  static override properties = {
    ...OrgkitElement.properties,
    userId: { type: String, attribute: 'user-id' },
    closable: { type: Boolean },
    member: { state: true },
    projects: { state: true },
    confirmRemove: { state: true },
  };

  /** The member shown. */
  declare userId: string;
  /** Shows "Back to users" (default); `<orgkit-console>` turns it off for a member who cannot list users. */
  declare closable: boolean;
  declare private member: Member | null;
  declare private projects: { id: string; name: string }[];
  declare private confirmRemove: boolean;

  constructor() {
    super();
    this.userId = '';
    this.closable = true;
    this.member = null;
    this.projects = [];
    this.confirmRemove = false;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed as never);
    if (changed.has('userId') && !changed.has('orgId') && !changed.has('api') && this.ready) void this.load();
  }

  /** Opened from the list: focus moves to the heading, so keyboard and screen reader users land here. */
  protected override firstUpdated(): void {
    if (this.closable) this.renderRoot.querySelector<HTMLElement>('#user-title')?.focus();
  }

  protected override async load(): Promise<void> {
    if (this.userId === '') return;
    const access = await this.loadAccess();
    if (access === null) return;
    const [member, projects] = await Promise.all([
      this.run(() => this.orgkit.members.get(this.orgId, this.userId)),
      this.orgkit.projects.list(this.orgId).catch(() => ({ items: [] })),
    ]);
    if (member !== undefined) this.member = member;
    this.projects = projects.items;
  }

  private get viewerZone(): string {
    return (this.access as Access | null)?.member.timezone ?? browserTimeZone();
  }

  /** Runs a change of the member, keeping the answer and announcing it. */
  private async change(action: () => Promise<Member>, done: string): Promise<void> {
    const member = await this.run(action, done);
    if (member === undefined) return;
    this.member = member;
    this.emit('member-change', { member });
  }

  private setStatus(status: 'active' | 'disabled'): Promise<void> {
    return this.change(
      () => this.orgkit.members.setStatus(this.orgId, this.userId, status),
      status === 'active' ? 'Access enabled.' : 'Access disabled. They can no longer use the organization.',
    );
  }

  private onField(field: 'role' | 'email' | 'timezone' | 'fullName', done: string) {
    return (event: SubmitEvent) => {
      event.preventDefault();
      const form = event.target as HTMLFormElement;
      const value = String(new FormData(form).get(field) ?? '').trim();
      void this.change(() => this.orgkit.members.update(this.orgId, this.userId, { [field]: value }), done).then(() => {
        // A refused role change shows the role the member still has; typed text stays for correcting.
        if (field === 'role' && this.notice?.kind === 'error') form.reset();
      });
    };
  }

  private async toggleProject(projectId: string, event: Event): Promise<void> {
    const checkbox = event.target as HTMLInputElement;
    const assign = checkbox.checked;
    const done = await this.attempt(() =>
      assign
        ? this.orgkit.projects.assign(this.orgId, projectId, this.userId)
        : this.orgkit.projects.unassign(this.orgId, projectId, this.userId),
    );
    if (!done) {
      checkbox.checked = !assign;
      return;
    }
    const member = await this.orgkit.members.get(this.orgId, this.userId).catch(() => null);
    if (member !== null) {
      this.member = member;
      this.emit('member-change', { member });
    }
  }

  private async removeMember(): Promise<void> {
    const done = await this.attempt(() => this.orgkit.members.remove(this.orgId, this.userId));
    this.confirmRemove = false;
    if (done) this.emit('member-remove', { userId: this.userId });
  }

  protected override render() {
    const member = this.member;
    const access = this.access as Access | null;
    return html`
      <section part="user-console" aria-labelledby="user-title">
        <div class="spread">
          <h2 id="user-title" tabindex="-1">User Console${member === null ? nothing : html`: ${member.fullName}`}</h2>
          ${this.closable ? html`<button part="button back" @click=${() => this.emit('close', {})}>Back to users</button>` : nothing}
        </div>
        ${this.renderNotice()}
        ${member === null ? (this.busy ? html`<p class="muted" role="status">Loading…</p>` : nothing) : this.renderMember(member, access)}
      </section>
    `;
  }

  private renderMember(member: Member, access: Access | null) {
    const controls = memberControls(access, member);
    const zone = this.viewerZone;
    return html`
      <div class="card" part="details">
        <dl>
          <dt>User ID</dt><dd><code>${member.userId}</code></dd>
          <dt>Full Name</dt><dd>${member.fullName}</dd>
          <dt>Email</dt>
          <dd>${member.email}${member.pendingEmail === null ? nothing : html`<br /><span class="badge pending">Pending confirmation: ${member.pendingEmail}</span>`}</dd>
          <dt>Role</dt><dd>${roleLabel(member.role)}</dd>
          <dt>Status</dt><dd><span class=${`badge ${member.status}`}>${statusLabel(member.status)}</span></dd>
          <dt>Timezone</dt><dd>${member.timezone}</dd>
          <dt>Projects</dt>
          <dd>${
            this.projects
              .filter((project) => member.projectIds.includes(project.id))
              .map((project) => project.name)
              .join(', ') || '—'
          }</dd>
          <dt>Created</dt><dd>${formatDate(member.createdAt, zone)}</dd>
          <dt>Last modified</dt><dd>${formatDate(member.updatedAt, zone)}</dd>
        </dl>
        ${
          controls.disable
            ? html`<button class="danger" part="button disable" ?disabled=${this.busy} @click=${() => this.setStatus('disabled')}>Disable access</button>`
            : controls.enable
              ? html`<button class="primary" part="button enable" ?disabled=${this.busy} @click=${() => this.setStatus('active')}>Enable access</button>`
              : nothing
        }
      </div>
      <div class="stack" style="margin-top: 16px">
        ${
          controls.roles.length === 0
            ? nothing
            : html`<form class="row" part="form" @submit=${this.onField('role', 'Role updated.')}>
                <div class="field"><label for="field-role">Role</label>
                  <select id="field-role" name="role" part="select">
                    ${controls.roles.map((role) => html`<option value=${role} ?selected=${role === member.role}>${roleLabel(role)}</option>`)}
                  </select>
                </div>
                <button type="submit" part="button" ?disabled=${this.busy}>Update role</button>
              </form>`
        }
        ${controls.editProfile ? this.renderProfileForms(member) : nothing}
        ${controls.assignProjects ? this.renderProjects(member) : nothing}
        ${controls.remove ? this.renderRemove() : nothing}
        ${
          access !== null && access.member.userId !== member.userId && !access.grantableRoles.includes(member.role)
            ? html`<p class="muted">This member has a higher role than yours, so you cannot change them.</p>`
            : nothing
        }
      </div>
    `;
  }

  private renderProfileForms(member: Member) {
    const invalid = (field: string) => (this.errors[field] === undefined ? 'false' : 'true');
    return html`
      <form class="row" part="form" @submit=${this.onField('fullName', 'Name updated.')}>
        <div class="field"><label for="field-full-name">Full Name</label>
          <input id="field-full-name" name="fullName" part="input" .value=${member.fullName} aria-invalid=${invalid('fullName')} aria-describedby="fullName-error" />
          ${this.renderFieldError('fullName')}
        </div>
        <button type="submit" part="button" ?disabled=${this.busy}>Update name</button>
      </form>
      <form class="row" part="form" @submit=${this.onField('email', 'A confirmation link was mailed to the new address. The email changes once it is confirmed.')}>
        <div class="field"><label for="field-email">Email</label>
          <input id="field-email" name="email" type="email" part="input" .value=${member.pendingEmail ?? member.email} aria-invalid=${invalid('email')} aria-describedby="email-error" />
          ${this.renderFieldError('email')}
        </div>
        <button type="submit" part="button" ?disabled=${this.busy}>Update email</button>
      </form>
      <form class="row" part="form" @submit=${this.onField('timezone', 'Timezone updated.')}>
        <div class="field"><label for="field-timezone">Timezone</label>
          <input id="field-timezone" name="timezone" part="input" list="zones" .value=${member.timezone} aria-invalid=${invalid('timezone')} aria-describedby="timezone-error" />
          ${this.renderFieldError('timezone')}
        </div>
        <datalist id="zones">${timeZones().map((zone) => html`<option value=${zone}></option>`)}</datalist>
        <button type="submit" part="button" ?disabled=${this.busy}>Update timezone</button>
      </form>
    `;
  }

  private renderProjects(member: Member) {
    return html`
      <fieldset part="projects">
        <legend>Projects</legend>
        ${this.projects.length === 0 ? html`<p class="muted">No projects yet.</p>` : nothing}
        ${this.projects.map(
          (project) => html`<label class="check">
            <input type="checkbox" .checked=${member.projectIds.includes(project.id)} ?disabled=${this.busy}
              @change=${(event: Event) => this.toggleProject(project.id, event)} />
            ${project.name}
          </label>`,
        )}
      </fieldset>
    `;
  }

  private renderRemove() {
    return this.confirmRemove
      ? html`<div class="row" role="group" aria-label="Confirm removal">
          <span>Remove this member from the organization?</span>
          <button class="danger" part="button" @click=${this.removeMember}>Yes, remove</button>
          <button part="button" @click=${() => (this.confirmRemove = false)}>Cancel</button>
        </div>`
      : html`<div><button class="danger" part="button remove" @click=${() => (this.confirmRemove = true)}>Remove from organization</button></div>`;
  }
}
