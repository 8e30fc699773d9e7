/**
 * One call of the public API, with every reference resolved to a model key.
 * The model decides an `Op` (rules.ts); the real side runs it (real.ts).
 */
import type { ActorRef, Role, Status } from './model.js';

export type Read = 'organization' | 'self' | 'members' | 'projects' | 'audit';

export type Op =
  | { kind: 'createOrganization'; key: string; name: string; email: string; fullName: string }
  | { kind: 'renameOrganization'; actor: ActorRef; name: string }
  | { kind: 'deleteOrganization'; actor: ActorRef }
  | { kind: 'invite'; actor: ActorRef; key: string; email: string; role: Role; projects: string[] }
  | { kind: 'accept'; invitation: string; gen: number; fullName: string; timezone?: string }
  | { kind: 'preview'; invitation: string; gen: number }
  | { kind: 'resend' | 'revoke'; actor: ActorRef; invitation: string }
  | {
      kind: 'update';
      actor: ActorRef;
      target: string;
      role?: Role;
      fullName?: string;
      timezone?: string;
      email?: string;
    }
  | { kind: 'confirmEmail'; user: string; gen: number }
  | { kind: 'setStatus'; actor: ActorRef; target: string; status: Status }
  | { kind: 'remove'; actor: ActorRef; target: string }
  | { kind: 'createProject'; actor: ActorRef; key: string; name: string }
  | { kind: 'renameProject'; actor: ActorRef; project: string; name: string }
  | { kind: 'deleteProject'; actor: ActorRef; project: string }
  | { kind: 'getProject'; actor: ActorRef; project: string }
  | { kind: 'assign' | 'unassign'; actor: ActorRef; project: string; target: string }
  | { kind: 'read'; actor: ActorRef; what: Read }
  | { kind: 'advance'; ms: number };

/** The user an op acts as, if it has an actor. */
export function actorOf(op: Op): ActorRef | undefined {
  return 'actor' in op ? op.actor : undefined;
}

/** A line for fast-check's counterexample: the op without noise. */
export function describeOp(op: Op): string {
  const { kind, ...rest } = op;
  const parts = Object.entries(rest).map(([k, v]) =>
    k === 'actor' ? `as ${(v as ActorRef).user}@${(v as ActorRef).org}` : `${k}=${JSON.stringify(v)}`,
  );
  return `${kind}(${parts.join(', ')})`;
}
