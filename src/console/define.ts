/// <reference lib="dom" />
/**
 * Registers every console element under its `orgkit-…` name, once: a page
 * that loads the console twice (the package and the prebuilt bundle) keeps
 * the first definition instead of throwing.
 */
import { OrgkitAcceptInvitation } from './orgkit-accept-invitation.js';
import { OrgkitAddUser } from './orgkit-add-user.js';
import { OrgkitAuditLog } from './orgkit-audit-log.js';
import { OrgkitConfirmEmail } from './orgkit-confirm-email.js';
import { OrgkitConsole } from './orgkit-console.js';
import { OrgkitProjects } from './orgkit-projects.js';
import { OrgkitUserConsole } from './orgkit-user-console.js';
import { OrgkitUsers } from './orgkit-users.js';

export const ELEMENTS = {
  'orgkit-console': OrgkitConsole,
  'orgkit-users': OrgkitUsers,
  'orgkit-user-console': OrgkitUserConsole,
  'orgkit-add-user': OrgkitAddUser,
  'orgkit-projects': OrgkitProjects,
  'orgkit-audit-log': OrgkitAuditLog,
  'orgkit-accept-invitation': OrgkitAcceptInvitation,
  'orgkit-confirm-email': OrgkitConfirmEmail,
} as const;

/** Defines the elements not yet defined; a no-op where there is no `customElements` (server rendering). */
export function defineConsoleElements(): void {
  if (typeof customElements === 'undefined') return;
  for (const [name, element] of Object.entries(ELEMENTS)) {
    if (customElements.get(name) === undefined) customElements.define(name, element);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'orgkit-console': OrgkitConsole;
    'orgkit-users': OrgkitUsers;
    'orgkit-user-console': OrgkitUserConsole;
    'orgkit-add-user': OrgkitAddUser;
    'orgkit-projects': OrgkitProjects;
    'orgkit-audit-log': OrgkitAuditLog;
    'orgkit-accept-invitation': OrgkitAcceptInvitation;
    'orgkit-confirm-email': OrgkitConfirmEmail;
  }
}
