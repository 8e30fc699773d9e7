import type { AuditChanges, AuditEventRecord, JsonValue } from '../store/records.js';
import { newId } from './ids.js';

type Target = Pick<AuditEventRecord, 'targetType' | 'targetId'>;

/** Collects the audit events of one transaction. */
export class AuditTrail {
  /** Every event of the transaction, in order: what `onEvent` receives after commit. */
  readonly events: AuditEventRecord[] = [];
  /** The events to insert with the change: all but those whose organization the change deletes. */
  readonly persisted: AuditEventRecord[] = [];

  record(event: {
    organizationId: string;
    actorId: string | null;
    action: AuditAction;
    target: Target;
    changes?: AuditChanges;
    at: Date;
    /** `false` only for the deletion of the organization the event belongs to. */
    persist?: boolean;
  }): void {
    const record: AuditEventRecord = {
      id: newId(),
      organizationId: event.organizationId,
      actorId: event.actorId,
      action: event.action,
      targetType: event.target.targetType,
      targetId: event.target.targetId,
      changes: event.changes ?? {},
      createdAt: event.at,
    };
    this.events.push(record);
    if (event.persist !== false) this.persisted.push(record);
  }
}

export const AUDIT_ACTIONS = [
  'organization.created',
  'organization.updated',
  'organization.deleted',
  'member.added',
  'member.updated',
  'member.email_change_requested',
  'member.email_change_cancelled',
  'member.disabled',
  'member.enabled',
  'member.removed',
  'invitation.created',
  'invitation.resent',
  'invitation.revoked',
  'invitation.accepted',
  'project.created',
  'project.renamed',
  'project.deleted',
  'project.assigned',
  'project.unassigned',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** `before`/`after` of the fields whose values differ; Dates as ISO strings. */
export function diff<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of fields) {
    const from = toJson(before[field]);
    const to = toJson(after[field]);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { before: from, after: to };
  }
  return changes;
}

/** Changes for a created (or deleted) thing: every listed field from (or to) `null`. */
export function snapshot<T extends object>(
  value: T,
  fields: readonly (keyof T & string)[],
  direction: 'created' | 'deleted',
): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of fields) {
    const current = toJson(value[field]);
    changes[field] = direction === 'created' ? { before: null, after: current } : { before: current, after: null };
  }
  return changes;
}

function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return value as JsonValue;
}
