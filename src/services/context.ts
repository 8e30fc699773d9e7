import type { Matrix } from '../access/matrix.js';
import type { Mailer } from '../mail/mailer.js';
import type { OrgkitSchemas } from '../schemas/inputs.js';
import type { AuditEventRecord } from '../store/records.js';
import type { Store, StoreTx } from '../store/store.js';
import { AuditTrail } from './audit-trail.js';
import type { AuditEvent } from './views.js';

/** What every service shares, built once by `createOrgkit` and frozen. */
export interface ServiceContext {
  readonly store: Store;
  readonly matrix: Matrix;
  readonly schemas: OrgkitSchemas;
  readonly mailer: Mailer;
  readonly acceptUrl: (token: string) => string;
  readonly invitationTtlMs: number;
  readonly clock: () => Date;
  readonly onEvent: ((event: AuditEvent) => void | Promise<void>) | undefined;
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
  for (const event of events) {
    try {
      await context.onEvent(structuredClone(event));
    } catch {
      // Deliberately swallowed: see above.
    }
  }
}
