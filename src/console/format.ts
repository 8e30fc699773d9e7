/**
 * Dates and labels for people. Dates use `Intl.DateTimeFormat` with the
 * viewer's time zone: every browser ships the IANA database, so the console
 * needs no date library of its own (the bundle stays small).
 */

const formats = new Map<string, Intl.DateTimeFormat>();

/** The browser's IANA time zone, `UTC` when it has none. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** `Mar 2, 2026, 9:00 AM (Europe/Berlin)` in `timeZone` (default: the browser's); `zone: false` leaves the zone's name out. */
export function formatDate(date: Date | null | undefined, timeZone = browserTimeZone(), zone = true): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) return '—';
  let format = formats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    } catch {
      // An unknown zone name (a browser with an older IANA database): fall back to UTC rather than fail.
      format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    }
    formats.set(timeZone, format);
  }
  return zone ? `${format.format(date)} (${timeZone})` : format.format(date);
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
