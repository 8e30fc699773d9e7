/**
 * Record builders for tests. Each call makes fresh ids and a unique email, so
 * every test can seed its own data in a shared store without collisions.
 * Dates are whole milliseconds, as every store keeps them.
 */
import { randomBytes } from 'node:crypto';
import { newId } from '../services/ids.js';
import type {
  AuditEventRecord,
  InvitationRecord,
  MailRecord,
  MembershipRecord,
  OrganizationRecord,
  ProjectAssignmentRecord,
  ProjectRecord,
  UserRecord,
} from '../store/records.js';

const EPOCH = Date.UTC(2025, 0, 15, 9, 30, 0, 0);
const DAY_MS = 24 * 3600_000;

/** A fixed instant plus `offsetMs`, so tests can place records in time without reading the clock. */
export function aTime(offsetMs = 0): Date {
  return new Date(EPOCH + offsetMs);
}

/** A normalized email no other call returns. */
export function anEmail(label = 'user'): string {
  return `${label}-${newId()}@example.test`;
}

/** A SHA-256-shaped hex string, unique per call. */
export function aTokenHash(): string {
  return randomBytes(32).toString('hex');
}

export function aUser(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id: newId(),
    email: anEmail(),
    fullName: 'Ada Lovelace',
    timezone: 'UTC',
    pendingEmail: null,
    pendingEmailTokenHash: null,
    pendingEmailExpiresAt: null,
    createdAt: aTime(),
    updatedAt: aTime(),
    ...overrides,
  };
}

export function anOrganization(overrides: Partial<OrganizationRecord> = {}): OrganizationRecord {
  return {
    id: newId(),
    name: 'Analytical Engines Ltd',
    settings: {},
    createdAt: aTime(),
    updatedAt: aTime(),
    ...overrides,
  };
}

export function aMembership(
  overrides: Pick<MembershipRecord, 'organizationId' | 'userId'> & Partial<MembershipRecord>,
): MembershipRecord {
  return { role: 'user', status: 'active', createdAt: aTime(), updatedAt: aTime(), ...overrides };
}

export function aProject(overrides: Pick<ProjectRecord, 'organizationId'> & Partial<ProjectRecord>): ProjectRecord {
  return { id: newId(), name: 'Difference Engine', createdAt: aTime(), updatedAt: aTime(), ...overrides };
}

export function anAssignment(
  overrides: Pick<ProjectAssignmentRecord, 'organizationId' | 'projectId' | 'userId'> &
    Partial<ProjectAssignmentRecord>,
): ProjectAssignmentRecord {
  return { createdAt: aTime(), ...overrides };
}

/** A `pending` invitation that expires a week after {@link aTime}`()`. */
export function anInvitation(
  overrides: Pick<InvitationRecord, 'organizationId'> & Partial<InvitationRecord>,
): InvitationRecord {
  return {
    id: newId(),
    email: anEmail('invitee'),
    role: 'user',
    projectIds: [],
    status: 'pending',
    tokenHash: aTokenHash(),
    invitedBy: null,
    expiresAt: aTime(7 * DAY_MS),
    acceptedAt: null,
    createdAt: aTime(),
    updatedAt: aTime(),
    ...overrides,
  };
}

export function anAuditEvent(
  overrides: Pick<AuditEventRecord, 'organizationId'> & Partial<AuditEventRecord>,
): AuditEventRecord {
  return {
    id: newId(),
    actorId: null,
    action: 'member.updated',
    targetType: 'member',
    targetId: newId(),
    changes: {},
    createdAt: aTime(),
    ...overrides,
  };
}

/**
 * A `pending` outbox mail with no attempts yet: an invitation's (give its
 * `organizationId` and `invitationId`), or with `kind` and `userId`, a user's.
 */
export function aMail(
  overrides: (Pick<MailRecord, 'organizationId' | 'invitationId'> | Pick<MailRecord, 'kind' | 'userId'>) &
    Partial<MailRecord>,
): MailRecord {
  return {
    id: newId(),
    kind: 'invitation',
    organizationId: null,
    invitationId: null,
    userId: null,
    to: anEmail('invitee'),
    status: 'pending',
    attempts: 0,
    lastError: null,
    createdAt: aTime(),
    updatedAt: aTime(),
    sentAt: null,
    claimedUntil: null,
    ...overrides,
  };
}
