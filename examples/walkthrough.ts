/**
 * A scripted tour of orgkit on the in-memory store: the Users & Roles page,
 * from sign-up to audit trail. Run it with `npm start`.
 *
 * The clock is scripted too (each step happens a few minutes after the last),
 * so the dates read like a morning's work rather than one millisecond.
 */
import { formatInTimeZone } from 'date-fns-tz';
import {
  type Actor,
  type AuditEvent,
  createOrgkit,
  httpStatusFor,
  isOrgkitError,
  type Member,
  type Project,
} from '../src/index.js';
import { memoryStore } from '../src/memory.js';
import { MemoryMailer } from '../src/testing/memory-mailer.js';

let now = new Date('2026-03-02T08:00:00.000Z').getTime();
/** Moves the scripted clock on before each step. */
const later = (minutes: number) => {
  now += minutes * 60_000;
};

const mailer = new MemoryMailer();
const orgkit = createOrgkit({
  store: memoryStore(),
  mailer,
  acceptUrl: (token) => `https://app.example/invite/${token}`,
  confirmEmailUrl: (token) => `https://app.example/confirm-email#${token}`,
  clock: () => new Date(now),
});

// Output helpers ------------------------------------------------------------

let stepNumber = 0;
function step(title: string): void {
  stepNumber += 1;
  const heading = `${stepNumber}. ${title}`;
  console.log(`\n${heading}\n${'-'.repeat(heading.length)}`);
}

const say = (line: string) => console.log(line === '' ? '' : `   ${line}`);

/** Prints rows as a plain-text table with aligned columns. */
function table(headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  say(line(headers));
  say(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) say(line(row));
}

/** A date in a member's own time zone, as their console would show it. */
const inZone = (date: Date, timeZone: string) => formatInTimeZone(date, timeZone, 'yyyy-MM-dd HH:mm zzz');

/** Runs a call that orgkit must refuse, and answers the error. */
async function refused(call: Promise<unknown>): Promise<{ code: string; status: number; reason: unknown }> {
  try {
    await call;
  } catch (error) {
    if (!isOrgkitError(error)) throw error;
    const reason = error.code === 'FORBIDDEN' || error.code === 'CONFLICT' ? error.details.reason : undefined;
    return { code: error.code, status: httpStatusFor(error), reason };
  }
  throw new Error('Expected orgkit to refuse this call, and it did not.');
}

// The walkthrough -------------------------------------------------------------

async function main(): Promise<void> {
  console.log('orgkit walkthrough: the in-memory store, invitation mail recorded by MemoryMailer');
  await orgkit.migrate();

  step('Olivia signs up and creates an organization');
  const { organization, owner: olivia } = await orgkit.organizations.create({
    name: 'Acme Robotics',
    owner: { email: 'Olivia@Acme.test', fullName: 'Olivia Owner', timezone: 'europe/berlin' },
  });
  const owner: Actor = { userId: olivia.userId, organizationId: organization.id };
  say(`Organization "${organization.name}" (${organization.id})`);
  say(`Owner: ${olivia.fullName} <${olivia.email}>, time zone ${olivia.timezone}`);
  say('(the email was lower-cased and the time zone canonicalized on the way in)');

  later(5);
  step('Olivia creates two projects');
  const support = await orgkit.projects.create(owner, { name: 'Support bots' });
  later(1);
  const sales = await orgkit.projects.create(owner, { name: 'Sales bots' });
  const projects = new Map<string, Project>([support, sales].map((project) => [project.id, project]));
  for (const project of projects.values()) say(`${project.name.padEnd(12)}  ${project.id}`);

  later(10);
  step('Olivia invites an admin, and a user with one project');
  const adminInvitation = await orgkit.invitations.create(owner, { email: 'adam@acme.test', role: 'admin' });
  later(2);
  const userInvitation = await orgkit.invitations.create(owner, {
    email: 'uma@acme.test',
    role: 'user',
    projectIds: [support.id],
  });
  for (const invitation of [adminInvitation, userInvitation]) {
    const expires = inZone(invitation.expiresAt, olivia.timezone);
    say(`${invitation.email.padEnd(14)}  as ${invitation.role.padEnd(5)}  ${invitation.status}, expires ${expires}`);
  }
  const mail = mailer.lastTo('uma@acme.test')!;
  if (mail.kind !== 'invitation') throw new Error('Expected the invitation mail.');
  say('');
  say(`Mail to ${mail.to}: "${mail.subject}"`);
  say(`Link: ${mail.acceptUrl}`);
  say('(the token lives only in this link; orgkit stores its SHA-256 hash)');

  later(45);
  step('Both accept their invitation');
  const adamToken = mailer.tokenFor('adam@acme.test')!;
  const preview = await orgkit.invitations.preview(adamToken);
  say(`Accept page shows: join "${preview.organizationName}" as ${preview.role}, for ${preview.email}`);
  const { member: adamMember } = await orgkit.invitations.accept({
    token: adamToken,
    fullName: 'Adam Admin',
    timezone: 'America/New_York',
  });
  later(20);
  const { member: umaMember } = await orgkit.invitations.accept({
    token: mailer.tokenFor('uma@acme.test')!,
    fullName: 'Uma User',
    timezone: 'Asia/Tokyo',
  });
  const adam: Actor = { userId: adamMember.userId, organizationId: organization.id };
  const uma: Actor = { userId: umaMember.userId, organizationId: organization.id };
  for (const member of [adamMember, umaMember]) say(`${member.fullName} joined as ${member.role}`);
  const again = await refused(orgkit.invitations.accept({ token: adamToken, fullName: 'Mallory' }));
  say(`Using Adam's link a second time: ${again.code} (HTTP ${again.status})`);

  later(5);
  step('Uma works only in the projects assigned to her');
  say(`Projects Uma sees: ${(await orgkit.projects.list(uma)).map((project) => project.name).join(', ')}`);
  for (const project of [support, sales]) {
    const allowed = await orgkit.can(uma, 'bots:update', { projectId: project.id });
    say(`May Uma update bots in ${project.name}? ${allowed ? 'yes' : 'no'}`);
  }
  const listing = await refused(orgkit.members.list(uma));
  say(`Uma lists the members: ${listing.code} (${String(listing.reason)})`);

  later(30);
  step("Olivia changes Uma's time zone");
  const moved = await orgkit.members.update(owner, uma.userId, { timezone: 'Europe/Lisbon' });
  say(`Uma's time zone: ${umaMember.timezone} -> ${moved.timezone}`);

  later(10);
  step('Uma changes her own email; it changes once the new address confirms it');
  const requested = await orgkit.members.update(uma, uma.userId, { email: 'uma.user@acme.test' });
  say(`Email: ${requested.email}, pending: ${requested.pendingEmail}`);
  const confirmation = mailer.tokenFor('uma.user@acme.test', 'email-change')!;
  const confirmed = await orgkit.members.confirmEmail({ token: confirmation });
  say(`Confirmed from the link mailed to the new address: ${confirmed.email}`);
  say(`The old address was told: "${mailer.lastTo('uma@acme.test')!.subject}"`);

  later(15);
  step('Olivia disables Uma, then enables her again');
  const disabled = await orgkit.members.setStatus(owner, uma.userId, 'disabled');
  say(`Uma is ${disabled.status}`);
  const whileDisabled = await refused(orgkit.projects.get(uma, support.id));
  say(`Uma opens Support bots: ${whileDisabled.code}, reason ${String(whileDisabled.reason)}`);
  later(10);
  const enabled = await orgkit.members.setStatus(owner, uma.userId, 'active');
  say(`Uma is ${enabled.status} again; Support bots opens: ${(await orgkit.projects.get(uma, support.id)).name}`);

  later(5);
  step('Adam (admin) tries to disable Olivia (owner)');
  const denial = await refused(orgkit.members.setStatus(adam, owner.userId, 'disabled'));
  say(`Refused: ${denial.code}, details.reason ${String(denial.reason)} (HTTP ${denial.status})`);
  const ownerInvite = await refused(orgkit.invitations.create(adam, { email: 'eve@acme.test', role: 'owner' }));
  say(`Adam invites an owner: ${ownerInvite.code}, details.reason ${String(ownerInvite.reason)}`);
  const lastOwner = await refused(orgkit.members.remove(owner, owner.userId));
  say(`Olivia tries to leave, the only active owner: ${lastOwner.code} (HTTP ${lastOwner.status})`);

  step('The member table (dates in each member’s own time zone)');
  const members = await allMembers(owner);
  table(
    ['Name', 'Email', 'Role', 'Status', 'Time zone', 'Projects'],
    members.map((member) => [
      member.fullName,
      member.email,
      member.role,
      member.status,
      member.timezone,
      member.projectIds.map((id) => projects.get(id)?.name ?? id).join(', ') || '-',
    ]),
  );
  say('');
  table(
    ['Name', 'User ID', 'Created', 'Last modified'],
    members.map((member) => [
      member.fullName,
      member.userId,
      inZone(member.createdAt, member.timezone),
      inZone(member.updatedAt, member.timezone),
    ]),
  );

  step('The audit trail, oldest first (times in UTC)');
  const names = new Map(members.map((member) => [member.userId, member.fullName]));
  const invitees = new Map([adminInvitation, userInvitation].map((invitation) => [invitation.id, invitation.email]));
  const targetName = (event: AuditEvent) =>
    (event.targetType === 'member' && names.get(event.targetId)) ||
    (event.targetType === 'project' && projects.get(event.targetId)?.name) ||
    (event.targetType === 'invitation' && invitees.get(event.targetId)) ||
    (event.targetType === 'organization' && organization.name) ||
    event.targetId;
  const events = (await allAuditEvents(owner)).reverse();
  table(
    ['Time', 'Actor', 'Action', 'Target', 'Changes'],
    events.map((event) => [
      formatInTimeZone(event.createdAt, 'UTC', 'yyyy-MM-dd HH:mm'),
      (event.actorId && names.get(event.actorId)) || '-',
      event.action,
      targetName(event),
      describeChanges(event, projects),
    ]),
  );
  say('');
  say(`${events.length} audit events, each written in the transaction of its change.`);

  await orgkit.close();
}

async function allMembers(actor: Actor): Promise<Member[]> {
  const members: Member[] = [];
  let cursor: string | undefined;
  do {
    const page = await orgkit.members.list(actor, { limit: 200, cursor });
    members.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return members;
}

/** Newest first, as orgkit pages them. */
async function allAuditEvents(actor: Actor): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await orgkit.audit.list(actor, { limit: 200, cursor });
    events.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return events;
}

/** `field: before -> after`, short enough for one table cell. */
function describeChanges(event: AuditEvent, projects: Map<string, Project>): string {
  const show = (value: unknown): string => {
    if (value === null || value === undefined) return '-';
    if (Array.isArray(value))
      return `[${value.map((item) => projects.get(String(item))?.name ?? String(item)).join(', ')}]`;
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return value.slice(0, 10);
    if (typeof value === 'string') return projects.get(value)?.name ?? value;
    return JSON.stringify(value);
  };
  return Object.entries(event.changes)
    .filter(([, { before, after }]) => !(before === null && Array.isArray(after) && after.length === 0))
    .map(([field, { before, after }]) => {
      if (before === null) return `${field}=${show(after)}`;
      if (after === null) return `${field} was ${show(before)}`;
      return `${field}: ${show(before)} -> ${show(after)}`;
    })
    .join('; ');
}

main().catch((error: unknown) => {
  console.error('\nThe walkthrough failed:', error);
  process.exitCode = 1;
});
