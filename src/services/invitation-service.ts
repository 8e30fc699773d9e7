import { OrgkitError } from '../errors.js';
import { type Actor, actorSchema, idSchema } from '../schemas/common.js';
import type { AcceptInvitationInput, CreateInvitationInput, ListInvitationsInput } from '../schemas/inputs.js';
import { parse } from '../schemas/parse.js';
import type { InvitationRecord, MailRecord, MembershipRecord } from '../store/records.js';
import type { StoreTx } from '../store/store.js';
import { snapshot } from './audit-trail.js';
import { notFound, requireActor, requireGrant } from './authorization.js';
import { mutate, type ServiceContext } from './context.js';
import { decodeCursor, toPage } from './cursor.js';
import { ensureHostUser } from './host-user.js';
import { newId } from './ids.js';
import { claimedForFirstAttempt, invitationMail, sendClaimedMail } from './mail-delivery.js';
import { hashToken, newToken, tokenMatches } from './tokens.js';
import { type Invitation, type Member, type Page, toInvitation, toMember, toUser, type User } from './views.js';

/**
 * Email invitations (`orgkit.invitations`). The token is the invitee's
 * credential: no call ever returns it; only the mail carries it, as
 * `acceptUrl(token)`.
 */
export interface InvitationService<R extends string = string> {
  /**
   * Invites `email` as `role` (`members:invite`, and a role the actor may
   * grant), to be assigned `projectIds` on acceptance. The invitation and its
   * mail commit together; the mail is sent after commit, and a failing mailer
   * leaves it pending for `deliverPendingMail()` without failing the call.
   *
   * ```ts
   * const invitation = await orgkit.invitations.create(actor, { email: 'uma@acme.example', role: 'user', projectIds: [project.id] });
   * ```
   */
  create(actor: Actor, input: CreateInvitationInput<R>): Promise<Invitation<R>>;
  /**
   * One page of invitations, newest first (`invitations:read`); `status`
   * filters, and a lapsed pending invitation counts as `expired`.
   *
   * ```ts
   * const { items } = await orgkit.invitations.list(actor, { status: 'pending' });
   * ```
   */
  list(actor: Actor, query?: ListInvitationsInput): Promise<Page<Invitation<R>>>;
  /**
   * Withdraws a pending invitation (`invitations:revoke`): its link stops
   * working and its unsent mail is dropped.
   *
   * ```ts
   * await orgkit.invitations.revoke(actor, invitation.id);
   * ```
   */
  revoke(actor: Actor, invitationId: string): Promise<Invitation<R>>;
  /**
   * Mails a new link with a renewed expiry (`members:invite`); the old link
   * stops working.
   *
   * ```ts
   * await orgkit.invitations.resend(actor, invitation.id);
   * ```
   */
  resend(actor: Actor, invitationId: string): Promise<Invitation<R>>;
  /**
   * What an accept page shows before the invitee commits. No actor: the
   * token is the credential. `INVITATION_INVALID` or `INVITATION_EXPIRED`
   * when it no longer works.
   *
   * ```ts
   * const { organizationName, email, role, expiresAt } = await orgkit.invitations.preview(token);
   * ```
   */
  preview(token: string): Promise<{ organizationName: string; email: string; role: R; expiresAt: Date }>;
  /**
   * Accepts once: creates the user, or joins the existing user with the
   * invited email, with the invitation's role and projects. No actor: the
   * token is the credential. When the host already has the user signed in,
   * pass its id as `userId`: an id orgkit knows under another email is
   * refused (`FORBIDDEN`, `INVITATION_EMAIL_MISMATCH`), and the invitation
   * stays pending.
   *
   * ```ts
   * const { user, member } = await orgkit.invitations.accept({ token, fullName: 'Uma User', timezone: 'Asia/Tokyo' });
   * ```
   */
  accept(input: AcceptInvitationInput): Promise<{ user: User; member: Member<R> }>;
}

const invalid = () => new OrgkitError({ code: 'INVITATION_INVALID' });
const expired = () => new OrgkitError({ code: 'INVITATION_EXPIRED' });

export function createInvitationService<R extends string>(context: ServiceContext): InvitationService<R> {
  const { store, matrix, schemas, clock } = context;

  function newMail(invitation: InvitationRecord, now: Date): MailRecord {
    return {
      id: newId(),
      kind: 'invitation',
      organizationId: invitation.organizationId,
      invitationId: invitation.id,
      userId: null,
      to: invitation.email,
      status: 'pending',
      attempts: 0,
      lastError: null,
      createdAt: now,
      updatedAt: now,
      sentAt: null,
      claimedUntil: null,
    };
  }

  /** The invitation's mail, inserted claimed and rendered with `token`, for `sendClaimedMail` after commit. */
  async function claimedMail(tx: StoreTx, invitation: InvitationRecord, token: string, now: Date) {
    const mail = claimedForFirstAttempt(context, newMail(invitation, now));
    await tx.insertMail(mail);
    const organization = await tx.getOrganization(invitation.organizationId);
    if (organization === null) throw notFound('organization');
    return { mail, rendered: invitationMail(context, mail, invitation, organization, token) };
  }

  /** Loads an invitation the actor may manage: it must exist here, and its role must be one they could grant. */
  async function loadManageableInvitation(
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
      const { invitation, mail, rendered } = await mutate(context, async (tx, audit) => {
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
          throw notFound('project', missing);
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
        const { mail, rendered } = await claimedMail(tx, invitation, token, now);
        audit.record({
          organizationId: actor.organizationId,
          actorId: actor.userId,
          action: 'invitation.created',
          target: { targetType: 'invitation', targetId: invitation.id },
          changes: snapshot(invitation, ['email', 'role', 'projectIds', 'expiresAt'], 'created'),
          at: now,
        });
        return { invitation, mail, rendered };
      });
      await sendClaimedMail(context, mail, rendered);
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
        await loadManageableInvitation(tx, actor, invitationId, 'invitations:revoke');
        const revoked = await tx.updatePendingInvitation(actor.organizationId, invitationId, {
          status: 'revoked',
          updatedAt: now,
        });
        if (revoked === null) throw notFound('invitation');
        await tx.cancelPendingMail({ invitationId }, now);
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
      // One resend at a time per invitation, each with its mail, so links go out in the order they are made;
      // one that waited while another succeeded joins it instead of mailing a second link.
      return context.queue.run(`invitation:${invitationId}`, async (joined) => {
        const now = clock();
        if (joined) {
          const current = await store.transaction((tx) =>
            loadManageableInvitation(tx, actor, invitationId, 'members:invite'),
          );
          return toInvitation<R>(current, now);
        }
        const token = newToken();
        const { invitation, mail, rendered } = await mutate(context, async (tx, audit) => {
          const before = await loadManageableInvitation(tx, actor, invitationId, 'members:invite');
          const invitation = await tx.updatePendingInvitation(actor.organizationId, invitationId, {
            tokenHash: hashToken(token),
            expiresAt: new Date(now.getTime() + context.invitationTtlMs),
            invitedBy: actor.userId,
            updatedAt: now,
          });
          if (invitation === null) throw notFound('invitation');
          // An older mail still pending would mint yet another token and kill this one.
          await tx.cancelPendingMail({ invitationId }, now);
          const { mail, rendered } = await claimedMail(tx, invitation, token, now);
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
          return { invitation, mail, rendered };
        });
        await sendClaimedMail(context, mail, rendered);
        return toInvitation<R>(invitation, now);
      });
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
      const { token, fullName, timezone, userId } = parse(schemas.acceptInvitation, input);
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
        const profile = { email: invitation.email, fullName, timezone: timezone ?? 'UTC' };
        const user = await ensureHostUser(tx, profile, userId, now, 'INVITATION_EMAIL_MISMATCH');
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
        return { user: toUser(user), member: toMember<R>(member!, now) };
      });
    },
  };
}
