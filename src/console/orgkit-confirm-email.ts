/// <reference lib="dom" />
/**
 * `<orgkit-confirm-email>`: the page an email-change link opens. One button,
 * "Confirm email", so that a link scanner opening the page changes nothing.
 * The token comes from the `token` attribute or the page's fragment. Needs
 * `api` only. Fires `orgkit-email-confirmed`.
 */
import { html, nothing } from 'lit';
import { isOrgkitError } from '../errors.js';
import { OrgkitElement } from './orgkit-element.js';
import { tokenFromLocation } from './token.js';

export class OrgkitConfirmEmail extends OrgkitElement {
  static override properties = {
    ...OrgkitElement.properties,
    token: { type: String },
    confirmed: { state: true },
  };

  /** The email change's token; default: the page's fragment. */
  declare token: string;
  declare private confirmed: boolean;

  constructor() {
    super();
    this.token = '';
    this.confirmed = false;
  }

  protected override get ready(): boolean {
    return this.api !== '' || this.client !== undefined;
  }

  /** The token codes are named for invitations; here they are about this link. */
  protected override fail(error: unknown): void {
    super.fail(error);
    if (isOrgkitError(error, 'INVITATION_INVALID') || isOrgkitError(error, 'INVITATION_EXPIRED')) {
      const why = error.code === 'INVITATION_EXPIRED' ? 'has expired' : 'is not valid, or was already used';
      this.notice = { kind: 'error', text: `This confirmation link ${why}. Change the email again to get a new one.` };
    }
  }

  private async confirm(): Promise<void> {
    const token = this.token || tokenFromLocation();
    if (token === '') {
      this.notice = {
        kind: 'error',
        text: 'This link has no confirmation in it. Open the link from your email again.',
      };
      return;
    }
    if (await this.attempt(() => this.orgkit.members.confirmEmail({ token }))) {
      this.confirmed = true;
      this.emit('email-confirmed', {});
    }
  }

  protected override render() {
    return html`
      <section class="card" part="confirm-email" aria-labelledby="confirm-title" style="max-width: 32rem">
        <h2 id="confirm-title">Confirm your new email address</h2>
        ${this.renderNotice()}
        ${
          this.confirmed
            ? html`<p role="status">Your email address is confirmed. You can close this page.</p>`
            : html`<p>Confirm that this address is yours to finish changing your email.</p>
                <button class="primary" part="button confirm" ?disabled=${this.busy || !this.ready} @click=${this.confirm}>Confirm email</button>`
        }
        ${nothing}
      </section>
    `;
  }
}
