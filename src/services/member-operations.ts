/**
 * The member half of OrganizationService: listing, the user console's edits,
 * enabling and disabling, removal. Every write locks the organization first,
 * then reads actor and target, so the role rules and the active-owner count
 * are checked against data no concurrent call can change underneath.
 */
import { forbidden, losesActiveOwner } from '../access/role-rules.js';
import { decodeCursor, toPage } from '../cursor.js';
import { OrgkitError } from '../errors.js';
import { type Actor, actorSchema, idSchema } from '../schemas/common.js';
import { parse } from '../schemas/parse.js';
import type { AuditChanges, MemberRecord, MemberStatus } from '../store/records.js';
import type { StoreTx } from '../store/store.js';
import { notFound, requireActOn, requireActor, requireGrant } from './access.js';
import { type AuditAction, type AuditTrail, diff } from './audit-trail.js';
import { mutate, type ServiceContext } from './context.js';
import type { OrganizationService } from './organization-service.js';
import type { Member } from './views.js';

type MemberOperations<R extends string> = Pick<
  OrganizationService<R>,
  'listMembers' | 'getMember' | 'updateMember' | 'setMemberStatus' | 'removeMember'
>;

const PROFILE_FIELDS = new Set(['fullName', 'timezone']);

export function createMemberOperations<R extends string>(context: ServiceContext): MemberOperations<R> {
  const { store, matrix, schemas, clock } = context;

  /** Locks the organization, resolves the actor for `permission` and loads the target. */
  async function begin(tx: StoreTx, actor: Actor, permission: Parameters<typeof requireActor>[3], userId: string) {
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
    async listMembers(rawActor, query = {}) {
      const actor = parse(actorSchema, rawActor);
      const { limit, cursor, search, ...filters } = parse(schemas.listMembers, query);
      await requireActor(store, matrix, actor, 'members:read');
      const position = cursor === undefined ? undefined : decodeCursor(cursor);
      const rows = await store.listMembers({
        organizationId: actor.organizationId,
        ...filters,
        ...(search ? { search } : {}),
        limit: limit + 1,
        after: position && { createdAt: position.createdAt, userId: position.id },
      });
      return toPage(
        rows,
        limit,
        (member) => ({ createdAt: member.createdAt, id: member.userId }),
        (member) => member as Member<R>,
      );
    },

    async getMember(rawActor, rawUserId) {
      const actor = parse(actorSchema, rawActor);
      const userId = parse(idSchema, rawUserId);
      const self = userId === actor.userId;
      await requireActor(store, matrix, actor, self ? 'organization:read' : 'members:read');
      const member = await store.getMember(actor.organizationId, userId);
      if (member === null) throw notFound('member');
      return member as Member<R>;
    },

    async updateMember(rawActor, rawUserId, input) {
      const actor = parse(actorSchema, rawActor);
      const userId = parse(idSchema, rawUserId);
      const patch = parse(schemas.updateMember, input);
      const now = clock();
      const profileOnly = userId === actor.userId && Object.keys(patch).every((field) => PROFILE_FIELDS.has(field));

      return mutate(context, async (tx, audit) => {
        const { resolved, target } = await begin(tx, actor, profileOnly ? 'profile:update' : 'members:update', userId);
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

    async setMemberStatus(rawActor, rawUserId, rawStatus) {
      const actor = parse(actorSchema, rawActor);
      const userId = parse(idSchema, rawUserId);
      const status: MemberStatus = parse(schemas.memberStatus, rawStatus);
      const now = clock();
      return mutate(context, async (tx, audit) => {
        const { resolved, target } = await begin(tx, actor, 'members:disable', userId);
        requireActOn(matrix, resolved, target.role);
        if (target.status === status) return target as Member<R>;
        await keepActiveOwner(tx, actor.organizationId, target, { role: target.role, status });
        await tx.updateMembership(actor.organizationId, userId, { status, updatedAt: now });
        const action = status === 'disabled' ? 'member.disabled' : 'member.enabled';
        recordMemberChange(audit, actor, action, userId, { status: { before: target.status, after: status } }, now);
        return (await tx.getMember(actor.organizationId, userId)) as Member<R>;
      });
    },

    async removeMember(rawActor, rawUserId) {
      const actor = parse(actorSchema, rawActor);
      const userId = parse(idSchema, rawUserId);
      const leaving = userId === actor.userId;
      const now = clock();
      await mutate(context, async (tx, audit) => {
        const { resolved, target } = await begin(tx, actor, leaving ? 'organization:read' : 'members:remove', userId);
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
