const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

export function formatDate(iso: string | null): string {
  return iso ? DATE.format(new Date(`${iso}T00:00:00`)) : '';
}

export function formatDates(start: string | null, end: string | null): string {
  if (!start && !end) return '—';
  if (!end || start === end) return formatDate(start ?? end);
  return `${formatDate(start)} – ${formatDate(end)}`;
}

const TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
export const formatTime = (iso: string): string => (iso ? TIME.format(new Date(iso)) : '');

/** "1 passage", "3 passages". */
export const plural = (count: number, noun: string, plural = `${noun}s`): string => `${count.toLocaleString('en-GB')} ${count === 1 ? noun : plural}`;
