import { describe, expect, it } from 'vitest';
import { formatDate, formatDates, formatDateTime } from '../../shared/dates';

/** One date style on every screen: "3 September 2026", and "28/11/2026 14:05" where time matters. */
describe('dates as reviewers read them', () => {
  it('shows a day with the month in words, whatever the time zone', () => {
    expect(formatDate('2026-09-03')).toBe('3 September 2026');
    expect(formatDate('2018-11-06')).toBe('6 November 2018');
    expect(formatDate('2024-02-29')).toBe('29 February 2024');
    expect(formatDate('2025-01-01')).toBe('1 January 2025');
  });

  it('shows what is not a date as it is, and nothing for nothing', () => {
    expect(formatDate('2018/19 Q3')).toBe('2018/19 Q3');
    expect(formatDate('2025-13-45')).toBe('2025-13-45');
    expect(formatDate(null)).toBe('');
    expect(formatDate('')).toBe('');
  });

  it('shows a visit as briefly as it reads well', () => {
    expect(formatDates('2018-11-06', '2018-11-07')).toBe('6–7 November 2018');
    expect(formatDates('2017-11-27', '2017-12-01')).toBe('27 November – 1 December 2017');
    expect(formatDates('2025-12-30', '2026-01-02')).toBe('30 December 2025 – 2 January 2026');
    expect(formatDates('2018-11-06', '2018-11-06')).toBe('6 November 2018');
    expect(formatDates('2018-11-06', null)).toBe('6 November 2018');
    expect(formatDates(null, null)).toBe('—');
  });

  it('shows a typed session time as typed, day first, and an instant in local time', () => {
    expect(formatDateTime('2026-11-28T14:05')).toBe('28/11/2026 14:05');
    expect(formatDateTime('2018-11-06T09:30:00')).toBe('06/11/2018 09:30');
    const instant = new Date(2026, 10, 28, 14, 5).toISOString();
    expect(formatDateTime(instant)).toBe('28/11/2026 14:05');
    expect(formatDateTime(new Date(2026, 0, 2, 0, 7).toISOString())).toBe('02/01/2026 00:07');
    expect(formatDateTime('not a time')).toBe('not a time');
    expect(formatDateTime(null)).toBe('');
  });
});
