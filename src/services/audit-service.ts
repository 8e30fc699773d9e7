import { type Actor, actorSchema } from '../schemas/common.js';
import type { ListAuditEventsInput } from '../schemas/inputs.js';
import { parse } from '../schemas/parse.js';
import { requireActor } from './authorization.js';
import type { ServiceContext } from './context.js';
import { decodeCursor, toPage } from './cursor.js';
import type { AuditEvent, Page } from './views.js';

/** The organization's audit trail (`orgkit.audit`). */
export interface AuditService {
  /**
   * One page of audit events, newest first, with `audit:read`. Every
   * mutation wrote its event in the same transaction as the change.
   *
   * ```ts
   * const { items } = await orgkit.audit.list(actor, { limit: 20 });
   * for (const event of items) console.log(event.createdAt, event.action, event.targetId, event.changes);
   * ```
   */
  list(actor: Actor, query?: ListAuditEventsInput): Promise<Page<AuditEvent>>;
}

export function createAuditService(context: ServiceContext): AuditService {
  const { store, matrix, schemas } = context;
  return {
    async list(rawActor, query = {}) {
      const actor = parse(actorSchema, rawActor);
      const { limit, cursor } = parse(schemas.listAuditEvents, query);
      await requireActor(store, matrix, actor, 'audit:read');
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      const rows = await store.listAuditEvents({ organizationId: actor.organizationId, limit: limit + 1, after });
      return toPage(
        rows,
        limit,
        (event) => event,
        (event) => event as AuditEvent,
      );
    },
  };
}
