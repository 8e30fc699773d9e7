/**
 * Where orgkit creates a user (a new organization's owner, an accepted
 * invitation), the host may name the user by its own id, so that its
 * sign-in and orgkit agree on who is who with no mapping table.
 */
import type { DenialReason } from '../access/role-rules.js';
import { isOrgkitError, OrgkitError } from '../errors.js';
import type { UserRecord } from '../store/records.js';
import type { StoreTx } from '../store/store.js';
import { forbidden } from './authorization.js';
import { newUser } from './views.js';

/**
 * The user with `profile.email`, created when there is none. With `userId`:
 * an id orgkit knows under another email is refused (`FORBIDDEN`,
 * `mismatch`), and an email it knows under another id is `CONFLICT`
 * (`EMAIL_TAKEN`); two transactions racing to create the same new id and
 * email make one user.
 */
export async function ensureHostUser(
  tx: StoreTx,
  profile: { email: string; fullName: string; timezone: string },
  userId: string | undefined,
  now: Date,
  mismatch: Extract<DenialReason, 'INVITATION_EMAIL_MISMATCH' | 'USER_EMAIL_MISMATCH'>,
): Promise<UserRecord> {
  if (userId === undefined) return (await tx.ensureUser(newUser(profile, now))).user;
  const refuse = () => forbidden({ reason: mismatch });
  const known = await tx.getUser(userId);
  if (known !== null) {
    if (known.email !== profile.email) throw refuse();
    return known;
  }
  let user: UserRecord;
  try {
    ({ user } = await tx.ensureUser({ ...newUser(profile, now), id: userId }));
  } catch (error) {
    // Another transaction created this id, under another email, since the read above.
    if (isOrgkitError(error, 'CONFLICT') && error.details.constraint === 'user_id') throw refuse();
    throw error;
  }
  if (user.id !== userId) {
    throw new OrgkitError({
      code: 'CONFLICT',
      message: 'Another user has this email.',
      details: { reason: 'EMAIL_TAKEN' },
    });
  }
  return user;
}
