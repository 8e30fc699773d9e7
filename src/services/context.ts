import type { Matrix } from '../access/matrix.js';
import type { Mailer } from '../mail/mailer.js';
import type { OrgkitSchemas } from '../schemas/inputs.js';
import type { AuditEventRecord } from '../store/records.js';
import type { Store, StoreTx } from '../store/store.js';
import { AuditTrail } from './audit-trail.js';
import type { KeyedQueue } from './keyed-queue.js';
import type { AuditEvent } from './views.js';

/**
 * Something that went wrong after a call had already succeeded, so it could
 * not fail the call: handed to `createOrgkit({ log })`.
 * - `mail`: a mail was not handed to the mailer (it rejected, or the store
 *   failed around it). The mail stays pending for `deliverPendingMail()`.
 * - `onEvent`: the host's `onEvent` handler threw for a committed event.
 */
export type OrgkitLogEvent =
  | { level: 'error'; source: 'mail'; mailId: string; error: unknown }
  | { level: 'error'; source: 'onEvent'; event: AuditEvent; error: unknown };

/** What every service shares, built once by `createOrgkit` and frozen. */
export interface ServiceContext {
  readonly store: Store;
  readonly matrix: Matrix;
  readonly schemas: OrgkitSchemas;
  readonly mailer: Mailer;
  readonly acceptUrl: (token: string) => string;
  readonly confirmEmailUrl: (token: string) => string;
  readonly invitationTtlMs: number;
  readonly emailChangeTtlMs: number;
  readonly mailTimeoutMs: number;
  /** Serializes work on one invitation or one user's email within this instance (resends, deliveries). */
  readonly queue: KeyedQueue;
  readonly clock: () => Date;
  readonly onEvent: ((event: AuditEvent) => void | Promise<void>) | undefined;
  /** Never throws: a throwing host logger is itself swallowed. */
  readonly log: (event: OrgkitLogEvent) => void;
}

/**
 * Runs one service call's writes in a transaction, together with the audit
 * events it records, then hands those events to `onEvent` after commit. The
 * store may run `work` more than once (retry after a serialization failure):
 * the trail is made afresh for each attempt.
 */
export async function mutate<T>(
  context: ServiceContext,
  work: (tx: StoreTx, audit: AuditTrail) => Promise<T>,
): Promise<T> {
  let committed: AuditEventRecord[] = [];
  const result = await context.store.transaction(async (tx) => {
    const audit = new AuditTrail();
    const value = await work(tx, audit);
    if (audit.persisted.length > 0) await tx.insertAuditEvents(audit.persisted);
    committed = audit.events;
    return value;
  });
  await emit(context, committed);
  return result;
}

/** A throwing or rejecting handler is the host's bug; it must not undo or fail a committed change. */
async function emit(context: ServiceContext, events: readonly AuditEventRecord[]): Promise<void> {
  if (context.onEvent === undefined) return;
  for (const record of events) {
    const event = structuredClone(record) as AuditEvent;
    try {
      await context.onEvent(event);
    } catch (error) {
      context.log({ level: 'error', source: 'onEvent', event, error });
    }
  }
}
