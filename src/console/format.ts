/**
 * Dates and labels for people. Dates are written in the viewer's time zone
 * by date-fns-tz, which reads the zone's offsets from the browser's own IANA
 * database (through `Intl`), so no zone data ships in the bundle.
 */
import { formatInTimeZone } from 'date-fns-tz';

/** The browser's IANA time zone, `UTC` when it has none. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** `Mar 2, 2026, 9:00 AM (Europe/Berlin)` in `timeZone` (default: the browser's); `zone: false` leaves the zone's name out. */
export function formatDate(date: Date | null | undefined, timeZone = browserTimeZone(), zone = true): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) return '—';
  let text: string;
  try {
    text = formatInTimeZone(date, timeZone, 'PP, p');
  } catch {
    // An unknown zone name (a browser with an older IANA database): UTC rather than a failed screen.
    text = formatInTimeZone(date, 'UTC', 'PP, p');
  }
  return zone ? `${text} (${timeZone})` : text;
}

const ROLE_LABELS: Record<string, string> = { owner: 'Owner', admin: 'Admin', user: 'User / Bot Manager' };

/** The seed's names for the default roles; another matrix's roles, capitalized. */
export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role.charAt(0).toUpperCase() + role.slice(1);
}

/** `active` → `Active`. */
export function statusLabel(status: string): string {
  return status.charAt(0).toUpperCase() + status.slice(1);
}

/** The IANA zones the browser knows, for a timezone picker; a short list where `supportedValuesOf` is missing. */
export function timeZones(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  const all = new Set(['UTC', browserTimeZone(), ...zones]);
  return [...all];
}
