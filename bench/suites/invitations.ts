/**
 * Invite + accept, one pair after another, on every store: the invitation
 * and its mail, the mail's delivery, then acceptance by a new user. Pairs per
 * second over the whole window.
 */
import type { BenchConfig } from '../lib/config.js';
import { type Environment, STORE_NAMES, type StoreName } from '../lib/environment.js';
import { log } from '../lib/harness.js';

export interface InvitationRow {
  store: StoreName;
  pairs: number;
  perSecond: number;
  /** Mean time of one pair, ms. */
  meanMs: number;
}

export async function invitationSuite(env: Environment, config: BenchConfig): Promise<InvitationRow[]> {
  const rows: InvitationRow[] = [];
  for (const name of STORE_NAMES) {
    const { orgkit, lastToken } = env.stores[name];
    const { organization, owner } = await orgkit.organizations.create({
      name: `Invitations ${name}`,
      owner: { email: `inviter-${name}@owner.example`, fullName: 'Ines Inviter' },
    });
    const actor = { userId: owner.userId, organizationId: organization.id };
    let pairs = 0;
    let sent = 0;
    const pair = async () => {
      const email = `invitee-${name}-${sent++}@invite.example`;
      await orgkit.invitations.create(actor, { email, role: 'user' });
      const { member } = await orgkit.invitations.accept({ token: lastToken(), fullName: 'Ivy Invitee' });
      if (member.email !== email) throw new Error(`${name}: accepted as ${member.email}, expected ${email}`);
      pairs += 1;
    };
    await pair();
    pairs = 0;
    const start = performance.now();
    while (performance.now() - start < config.invitationMs) await pair();
    const elapsed = performance.now() - start;
    rows.push({ store: name, pairs, perSecond: (pairs / elapsed) * 1000, meanMs: elapsed / pairs });
    log(`invite + accept on ${name}: ${((pairs / elapsed) * 1000).toFixed(0)} pairs/s`);
  }
  return rows;
}
