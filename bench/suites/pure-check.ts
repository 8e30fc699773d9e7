/**
 * The pure, synchronous check `permissionMatrix.can(role, 'bots:update')`
 * beside CASL, Casbin, accesscontrol and a bitmask reference, each built from
 * the same default matrix. Every answer over the whole matrix (and an
 * unknown role) is compared first; then each check is timed by mitata.
 */
import { createMongoAbility, type MongoAbility } from '@casl/ability';
import { AccessControl } from 'accesscontrol';
import { type Enforcer, newEnforcer, newModelFromString } from 'casbin';
import { do_not_optimize, measure } from 'mitata';
import { permissionMatrix } from 'orgkit';
import type { BenchConfig } from '../lib/config.js';
import { log } from '../lib/harness.js';

export interface PureRow {
  library: string;
  /** Per check, in nanoseconds. */
  p50: number;
  avg: number;
  p99: number;
  /** p50 over the bitmask reference's p50. */
  ratio: number;
}

export interface PureResults {
  /** Role × permission pairs compared, the unknown role included. */
  pairs: number;
  /** Pairs where some library answered differently from `permissionMatrix.can`. */
  mismatches: string[];
  rows: PureRow[];
}

type Check = (role: string, permission: string) => boolean;
const UNKNOWN_ROLE = 'guest';

function split(permission: string): [subject: string, action: string] {
  const [subject, action] = permission.split(':') as [string, string];
  return [subject, action];
}

/** Every grant of the matrix: role, permission and scope ('all' or 'assigned'). */
function grants() {
  const { definition } = permissionMatrix;
  return Object.entries(definition.permissions).flatMap(([permission, byRole]) =>
    Object.entries(byRole as Record<string, string>).map(([role, scope]) => ({ role, permission, scope })),
  );
}

function caslCheck(): Check {
  // `assigned` becomes a condition; `can(action, 'bots')` on the type answers "in any scope", as `can` does.
  const abilities = new Map<string, MongoAbility>();
  for (const role of permissionMatrix.roles) {
    const rules = grants()
      .filter((grant) => grant.role === role)
      .map(({ permission, scope }) => {
        const [subject, action] = split(permission);
        return scope === 'all' ? { action, subject } : { action, subject, conditions: { assigned: true } };
      });
    abilities.set(role, createMongoAbility(rules));
  }
  const nobody = createMongoAbility([]);
  return (role, permission) => {
    const [subject, action] = split(permission);
    return (abilities.get(role) ?? nobody).can(action, subject);
  };
}

async function casbinCheck(): Promise<Check> {
  const model = newModelFromString(`
[request_definition]
r = sub, obj, act
[policy_definition]
p = sub, obj, act, scope
[policy_effect]
e = some(where (p.eft == allow))
[matchers]
m = r.sub == p.sub && r.obj == p.obj && r.act == p.act`);
  const enforcer: Enforcer = await newEnforcer(model);
  for (const { role, permission, scope } of grants()) {
    const [subject, action] = split(permission);
    await enforcer.addPolicy(role, subject, action, scope);
  }
  return (role, permission) => {
    const [subject, action] = split(permission);
    return enforcer.enforceSync(role, subject, action);
  };
}

function accessControlCheck(): Check {
  // `all` is possession `any`, `assigned` is `own`; asking for `own` is granted by either.
  const ac = new AccessControl(
    grants().map(({ role, permission, scope }) => {
      const [resource, action] = split(permission);
      return { role, resource, action: `${action}:${scope === 'all' ? 'any' : 'own'}`, attributes: ['*'] };
    }),
  );
  const roles = new Set(ac.getRoles());
  return (role, permission) => {
    if (!roles.has(role)) return false;
    const [resource, action] = split(permission);
    return ac.can(role).do(`${action}:own`, resource).granted;
  };
}

/** The floor: one bit per permission, one mask per role. */
function bitmaskCheck(): Check {
  const bits = new Map(permissionMatrix.permissions.map((permission, index) => [permission as string, 1 << index]));
  const masks: Record<string, number> = {};
  for (const { role, permission } of grants()) masks[role] = (masks[role] ?? 0) | bits.get(permission)!;
  return (role, permission) => ((masks[role] ?? 0) & (bits.get(permission) ?? 0)) !== 0;
}

export async function pureCheckSuite(config: BenchConfig): Promise<PureResults> {
  const matrixCheck: Check = (role, permission) =>
    permissionMatrix.can(role, permission as (typeof permissionMatrix.permissions)[number]);
  const checks: Record<string, Check> = {
    'orgkit permissionMatrix.can': matrixCheck,
    'bitmask reference': bitmaskCheck(),
    'CASL (@casl/ability)': caslCheck(),
    Casbin: await casbinCheck(),
    accesscontrol: accessControlCheck(),
  };
  const roles = [...permissionMatrix.roles, UNKNOWN_ROLE];
  const mismatches: string[] = [];
  for (const role of roles) {
    for (const permission of permissionMatrix.permissions) {
      const expected = matrixCheck(role, permission);
      for (const [library, check] of Object.entries(checks)) {
        if (check(role, permission) !== expected) mismatches.push(`${library}: ${role} ${permission}`);
      }
    }
  }
  if (mismatches.length > 0) log(`pure check: answers differ: ${mismatches.join(', ')}`);

  // The permission is a constant, as at a call site; the role varies, as it does per request.
  const measured: Omit<PureRow, 'ratio'>[] = [];
  for (const [library, check] of Object.entries(checks)) {
    let i = 0;
    const stats = await measure(
      () => {
        i = i === 2 ? 0 : i + 1;
        do_not_optimize(check(roles[i]!, 'bots:update'));
      },
      { min_cpu_time: config.pureCpuNs },
    );
    measured.push({ library, p50: stats.p50, avg: stats.avg, p99: stats.p99 });
  }
  const reference = measured.find((row) => row.library === 'bitmask reference')!.p50;
  const rows = measured.map((row) => ({ ...row, ratio: row.p50 / reference }));
  log(`pure check: ${rows.map((row) => `${row.library} ${row.p50.toFixed(1)} ns`).join(', ')}`);
  return { pairs: roles.length * permissionMatrix.permissions.length, mismatches, rows };
}
