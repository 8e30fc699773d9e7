/** The console's labels, dates and link tokens: pure helpers, no DOM. */
import { describe, expect, it } from 'vitest';
import { formatDate, roleLabel } from '../../src/console/format.js';
import { actionLabel, changesLabel } from '../../src/console/orgkit-audit-log.js';
import { tokenFromLocation } from '../../src/console/token.js';

describe('formatDate', () => {
  const instant = new Date('2026-03-02T08:30:00.000Z');

  it('shows an instant in the viewer’s zone, and names the zone', () => {
    const berlin = formatDate(instant, 'Europe/Berlin');
    const tokyo = formatDate(instant, 'Asia/Tokyo');
    expect(berlin).toMatch(/9:30|09:30/);
    expect(berlin).toContain('(Europe/Berlin)');
    expect(tokyo).toMatch(/5:30|17:30/);
    expect(formatDate(instant, 'Europe/Berlin', false)).not.toContain('Europe/Berlin');
  });

  it('falls back to UTC for a zone the runtime does not know, and to a dash for no date', () => {
    expect(formatDate(instant, 'Mars/Base')).toMatch(/8:30|08:30/);
    expect(formatDate(null)).toBe('—');
    expect(formatDate(new Date(Number.NaN))).toBe('—');
  });
});

describe('labels', () => {
  it('uses the seed’s names for the default roles', () => {
    expect(['owner', 'admin', 'user'].map(roleLabel)).toEqual(['Owner', 'Admin', 'User / Bot Manager']);
    expect(roleLabel('viewer')).toBe('Viewer');
  });

  it('reads audit actions and changes as sentences', () => {
    expect(actionLabel('member.email_change_requested')).toBe('Member email change requested');
    expect(
      changesLabel({ role: { before: 'admin', after: 'user' }, projectIds: { before: null, after: ['p1'] } }),
    ).toBe('role: admin → user; projectIds: p1');
  });

  it('names the members and projects it knows in changes, and keeps an id for the rest', () => {
    const names = new Map([
      ['p1', 'Support bots'],
      ['u1', 'Uma User'],
    ]);
    const name = (id: string) => names.get(id) ?? id;
    expect(
      changesLabel({ projectIds: { before: ['p1', 'gone'], after: [] }, userId: { before: null, after: 'u1' } }, name),
    ).toBe('projectIds: Support bots, gone → —; userId: Uma User');
    expect(changesLabel({ settings: { before: null, after: { a: 1 } } }, name)).toBe('settings: {"a":1}');
  });
});

describe('tokenFromLocation', () => {
  it('reads the token of a mailed link from the fragment, bare or named', () => {
    expect(tokenFromLocation('#abc')).toBe('abc');
    expect(tokenFromLocation('#accept=abc')).toBe('abc');
    expect(tokenFromLocation('#confirm-email=a%2Db')).toBe('a-b');
    expect(tokenFromLocation('')).toBe('');
  });
});
