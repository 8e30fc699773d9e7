import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('examples/walkthrough.ts (npm run walkthrough)', () => {
  let status: number | null = null;
  let output = '';
  let errors = '';
  let audit: string[] = [];

  beforeAll(() => {
    const run = spawnSync('npx', ['tsx', 'examples/walkthrough.ts'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    status = run.status;
    output = run.stdout;
    errors = run.stderr;
    const lines = output.split('\n');
    audit = lines.slice(lines.findIndex((line) => line.includes('The audit trail')));
  }, 120_000);

  const auditRow = (action: string, target: string) =>
    audit.find((line) => line.includes(` ${action} `) && line.includes(target));

  it('exits 0 without writing to stderr, and reaches the audit trail', () => {
    expect(errors).toBe('');
    expect(status).toBe(0);
    expect(output).toContain('The audit trail');
    expect(output).not.toContain('The walkthrough failed');
  });

  it('shows the invitation link from the mail', () => {
    expect(output).toMatch(/Link: https:\/\/app\.example\/invite\/[A-Za-z0-9_-]{43}\n/);
  });

  it('shows the admin refused on the owner, with code and reason', () => {
    expect(output).toContain('Refused: FORBIDDEN, details.reason TARGET_OUTRANKS_ACTOR (HTTP 403)');
  });

  it('prints a member table with every member', () => {
    expect(output).toMatch(/Olivia Owner\s+olivia@acme\.test\s+owner\s+active\s+Europe\/Berlin/);
    expect(output).toMatch(/Adam Admin\s+adam@acme\.test\s+admin\s+active\s+America\/New_York/);
    expect(output).toMatch(/Uma User\s+uma\.user@acme\.test\s+user\s+active\s+Europe\/Lisbon\s+Support bots/);
  });

  it('prints one audit line per step, oldest first', () => {
    const expected: Array<[string, string]> = [
      ['organization.created', 'Acme Robotics'],
      ['project.created', 'Support bots'],
      ['project.created', 'Sales bots'],
      ['invitation.created', 'adam@acme.test'],
      ['invitation.created', 'uma@acme.test'],
      ['invitation.accepted', 'adam@acme.test'],
      ['member.added', 'Adam Admin'],
      ['invitation.accepted', 'uma@acme.test'],
      ['member.added', 'Uma User'],
      ['member.updated', 'timezone: Asia/Tokyo -> Europe/Lisbon'],
      ['member.email_change_requested', 'pendingEmail=uma.user@acme.test'],
      ['member.updated', 'email: uma@acme.test -> uma.user@acme.test'],
      ['member.disabled', 'status: active -> disabled'],
      ['member.enabled', 'status: disabled -> active'],
    ];
    const positions = expected.map(([action, target]) => {
      const row = auditRow(action, target);
      expect(row, `${action} ${target}`).toBeDefined();
      return audit.indexOf(row!);
    });
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('shows an email change pending until the new address confirms it', () => {
    expect(output).toContain('Email: uma@acme.test, pending: uma.user@acme.test');
    expect(output).toContain('Confirmed from the link mailed to the new address: uma.user@acme.test');
    expect(output).toContain('The old address was told: "Your email address was changed"');
  });

  it('records no audit event for the refused calls', () => {
    expect(audit.filter((line) => /^\s+2026-/.test(line))).toHaveLength(15);
  });
});
