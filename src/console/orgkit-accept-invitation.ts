/// <reference lib="dom" />
/**
 * `<orgkit-accept-invitation>`: the page an invitation link opens. Shows the
 * organization, role and expiry from the preview; asks for a full name and
 * timezone (the browser's by default); "Accept invitation". The token comes
 * from the `token` attribute or the page's fragment. Needs `api` only.
 * Fires `orgkit-accepted` with `{ member }`, then follows `next` if set
 * (`{orgId}` in it becomes the organization's id).
 */
import { html, nothing } from 'lit';
import { browserTimeZone, formatDate, roleLabel, timeZones } from './format.js';
import { type Member, OrgkitElement } from './orgkit-element.js';
import { tokenFromLocation } from './token.js';

type Preview = { organizationName: string; email: string; role: string; expiresAt: Date };

export class OrgkitAcceptInvitation extends OrgkitElement {
  static override properties = {
    ...OrgkitElement.properties,
    token: { type: String },
    next: { type: String },
    preview: { state: true },
    accepted: { state: true },
  };

  /** The invitation's token; default: the page's fragment. */
  declare token: string;
  /** Where to go once accepted, such as `/app?org={orgId}`. */
  declare next: string;
  declare private preview: Preview | null;
  declare private accepted: Member | null;

  constructor() {
    super();
    this.token = '';
    this.next = '';
    this.preview = null;
    this.accepted = null;
  }

  protected override get ready(): boolean {
    return this.api !== '' || this.client !== undefined;
  }

  private get theToken(): string {
    return this.token || tokenFromLocation();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed as never);
    if (changed.has('token') && !changed.has('api') && this.ready) void this.load();
  }

  protected override async load(): Promise<void> {
    if (this.theToken === '') {
      this.notice = { kind: 'error', text: 'This link has no invitation in it. Open the link from your email again.' };
      return;
    }
    const preview = await this.run(() => this.orgkit.invitations.preview(this.theToken));
    if (preview !== undefined) this.preview = preview;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const input = {
      token: this.theToken,
      fullName: String(form.get('fullName') ?? '').trim(),
      timezone: String(form.get('timezone') ?? '') || browserTimeZone(),
    };
    const result = await this.run(() => this.orgkit.invitations.accept(input));
    if (result === undefined) return;
    this.accepted = result.member;
    this.emit('accepted', { member: result.member });
    if (this.next !== '')
      location.assign(this.next.replaceAll('{orgId}', encodeURIComponent(result.member.organizationId)));
  }

  protected override render() {
    const preview = this.preview;
    return html`
      <section class="card" part="accept" aria-labelledby="accept-title" style="max-width: 32rem">
        <h2 id="accept-title">${preview === null ? 'Invitation' : `Join ${preview.organizationName}`}</h2>
        ${this.renderNotice()}
        ${
          this.accepted !== null
            ? html`<p role="status">Welcome, ${this.accepted.fullName}. You are now a member of ${preview?.organizationName}.</p>`
            : preview === null
              ? this.busy
                ? html`<p class="muted" role="status">Checking your invitation…</p>`
                : nothing
              : this.renderForm(preview)
        }
      </section>
    `;
  }

  private renderForm(preview: Preview) {
    const zone = browserTimeZone();
    const invalid = (field: string) => (this.errors[field] === undefined ? 'false' : 'true');
    return html`
      <dl>
        <dt>Organization</dt><dd>${preview.organizationName}</dd>
        <dt>Email</dt><dd>${preview.email}</dd>
        <dt>Role</dt><dd>${roleLabel(preview.role)}</dd>
        <dt>Expires</dt><dd>${formatDate(preview.expiresAt, zone)}</dd>
      </dl>
      <form class="stack" novalidate @submit=${this.submit}>
        <div class="field"><label for="field-full-name">Full name</label>
          <input id="field-full-name" name="fullName" part="input" required autocomplete="name" aria-invalid=${invalid('fullName')} aria-describedby="fullName-error" />
          ${this.renderFieldError('fullName')}
        </div>
        <div class="field"><label for="field-timezone">Timezone</label>
          <select id="field-timezone" name="timezone" part="select" aria-invalid=${invalid('timezone')} aria-describedby="timezone-error">
            ${timeZones().map((name) => html`<option value=${name} ?selected=${name === zone}>${name}</option>`)}
          </select>
          ${this.renderFieldError('timezone')}
        </div>
        <div><button type="submit" class="primary" part="button accept" ?disabled=${this.busy}>Accept invitation</button></div>
      </form>
    `;
  }
}
