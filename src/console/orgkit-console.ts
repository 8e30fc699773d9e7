/// <reference lib="dom" />
/**
 * `<orgkit-console>`: the whole Users & Roles screen, with tabs Users,
 * Projects and Audit (each shown only when the role may use it). Without
 * `org-id`, it opens the signed-in user's first organization and offers the
 * others in a picker. Choosing a member opens their User Console.
 */
import { html, nothing } from 'lit';
import { OrgkitError } from '../errors.js';
import { usersControls } from './controls.js';
import { roleLabel } from './format.js';
import { describeError } from './messages.js';
import { type Access, OrgkitElement, PARTS } from './orgkit-element.js';

type Tab = 'users' | 'projects' | 'audit';
const TAB_LABELS: Record<Tab, string> = { users: 'Users', projects: 'Projects', audit: 'Audit' };

export class OrgkitConsole extends OrgkitElement {
  static override properties = {
    ...OrgkitElement.properties,
    tab: { state: true },
    selected: { state: true },
    organizations: { state: true },
    activeOrg: { state: true },
  };

  declare private tab: Tab;
  /** The member whose User Console is open. */
  declare private selected: string | null;
  declare private organizations: { id: string; name: string }[];
  /** The organization shown: `org-id`, or the one picked. */
  declare private activeOrg: string;

  constructor() {
    super();
    this.tab = 'users';
    this.selected = null;
    this.organizations = [];
    this.activeOrg = '';
  }

  protected override get ready(): boolean {
    return this.api !== '' || this.client !== undefined;
  }

  protected override async load(): Promise<void> {
    this.selected = null;
    const memberships = await this.run(() => this.orgkit.organizations.listForUser());
    const items = memberships?.items ?? [];
    this.organizations = items
      .filter((membership) => membership.status === 'active')
      .map(({ organization }) => ({ id: organization.id, name: organization.name }));
    const orgId = this.orgId || this.organizations[0]?.id || '';
    if (orgId === '' && memberships !== undefined) {
      // A disabled member is told so, rather than that they belong nowhere.
      const disabled = items.length > 0;
      const error = disabled ? new OrgkitError({ code: 'FORBIDDEN', details: { reason: 'MEMBER_DISABLED' } }) : null;
      this.notice = {
        kind: 'error',
        text: error === null ? 'You are not a member of any organization yet.' : describeError(error),
      };
    }
    await this.open(orgId);
  }

  private async open(orgId: string): Promise<void> {
    this.access = null;
    this.activeOrg = orgId;
    if (orgId === '') return;
    const access = await this.run(() => this.orgkit.organizations.access(orgId));
    if (access !== undefined) this.access = access as Access;
  }

  private pick(event: Event): void {
    this.selected = null;
    this.tab = 'users';
    void this.open((event.target as HTMLSelectElement).value);
  }

  private get tabs(): Tab[] {
    const controls = usersControls(this.access as Access | null);
    return (['users', 'projects', 'audit'] as const).filter((tab) => tab !== 'audit' || controls.audit);
  }

  /** Arrow keys, Home and End move between tabs, as the tabs pattern expects. */
  private onTabKey(event: KeyboardEvent): void {
    const tabs = this.tabs;
    const index = tabs.indexOf(this.tab);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    this.select(tabs[next]!);
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[role=tab][aria-selected=true]')?.focus(),
    );
  }

  /** Back from a User Console: the list again, focus on the Users tab rather than lost with the console. */
  private backToList(): void {
    this.selected = null;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[role=tab][aria-selected=true]')?.focus(),
    );
  }

  private select(tab: Tab): void {
    this.tab = tab;
    this.selected = null;
  }

  protected override render() {
    const access = this.access as Access | null;
    const name = this.organizations.find((org) => org.id === this.activeOrg)?.name;
    return html`
      <div part="console">
        <header class="spread" part="header">
          <div>
            <h1 style="margin: 0; font-size: 1.5em">${name ?? 'Users & Roles'}</h1>
            ${access === null ? nothing : html`<span class="muted">Signed in as ${access.member.fullName} (${roleLabel(access.role)})</span>`}
          </div>
          ${
            this.organizations.length > 1
              ? html`<div class="field"><label for="field-organization">Organization</label>
                  <select id="field-organization" part="select" @change=${this.pick}>
                    ${this.organizations.map((org) => html`<option value=${org.id} ?selected=${org.id === this.activeOrg}>${org.name}</option>`)}
                  </select>
                </div>`
              : nothing
          }
        </header>
        ${access === null ? this.renderNotice() : this.renderTabs(access)}
      </div>
    `;
  }

  private renderTabs(access: Access) {
    const tabs = this.tabs;
    return html`
      <div role="tablist" aria-label="Users and roles" part="tabs" class="row" style="margin: 16px 0; border-bottom: 1px solid var(--_border)" @keydown=${this.onTabKey}>
        ${tabs.map(
          (
            tab,
          ) => html`<button role="tab" id=${`tab-${tab}`} aria-controls="panel" part=${tab === this.tab ? 'tab tab-selected' : 'tab'}
            aria-selected=${tab === this.tab ? 'true' : 'false'} tabindex=${tab === this.tab ? '0' : '-1'}
            style=${tab === this.tab ? 'border-bottom: 3px solid var(--_accent); font-weight: 600' : ''}
            @click=${() => this.select(tab)}>${TAB_LABELS[tab]}</button>`,
        )}
      </div>
      <div role="tabpanel" id="panel" aria-labelledby=${`tab-${this.tab}`} part="panel">${this.renderPanel(access)}</div>
    `;
  }

  private renderPanel(access: Access) {
    const common = { api: this.api, org: this.activeOrg };
    if (this.tab === 'projects') {
      return html`<orgkit-projects exportparts=${PARTS} api=${common.api} org-id=${common.org} .client=${this.client} .access=${access}></orgkit-projects>`;
    }
    if (this.tab === 'audit') {
      return html`<orgkit-audit-log exportparts=${PARTS} api=${common.api} org-id=${common.org} .client=${this.client} .access=${access}></orgkit-audit-log>`;
    }
    // A member who may not list the others sees their own User Console.
    const lists = usersControls(access).listMembers;
    const userId = this.selected ?? (lists ? null : access.member.userId);
    if (userId !== null) {
      return html`<orgkit-user-console exportparts=${PARTS} api=${common.api} org-id=${common.org} user-id=${userId} .client=${this.client} .access=${access} .closable=${lists}
        @orgkit-close=${this.backToList} @orgkit-member-remove=${this.backToList}></orgkit-user-console>`;
    }
    return html`<orgkit-users exportparts=${PARTS} api=${common.api} org-id=${common.org} .client=${this.client} .access=${access}
      @orgkit-member-select=${(event: CustomEvent<{ userId: string }>) => (this.selected = event.detail.userId)}></orgkit-users>`;
  }
}
