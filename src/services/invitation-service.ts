import { decodeCursor, toPage } from '../cursor.js';
import { OrgkitError } from '../errors.js';
import { newId } from '../ids.js';
import { deliverMail } from '../mail/outbox.js';
import { type Actor, actorSchema, idSchema } from '../schemas/common.js';
import type { AcceptInvitationInput, CreateInvitationInput, ListInvitationsInput } from '../schemas/inputs.js';
import { parse } from '../schemas/parse.js';
import type { InvitationRecord, MailRecord, MembershipRecord, UserRecord } from '../store/records.js';
import type { StoreTx } from '../store/store.js';
import { hashToken, newToken, tokenMatches } from '../tokens.js';
import { notFound, requireActor, requireGrant } from './access.js';
import { snapshot } from './audit-trail.js';
import { mutate, type ServiceContext } from './context.js';
import { type Invitation, type Member, type Page, toInvitation } from './views.js';

/** Email invitations (SPEC §4). The token is the invitee's credential: no call but the mail ever returns it. */
export interface InvitationService<R extends string = string> {
  /** Stores the invitation and its mail together, then sends the mail. A failing mailer does not fail the call. */
  create(actor: Actor, input: CreateInvitationInput<R>): Promise<Invitation<R>>;
  /** Newest first. */
  list(actor: Actor, query?: ListInvitationsInput): Promise<Page<Invitation<R>>>;
  revoke(actor: Actor, invitationId: string): Promise<Invitation<R>>;
  /** A new token and a renewed expiry; the old link stops working. */
  resend(actor: Actor, invitationId: string): Promise<Invitation<R>>;
  /** What an accept page shows before the invitee commits. */
  preview(token: string): Promise<{ organizationName: string; email: string; role: R; expiresAt: Date }>;
  /** Single use. Creates the user, or joins the existing user with the invited email. */
  accept(input: AcceptInvitationInput): Promise<{ user: UserRecord; member: Member<R> }>;
}

const invalid = () => new OrgkitError({ code: 'INVITATION_INVALID' });
const expired = () => new OrgkitError({ code: 'INVITATION_EXPIRED' });

export function createInvitationService<R extends string>(context: ServiceContext): InvitationService<R> {
  const { store, matrix, schemas, clock } = context;

  function newMail(invitation: InvitationRecord, now: Date): MailRecord {
    return {
      id: newId(),
      organizationId: invitation.organizationId,
      invitationId: invitation.id,
      to: invitation.email,
      status: 'pending',
      attempts: 0,
      lastError: null,
      createdAt: now,
      updatedAt: now,
      sentAt: null,
    };
  }

  /** Loads an invitation the actor may manage: it must exist here, and its role must be one they could grant. */
  async function manageable(
    tx: StoreTx,
    actor: Actor,
    invitationId: string,
    permission: 'invitations:revoke' | 'members:invite',
  ) {
    const resolved = await requireActor(tx, matrix, actor, permission);
    const invitation = await tx.getInvitation(actor.organizationId, invitationId);
    if (invitation === null) throw notFound('invitation');
    requireGrant(matrix, resolved, invitation.role);
    if (invitation.status !== 'pending') {
      throw new OrgkitError({
        code: 'CONFLICT',
        message: 'The invitation is no longer pending.',
        details: { reason: 'INVITATION_NOT_PENDING', status: invitation.status },
      });
    }
    return invitation;
  }

  return {
    async create(rawActor, input) {
      const actor = parse(actorSchema, rawActor);
      const { email, role, projectIds } = parse(schemas.createInvitation, input);
      const now = clock();
      const token = newToken();
      const { invitation, mail } = await mutate(context, async (tx, audit) => {
        const resolved = await requireActor(tx, matrix, actor, 'members:invite');
        requireGrant(matrix, resolved, role);
        const existingUser = await tx.findUserByEmail(email);
        if (existingUser !== null && (await tx.getAccess(actor.organizationId, existingUser.id)) !== null) {
          throw new OrgkitError({
            code: 'CONFLICT',
            message: 'Already a member.',
            details: { reason: 'ALREADY_MEMBER' },
          });
        }
        const pending = await tx.findPendingInvitation(actor.organizationId, email);
        if (pending !== null) {
          if (pending.expiresAt.getTime() > now.getTime()) {
            throw new OrgkitError({
              code: 'CONFLICT',
              message: 'A pending invitation to this email exists.',
              details: { reason: 'INVITATION_PENDING', invitationId: pending.id },
            });
          }
          // A lapsed invitation no longer blocks a new one; the unique index still guards the race.
          await tx.updatePendingInvitation(actor.organizationId, pending.id, { status: 'expired', updatedAt: now });
        }
        const found = await tx.existingProjectIds(actor.organizationId, projectIds);
        if (found.length !== projectIds.length) {
          const missing = projectIds.filter((id) => !found.includes(id));
          throw new OrgkitError({
            code: 'NOT_FOUND',
            message: 'No such project in this organization.',
            details: { what: 'project', projectIds: missing },
          });
        }
        const invitation: InvitationRecord = {
          id: newId(),
          organizationId: actor.organizationId,
          email,
          role,
          projectIds: [...projectIds].sort(),
          status: 'pending',
          tokenHash: hashToken(token),
          invitedBy: actor.userId,
          expiresAt: new Date(now.getTime() + context.invitationTtlMs),
          acceptedAt: null,
          createdAt: now,
          updatedAt: now,
        };
        await tx.insertInvitation(invitation);
        const mail = newMail(invitation, now);
        await tx.insertMail(mail);
        audit.record({
          organizationId: actor.organizationId,
          actorId: actor.userId,
          action: 'invitation.created',
          target: { targetType: 'invitation', targetId: invitation.id },
          changes: snapshot(invitation, ['email', 'role', 'projectIds', 'expiresAt'], 'created'),
          at: now,
        });
        return { invitation, mail };
      });
      await deliverMail(context, mail, token);
      return toInvitation<R>(invitation, now);
    },

    async list(rawActor, query = {}) {
      const actor = parse(actorSchema, rawActor);
      const { limit, cursor, status } = parse(schemas.listInvitations, query);
      await requireActor(store, matrix, actor, 'invitations:read');
      const now = clock();
      const rows = await store.listInvitations({
        organizationId: actor.organizationId,
        ...(status ? { status } : {}),
        now,
        limit: limit + 1,
        after: cursor === undefined ? undefined : decodeCursor(cursor),
      });
      return toPage(
        rows,
        limit,
        (row) => row,
        (row) => toInvitation<R>(row, now),
      );
    },

    async revoke(rawActor, rawId) {
      const actor = parse(actorSchema, rawActor);
      const invitationId = parse(idSchema, rawId);
      const now = clock();
      return mutate(context, async (tx, audit) => {
        await manageable(tx, actor, invitationId, 'invitations:revoke');
        const revoked = await tx.updatePendingInvitation(actor.organizationId, invitationId, {
          status: 'revoked',
          updatedAt: now,
        });
        if (revoked === null) throw notFound('invitation');
        await tx.cancelPendingMail(invitationId, now);
        audit.record({
          organizationId: actor.organizationId,
          actorId: actor.userId,
          action: 'invitation.revoked',
          target: { targetType: 'invitation', targetId: invitationId },
          changes: { status: { before: 'pending', after: 'revoked' } },
          at: now,
        });
        return toInvitation<R>(revoked, now);
      });
    },

    async resend(rawActor, rawId) {
      const actor = parse(actorSchema, rawActor);
      const invitationId = parse(idSchema, rawId);
      const now = clock();
      const token = newToken();
      const { invitation, mail } = await mutate(context, async (tx, audit) => {
        const before = await manageable(tx, actor, invitationId, 'members:invite');
        const invitation = await tx.updatePendingInvitation(actor.organizationId, invitationId, {
          tokenHash: hashToken(token),
          expiresAt: new Date(now.getTime() + context.invitationTtlMs),
          invitedBy: actor.userId,
          updatedAt: now,
        });
        if (invitation === null) throw notFound('invitation');
        // An older mail still pending would mint yet another token and kill this one.
        await tx.cancelPendingMail(invitationId, now);
        const mail = newMail(invitation, now);
        await tx.insertMail(mail);
        audit.record({
          organizationId: actor.organizationId,
          actorId: actor.userId,
          action: 'invitation.resent',
          target: { targetType: 'invitation', targetId: invitationId },
          changes: {
            expiresAt: { before: before.expiresAt.toISOString(), after: invitation.expiresAt.toISOString() },
          },
          at: now,
        });
        return { invitation, mail };
      });
      await deliverMail(context, mail, token);
      return toInvitation<R>(invitation, now);
    },

    async preview(rawToken) {
      const token = parse(schemas.token, rawToken);
      const invitation = await store.findInvitationByTokenHash(hashToken(token));
      if (invitation === null || !tokenMatches(token, invitation.tokenHash)) throw invalid();
      if (invitation.status === 'expired') throw expired();
      if (invitation.status !== 'pending') throw invalid();
      if (invitation.expiresAt.getTime() <= clock().getTime()) throw expired();
      const organization = await store.getOrganization(invitation.organizationId);
      if (organization === null) throw invalid();
      return {
        organizationName: organization.name,
        email: invitation.email,
        role: invitation.role as R,
        expiresAt: invitation.expiresAt,
      };
    },

    async accept(input) {
      const { token, fullName, timezone } = parse(schemas.acceptInvitation, input);
      const tokenHash = hashToken(token);
      const now = clock();
      return mutate(context, async (tx, audit) => {
        // The claim is the single-use guarantee: of two racing accepts, one gets the row.
        const invitation = await tx.claimInvitation(tokenHash, now);
        if (invitation === null) {
          const known = await tx.findInvitationByTokenHash(tokenHash);
          throw known?.status === 'expired' ? expired() : invalid();
        }
        if (!tokenMatches(token, invitation.tokenHash)) throw invalid();
        // Throwing rolls the claim back: an expired invitation stays as it was.
        if (invitation.expiresAt.getTime() <= now.getTime()) throw expired();

        const { organizationId } = invitation;
        const { user } = await tx.ensureUser({
          id: newId(),
          email: invitation.email,
          fullName,
          timezone: timezone ?? 'UTC',
          createdAt: now,
          updatedAt: now,
        });
        const membership: MembershipRecord = {
          organizationId,
          userId: user.id,
          role: invitation.role,
          status: 'active',
          createdAt: now,
          updatedAt: now,
        };
        await tx.insertMembership(membership);
        for (const projectId of invitation.projectIds) {
          await tx.assignProject({ organizationId, projectId, userId: user.id, createdAt: now });
        }
        const base = { organizationId, actorId: user.id, at: now };
        audit.record({
          ...base,
          action: 'invitation.accepted',
          target: { targetType: 'invitation', targetId: invitation.id },
          changes: { status: { before: 'pending', after: 'accepted' } },
        });
        audit.record({
          ...base,
          action: 'member.added',
          target: { targetType: 'member', targetId: user.id },
          changes: {
            ...snapshot(membership, ['role', 'status'], 'created'),
            projectIds: { before: null, after: invitation.projectIds },
          },
        });
        const member = await tx.getMember(organizationId, user.id);
        return { user, member: member as Member<R> };
      });
    },
  };
}
