/** Everything one run measured: what bench/results/*.json holds and the report is written from. */
import type { MachineInfo } from '../lib/machine.js';
import type { AuthorizeResults } from '../suites/authorize.js';
import type { InvitationRow } from '../suites/invitations.js';
import type { MemberResults } from '../suites/members.js';
import type { PureResults } from '../suites/pure-check.js';
import type { PlanResults } from '../suites/query-plans.js';

export interface BenchResults {
  smoke: boolean;
  sizes: number[];
  /** Wall time of the whole run, seeding included, in seconds. */
  durationS: number;
  machine: MachineInfo;
  pure: PureResults;
  members: Omit<MemberResults, 'organizations'>;
  authorize: AuthorizeResults;
  invitations: InvitationRow[];
  plans: PlanResults;
}
