/// <reference lib="dom" />
/**
 * The Users & Roles console as standard custom elements (Lit), on
 * `orgkit/client`. Importing this module defines `<orgkit-console>`,
 * `<orgkit-users>`, `<orgkit-user-console>`, `<orgkit-add-user>`,
 * `<orgkit-projects>`, `<orgkit-audit-log>`, `<orgkit-accept-invitation>` and
 * `<orgkit-confirm-email>`; each takes `api` (where orgkit is mounted) and
 * `org-id`. See docs/console.md.
 */
import { defineConsoleElements } from './console/define.js';

export {
  type AccessLike,
  invitableRoles,
  invitationControls,
  memberControls,
  type TargetLike,
  usersControls,
} from './console/controls.js';
export { defineConsoleElements, ELEMENTS } from './console/define.js';
export { describeError, fieldErrors } from './console/messages.js';
export { OrgkitAcceptInvitation } from './console/orgkit-accept-invitation.js';
export { OrgkitAddUser } from './console/orgkit-add-user.js';
export { OrgkitAuditLog } from './console/orgkit-audit-log.js';
export { OrgkitConfirmEmail } from './console/orgkit-confirm-email.js';
export { OrgkitConsole } from './console/orgkit-console.js';
export type { Access, Notice } from './console/orgkit-element.js';
export { OrgkitElement } from './console/orgkit-element.js';
export { OrgkitProjects } from './console/orgkit-projects.js';
export { OrgkitUserConsole } from './console/orgkit-user-console.js';
export { OrgkitUsers } from './console/orgkit-users.js';

defineConsoleElements();
