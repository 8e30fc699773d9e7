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
import type { ListMembersInput, UpdateMemberInput } from '../schemas/inputs.js';
import { parse } from '../schemas/parse.js';
import type { AuditChanges, MemberRecord, MemberStatus } from '../store/records.js';
import type { StoreTx } from '../store/store.js';
import { type AuditAction, type AuditTrail, diff } from './audit-trail.js';
import { forbidden, notFound, requireActOn, requireActor, requireGrant } from './authorization.js';
import { mutate, type ServiceContext } from './context.js';
import { decodeCursor, toPage } from './cursor.js';
import type { Member, Page } from './views.js';

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
   * owner cannot be demoted (`LAST_OWNER`). Anyone may change their own full
   * name and timezone (`profile:update`).
   *
   * ```ts
   * await orgkit.members.update(actor, userId, { role: 'admin', timezone: 'Asia/Tokyo' });
   * ```
   */
  update(actor: Actor, userId: string, input: UpdateMemberInput<R>): Promise<Member<R>>;
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

const PROFILE_FIELDS = new Set(['fullName', 'timezone']);

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
        (member) => member as Member<R>,
      );
    },

    async get(rawActor, rawUserId) {
      const actor = parse(actorSchema, rawActor);
      const userId = parse(idSchema, rawUserId);
      const self = userId === actor.userId;
      await requireActor(store, matrix, actor, self ? 'organization:read' : 'members:read');
      const member = await store.getMember(actor.organizationId, userId);
      if (member === null) throw notFound('member');
      return member as Member<R>;
    },

    async update(rawActor, rawUserId, input) {
      const actor = parse(actorSchema, rawActor);
      const userId = parse(idSchema, rawUserId);
      const patch = parse(schemas.updateMember, input);
      const now = clock();
      const profileOnly = userId === actor.userId && Object.keys(patch).every((field) => PROFILE_FIELDS.has(field));

      return mutate(context, async (tx, audit) => {
        const permission = profileOnly ? 'profile:update' : 'members:update';
        const { resolved, target } = await lockAndLoadTarget(tx, actor, permission, userId);
        if (!profileOnly) requireActOn(matrix, resolved, target.role);
        const changes = diff(target, { ...target, ...patch }, ['role', 'email', 'fullName', 'timezone']);
        if (Object.keys(changes).length === 0) return target as Member<R>;

        if (changes.role !== undefined && patch.role !== undefined) {
          requireGrant(matrix, resolved, patch.role);
          await keepActiveOwner(tx, actor.organizationId, target, { role: patch.role, status: target.status });
          await tx.updateMembership(actor.organizationId, userId, { role: patch.role, updatedAt: now });
        }
        if (changes.email !== undefined && (await tx.countMembershipsOfUser(userId)) > 1) {
          throw forbidden({ reason: 'EMAIL_SHARED_WITH_OTHER_ORGANIZATION', role: resolved.role });
        }
        if (changes.email !== undefined || changes.fullName !== undefined || changes.timezone !== undefined) {
          const { role: _role, ...userFields } = patch;
          await tx.updateUser(userId, { ...userFields, updatedAt: now });
        }
        recordMemberChange(audit, actor, 'member.updated', userId, changes, now);
        return (await tx.getMember(actor.organizationId, userId)) as Member<R>;
      });
    },

    async setStatus(rawActor, rawUserId, rawStatus) {
      const actor = parse(actorSchema, rawActor);
      const userId = parse(idSchema, rawUserId);
      const status: MemberStatus = parse(schemas.memberStatus, rawStatus);
      const now = clock();
      return mutate(context, async (tx, audit) => {
        const { resolved, target } = await lockAndLoadTarget(tx, actor, 'members:disable', userId);
        requireActOn(matrix, resolved, target.role);
        if (target.status === status) return target as Member<R>;
        await keepActiveOwner(tx, actor.organizationId, target, { role: target.role, status });
        await tx.updateMembership(actor.organizationId, userId, { status, updatedAt: now });
        const action = status === 'disabled' ? 'member.disabled' : 'member.enabled';
        recordMemberChange(audit, actor, action, userId, { status: { before: target.status, after: status } }, now);
        return (await tx.getMember(actor.organizationId, userId)) as Member<R>;
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
