import { OWNER_ROLE } from '../access/matrix.js';
import { type Actor, actorSchema, idSchema } from '../schemas/common.js';
import type { CreateOrganizationInput, UpdateOrganizationInput } from '../schemas/inputs.js';
import { parse } from '../schemas/parse.js';
import type { MemberStatus, MembershipRecord, OrganizationRecord } from '../store/records.js';
import { diff, snapshot } from './audit-trail.js';
import { notFound, requireActor } from './authorization.js';
import { mutate, type ServiceContext } from './context.js';
import { ensureHostUser } from './host-user.js';
import { newId } from './ids.js';
import { type Member, type Organization, toMember } from './views.js';

/**
 * Organizations (`orgkit.organizations`). Every method but `create` and
 * `listForUser` takes the acting member first: `{ userId, organizationId }`.
 */
export interface OrganizationService<R extends string = string> {
  /**
   * Bootstrap at sign-up: no actor. Creates the organization and makes the
   * user with `owner.email` its owner, creating that user unless one exists.
   * Pass the host's own id as `owner.userId` to have orgkit use it: an id
   * orgkit knows under another email is refused (`FORBIDDEN`,
   * `USER_EMAIL_MISMATCH`); an email it knows under another id is
   * `CONFLICT` (`EMAIL_TAKEN`).
   *
   * ```ts
   * const { organization, owner } = await orgkit.organizations.create({
   *   name: 'Acme',
   *   owner: { userId: session.userId, email: 'olivia@acme.example', fullName: 'Olivia Owner', timezone: 'Europe/Berlin' },
   * });
   * const actor = { userId: owner.userId, organizationId: organization.id };
   * ```
   */
  create(input: CreateOrganizationInput): Promise<{ organization: Organization; owner: Member<R> }>;
  /**
   * The organization the actor acts in (`organization:read`).
   *
   * ```ts
   * const { name, settings } = await orgkit.organizations.get(actor);
   * ```
   */
  get(actor: Actor): Promise<Organization>;
  /**
   * Renames the organization (`organization:update`) or replaces its
   * settings (`settings:update`).
   *
   * ```ts
   * await orgkit.organizations.update(actor, { name: 'Acme Robotics', settings: { locale: 'de' } });
   * ```
   */
  update(actor: Actor, input: UpdateOrganizationInput): Promise<Organization>;
  /**
   * Deletes the organization with every membership, project, invitation and
   * audit event in it (`organization:delete`: owners only).
   *
   * ```ts
   * await orgkit.organizations.delete(actor);
   * ```
   */
  delete(actor: Actor): Promise<void>;
  /**
   * The organizations a user belongs to, with their role and status there,
   * oldest membership first. No actor and no authorization: the host asks
   * about its own signed-in user.
   *
   * ```ts
   * const memberships = await orgkit.organizations.listForUser(session.userId);
   * ```
   */
  listForUser(userId: string): Promise<Array<{ organization: Organization; role: R; status: MemberStatus }>>;
}

export function createOrganizationService<R extends string>(context: ServiceContext): OrganizationService<R> {
  const { store, matrix, schemas, clock } = context;
  const actorOf = (actor: unknown) => parse(actorSchema, actor);

  return {
    async create(input) {
      const { name, owner } = parse(schemas.createOrganization, input);
      const now = clock();
      return mutate(context, async (tx, audit) => {
        const organization: OrganizationRecord = { id: newId(), name, settings: {}, createdAt: now, updatedAt: now };
        await tx.insertOrganization(organization);
        const { userId, ...profile } = owner;
        const user = await ensureHostUser(tx, profile, userId, now, 'USER_EMAIL_MISMATCH');
        const membership: MembershipRecord = {
          organizationId: organization.id,
          userId: user.id,
          role: OWNER_ROLE,
          status: 'active',
          createdAt: now,
          updatedAt: now,
        };
        await tx.insertMembership(membership);
        const base = { organizationId: organization.id, actorId: user.id, at: now };
        audit.record({
          ...base,
          action: 'organization.created',
          target: { targetType: 'organization', targetId: organization.id },
          changes: snapshot(organization, ['name'], 'created'),
        });
        audit.record({
          ...base,
          action: 'member.added',
          target: { targetType: 'member', targetId: user.id },
          changes: snapshot(membership, ['role', 'status'], 'created'),
        });
        const member = await tx.getMember(organization.id, user.id);
        return { organization, owner: toMember<R>(member!, now) };
      });
    },

    async get(rawActor) {
      const actor = actorOf(rawActor);
      await requireActor(store, matrix, actor, 'organization:read');
      const organization = await store.getOrganization(actor.organizationId);
      if (organization === null) throw notFound('organization');
      return organization;
    },

    async update(rawActor, input) {
      const actor = actorOf(rawActor);
      const patch = parse(schemas.updateOrganization, input);
      const now = clock();
      return mutate(context, async (tx, audit) => {
        if (patch.name !== undefined) await requireActor(tx, matrix, actor, 'organization:update');
        if (patch.settings !== undefined) await requireActor(tx, matrix, actor, 'settings:update');
        const before = await tx.getOrganization(actor.organizationId);
        if (before === null) throw notFound('organization');
        const changes = diff(before, { ...before, ...patch }, ['name', 'settings']);
        if (Object.keys(changes).length === 0) return before;
        const after = await tx.updateOrganization(actor.organizationId, { ...patch, updatedAt: now });
        if (after === null) throw notFound('organization');
        audit.record({
          organizationId: actor.organizationId,
          actorId: actor.userId,
          action: 'organization.updated',
          target: { targetType: 'organization', targetId: actor.organizationId },
          changes,
          at: now,
        });
        return after;
      });
    },

    async delete(rawActor) {
      const actor = actorOf(rawActor);
      const now = clock();
      await mutate(context, async (tx, audit) => {
        await tx.lockOrganization(actor.organizationId);
        await requireActor(tx, matrix, actor, 'organization:delete');
        const organization = await tx.getOrganization(actor.organizationId);
        if (organization === null || !(await tx.deleteOrganization(actor.organizationId))) {
          throw notFound('organization');
        }
        audit.record({
          organizationId: actor.organizationId,
          actorId: actor.userId,
          action: 'organization.deleted',
          target: { targetType: 'organization', targetId: actor.organizationId },
          changes: snapshot(organization, ['name'], 'deleted'),
          at: now,
          persist: false,
        });
      });
    },

    async listForUser(userId) {
      const memberships = await store.listMembershipsOfUser(parse(idSchema, userId));
      return memberships.map(({ organization, membership }) => ({
        organization,
        role: membership.role as R,
        status: membership.status,
      }));
    },
  };
}
