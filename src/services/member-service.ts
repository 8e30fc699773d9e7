/**
 * Members of an organization: the user list and the user console's edits.
 * Every write locks the organization first, then reads actor and target, so
 * the role rules and the active-owner count are checked against data no
 * concurrent call can change underneath.
 */
import type { PermissionString } from '../access/matrix.js';
import { losesActiveOwner } from '../access/role-rules.js';
import { OrgkitError } from '../errors.js';
import { type Actor, actorSchema, idSchema } from '../schemas/common.js';
import type { ConfirmEmailInput, ListMembersInput, UpdateMemberInput } from '../schemas/inputs.js';
import { parse } from '../schemas/parse.js';
import type { AuditChanges, MemberRecord, MemberStatus } from '../store/records.js';
import type { StoreTx } from '../store/store.js';
import type { AuditAction, AuditTrail } from './audit-trail.js';
import { notFound, requireActOn, requireActor, requireGrant } from './authorization.js';
import { mutate, type ServiceContext } from './context.js';
import { decodeCursor, toPage } from './cursor.js';
import { deliverAfterCommit } from './mail-delivery.js';
import { changeProfile, confirmEmailChange } from './profile-change.js';
import { newToken } from './tokens.js';
import { type Member, type Page, toMember } from './views.js';

/**
 * Members of an organization (`orgkit.members`). Every method takes the
 * acting member first: `{ userId, organizationId }`.
 */
export interface MemberService<R extends string = string> {
  /**
   * One page of members, oldest first, with `members:read`. `search` matches
   * a case-insensitive substring of the full name or the email.
   *
   * ```ts
   * const { items, nextCursor } = await orgkit.members.list(actor, { role: 'admin', search: 'ada', limit: 20 });
   * const next = await orgkit.members.list(actor, { role: 'admin', search: 'ada', limit: 20, cursor: nextCursor });
   * ```
   */
  list(actor: Actor, query?: ListMembersInput<R>): Promise<Page<Member<R>>>;
  /**
   * One member, as the user console shows it. Needs `members:read`, except
   * for one's own record.
   *
   * ```ts
   * const member = await orgkit.members.get(actor, userId); // NOT_FOUND for a user of another organization
   * ```
   */
  get(actor: Actor, userId: string): Promise<Member<R>>;
  /**
   * Changes a member's role or profile. The role needs `members:update` and
   * a role the actor may grant, on a member they may act on; the last active
   * owner cannot be demoted (`LAST_OWNER`).
   *
   * The profile (full name, timezone, email) is the user's, the same in
   * every organization: anyone may change their own (`profile:update`;
   * audited in each of their organizations), and an admin may change the
   * profile of a member who belongs to no other organization (otherwise
   * `FORBIDDEN`, reason `PROFILE_SHARED_WITH_OTHER_ORGANIZATION`).
   *
   * A new email is not applied: it becomes `pendingEmail`, and a link to
   * confirm it is mailed to the new address (`confirmEmailUrl`); the answer
   * is the same whether or not that address is taken. Giving the current
   * email withdraws a pending change.
   *
   * ```ts
   * await orgkit.members.update(actor, userId, { role: 'admin', timezone: 'Asia/Tokyo' });
   * const me = await orgkit.members.update(actor, actor.userId, { email: 'new@acme.example' }); // me.pendingEmail
   * ```
   */
  update(actor: Actor, userId: string, input: UpdateMemberInput<R>): Promise<Member<R>>;
  /**
   * Confirms an email change with the token from the link mailed to the new
   * address. No actor: the token is the credential (single use, expiring).
   * The old address is told. `INVITATION_INVALID` or `INVITATION_EXPIRED`
   * when the link no longer works; `CONFLICT` (`EMAIL_TAKEN`) when another
   * user took the address meanwhile.
   *
   * ```ts
   * const { userId, email } = await orgkit.members.confirmEmail({ token });
   * ```
   */
  confirmEmail(input: ConfirmEmailInput): Promise<{ userId: string; email: string }>;
  /**
   * Disables or re-enables a member's access (`members:disable`). A disabled
   * member is refused everything until enabled; the last active owner cannot
   * be disabled.
   *
   * ```ts
   * await orgkit.members.setStatus(actor, userId, 'disabled');
   * ```
   */
  setStatus(actor: Actor, userId: string, status: MemberStatus): Promise<Member<R>>;
  /**
   * Removes a member and their project assignments (`members:remove`).
   * Removing oneself is leaving: it needs no permission, but the last active
   * owner cannot leave.
   *
   * ```ts
   * await orgkit.members.remove(actor, actor.userId); // leave the organization
   * ```
   */
  remove(actor: Actor, userId: string): Promise<void>;
}

export function createMemberService<R extends string>(context: ServiceContext): MemberService<R> {
  const { store, matrix, schemas, clock } = context;

  /** Locks the organization, resolves the actor for `permission`, then loads the member acted on. */
  async function lockAndLoadTarget(tx: StoreTx, actor: Actor, permission: PermissionString, userId: string) {
    await tx.lockOrganization(actor.organizationId);
    const resolved = await requireActor(tx, matrix, actor, permission);
    const target = await tx.getMember(actor.organizationId, userId);
    if (target === null) throw notFound('member');
    return { resolved, target };
  }

  /** `LAST_OWNER` when the change takes away the organization's only active owner. */
  async function keepActiveOwner(
    tx: StoreTx,
    organizationId: string,
    before: MemberRecord,
    after: { role: string; status: string } | null,
  ): Promise<void> {
    if (losesActiveOwner(before, after) && (await tx.countActiveOwners(organizationId)) <= 1) {
      throw new OrgkitError({ code: 'LAST_OWNER' });
    }
  }

  function recordMemberChange(
    audit: AuditTrail,
    actor: Actor,
    action: AuditAction,
    userId: string,
    changes: AuditChanges,
    at: Date,
  ) {
    const target = { targetType: 'member', targetId: userId } as const;
    audit.record({ organizationId: actor.organizationId, actorId: actor.userId, action, target, changes, at });
  }

  return {
    async list(rawActor, query = {}) {
      const actor = parse(actorSchema, rawActor);
      const { limit, cursor, search, ...filters } = parse(schemas.listMembers, query);
      await requireActor(store, matrix, actor, 'members:read');
      const now = clock();
      const rows = await store.listMembers({
        organizationId: actor.organizationId,
        ...filters,
        ...(search ? { search } : {}),
        limit: limit + 1,
        after: cursor === undefined ? undefined : decodeCursor(cursor),
      });
      return toPage(
        rows,
        limit,
        (member) => ({ createdAt: member.createdAt, id: member.userId }),
        (member) => toMember<R>(member, now),
      );
    },

    async get(rawActor, rawUserId) {
      const actor = parse(actorSchema, rawActor);
      const userId = parse(idSchema, rawUserId);
      const self = userId === actor.userId;
      await requireActor(store, matrix, actor, self ? 'organization:read' : 'members:read');
      const member = await store.getMember(actor.organizationId, userId);
      if (member === null) throw notFound('member');
      return toMember<R>(member, clock());
    },

    async update(rawActor, rawUserId, input) {
      const actor = parse(actorSchema, rawActor);
      const userId = parse(idSchema, rawUserId);
      const { role, ...profile } = parse(schemas.updateMember, input);
      // Changing one's own profile needs only `profile:update`; anything else is managing a member.
      const profileOnly = userId === actor.userId && role === undefined;
      // One change of a user at a time, so confirmation links go out in the order they are made.
      return context.queue.run(`user:${userId}`, async () => {
        const now = clock();
        const token = newToken();
        const { member, mail } = await mutate(context, async (tx, audit) => {
          const permission = profileOnly ? 'profile:update' : 'members:update';
          const { resolved, target } = await lockAndLoadTarget(tx, actor, permission, userId);
          if (!profileOnly) requireActOn(matrix, resolved, target.role);
          const roleChanges: AuditChanges = {};
          if (role !== undefined && role !== target.role) {
            requireGrant(matrix, resolved, role);
            await keepActiveOwner(tx, actor.organizationId, target, { role, status: target.status });
            await tx.updateMembership(actor.organizationId, userId, { role, updatedAt: now });
            roleChanges.role = { before: target.role, after: role };
          }
          const { changed, mail } = await changeProfile(context, tx, audit, {
            actor: resolved,
            target,
            patch: profile,
            roleChanges,
            token,
            now,
          });
          if (!changed) return { member: target, mail: null };
          return { member: (await tx.getMember(actor.organizationId, userId))!, mail };
        });
        if (mail !== null) await deliverAfterCommit(context, mail, token);
        return toMember<R>(member, now);
      });
    },

    async confirmEmail(input) {
      const { token } = parse(schemas.confirmEmail, input);
      const { userId, email, notice } = await confirmEmailChange(context, token);
      await deliverAfterCommit(context, notice);
      return { userId, email };
    },

    async setStatus(rawActor, rawUserId, rawStatus) {
      const actor = parse(actorSchema, rawActor);
      const userId = parse(idSchema, rawUserId);
      const status: MemberStatus = parse(schemas.memberStatus, rawStatus);
      const now = clock();
      return mutate(context, async (tx, audit) => {
        const { resolved, target } = await lockAndLoadTarget(tx, actor, 'members:disable', userId);
        requireActOn(matrix, resolved, target.role);
        if (target.status === status) return toMember<R>(target, now);
        await keepActiveOwner(tx, actor.organizationId, target, { role: target.role, status });
        await tx.updateMembership(actor.organizationId, userId, { status, updatedAt: now });
        const action = status === 'disabled' ? 'member.disabled' : 'member.enabled';
        recordMemberChange(audit, actor, action, userId, { status: { before: target.status, after: status } }, now);
        return toMember<R>((await tx.getMember(actor.organizationId, userId))!, now);
      });
    },

    async remove(rawActor, rawUserId) {
      const actor = parse(actorSchema, rawActor);
      const userId = parse(idSchema, rawUserId);
      const leaving = userId === actor.userId;
      const now = clock();
      await mutate(context, async (tx, audit) => {
        const permission = leaving ? 'organization:read' : 'members:remove';
        const { resolved, target } = await lockAndLoadTarget(tx, actor, permission, userId);
        if (!leaving) requireActOn(matrix, resolved, target.role);
        await keepActiveOwner(tx, actor.organizationId, target, null);
        await tx.deleteMembership(actor.organizationId, userId);
        const changes = {
          role: { before: target.role, after: null },
          status: { before: target.status, after: null },
          projectIds: { before: target.projectIds, after: null },
        };
        recordMemberChange(audit, actor, 'member.removed', userId, changes, now);
      });
    },
  };
}
