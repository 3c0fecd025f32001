/**
 * One date style everywhere (en-GB): a day as "3 September 2026"; a moment, where the time
 * matters, as "28/11/2026 14:05". Days are stored as ISO dates (2026-09-03); session times as local
 * date-times (2026-11-28T14:05, as typed, no zone); changes as instants (…Z), shown in local time.
 */
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const DAY_MONTH = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const MOMENT = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_MOMENT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;

function utcDay(iso: string): Date | null {
  const match = ISO_DAY.exec(iso);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2025-13-45 over into 2026: only a day that exists is a date.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/** "3 September 2026"; anything that is not an ISO date is shown as it is (never "Invalid Date"). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const day = utcDay(iso);
  return day ? DAY.format(day) : iso;
}

/** A visit's days: "6–7 November 2018", "27 November – 1 December 2017", or "—" when unknown. */
export function formatDates(start: string | null, end: string | null): string {
  if (!start && !end) return '—';
  if (!start || !end || start === end) return formatDate(start ?? end);
  const [from, to] = [utcDay(start), utcDay(end)];
  if (!from || !to) return `${formatDate(start)} – ${formatDate(end)}`;
  if (from.getUTCFullYear() !== to.getUTCFullYear()) return `${DAY.format(from)} – ${DAY.format(to)}`;
  if (from.getUTCMonth() !== to.getUTCMonth()) return `${DAY_MONTH.format(from)} – ${DAY.format(to)}`;
  return `${from.getUTCDate()}–${DAY.format(to)}`;
}

/**
 * "28/11/2026 14:05". A local date-time (as a session's time is typed) is shown as typed; an
 * instant (with Z or an offset) in this laptop's time zone.
 */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const local = LOCAL_MOMENT.exec(value);
  if (local) return `${local[3]}/${local[2]}/${local[1]} ${local[4]}:${local[5]}`;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const parts = Object.fromEntries(MOMENT.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}
