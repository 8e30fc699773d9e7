/**
 * The demo's data: Acme Robotics with an owner, an admin, a user, two
 * projects and a few hundred generated members, so that search, filters and
 * "Load more" have something to work on. Names and emails are generated
 * deterministically: every fresh demo database holds the same people.
 */
import type { Actor, Orgkit } from '../../src/index.js';

/** Someone the development sign-in offers first. */
export interface DemoPerson {
  email: string;
  fullName: string;
  role: 'owner' | 'admin' | 'user';
  timezone: string;
}

export const ORGANIZATION_NAME = 'Acme Robotics';
export const PROJECTS = ['Support bots', 'Sales bots'] as const;

export const OWNER: DemoPerson = {
  email: 'olivia@acme.example',
  fullName: 'Olivia Owner',
  role: 'owner',
  timezone: 'Europe/Berlin',
};
export const ADMIN: DemoPerson = {
  email: 'ada@acme.example',
  fullName: 'Ada Admin',
  role: 'admin',
  timezone: 'America/New_York',
};
export const USER: DemoPerson = {
  email: 'uma@acme.example',
  fullName: 'Uma User',
  role: 'user',
  timezone: 'Asia/Tokyo',
};

const FIRST = [
  'Alex',
  'Bea',
  'Carlos',
  'Dana',
  'Emil',
  'Fatima',
  'Goran',
  'Hana',
  'Ivan',
  'Jia',
  'Kofi',
  'Lena',
  'Mateo',
  'Nadia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tariq',
];
const LAST = [
  'Andersen',
  'Baptiste',
  'Chen',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowalski',
  'Laine',
  'Moreau',
  'Novak',
  'Okafor',
];
const TIMEZONES = ['Europe/Berlin', 'Europe/Lisbon', 'America/Chicago', 'Asia/Singapore', 'Australia/Sydney'];

/** The generated members: every first name with every last name (300), every 20th an admin. */
export function generatedPeople(): DemoPerson[] {
  return LAST.flatMap((last, row) =>
    FIRST.map((first, column) => {
      const index = row * FIRST.length + column;
      return {
        email: `${first}.${last}@acme.example`.toLowerCase(),
        fullName: `${first} ${last}`,
        role: index % 20 === 7 ? 'admin' : 'user',
        timezone: TIMEZONES[index % TIMEZONES.length]!,
      } satisfies DemoPerson;
    }),
  );
}

/**
 * Seeds an empty database. `joining` is an orgkit on the same store whose
 * mail only records the token, so that members join the way anyone does:
 * by accepting an invitation.
 */
export async function seedDemo(orgkit: Orgkit, joining: Orgkit, lastToken: () => string): Promise<Actor> {
  const { email, fullName, timezone } = OWNER;
  const { organization, owner } = await orgkit.organizations.create({
    name: ORGANIZATION_NAME,
    owner: { email, fullName, timezone },
  });
  const actor: Actor = { userId: owner.userId, organizationId: organization.id };
  const [support, sales] = [
    await orgkit.projects.create(actor, { name: PROJECTS[0] }),
    await orgkit.projects.create(actor, { name: PROJECTS[1] }),
  ];
  const join = async (person: DemoPerson, projectIds: string[]) => {
    await joining.invitations.create(actor, { email: person.email, role: person.role, projectIds });
    const { member } = await joining.invitations.accept({
      token: lastToken(),
      fullName: person.fullName,
      timezone: person.timezone,
    });
    return member;
  };
  await join(ADMIN, [support.id, sales.id]);
  await join(USER, [support.id]);
  for (const [index, person] of generatedPeople().entries()) {
    const member = await join(person, [[support.id], [sales.id], []][index % 3]!);
    // A few disabled members, so the status filter shows something.
    if (index % 50 === 13) await orgkit.members.setStatus(actor, member.userId, 'disabled');
  }
  return actor;
}
