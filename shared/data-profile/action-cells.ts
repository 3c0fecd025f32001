import type { ActionPriority, ActionStatus } from './domain';

/**
 * Reading the cells of an action plan (CSV or spreadsheet) as people write them: "On track",
 * "on_track", "Completed"; dates as 2019-03-31, 31/03/2019, 31 March 2019 or March 2019 (the
 * end of that month, as plans usually mean). Pure, so the same rules hold in every import.
 */
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const pad = (n: number) => String(n).padStart(2, '0');
const words = (raw: string) => raw.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');

export function parsePriority(raw: string): ActionPriority | { error: string } {
  const text = words(raw).replace(/ priorit(y|ies)$/, '');
  if (text === 'strategic' || text === 'operational' || text === 'engagement') return text;
  return { error: raw.trim() ? `priority "${raw.trim()}" is not strategic, operational or engagement` : 'missing priority' };
}

export function parseStatus(raw: string): ActionStatus | { error: string } {
  const text = words(raw);
  if (text === '' || text === 'not started' || text === 'not yet started') return 'not_started';
  if (text === 'on track' || text === 'in progress') return 'on_track';
  if (text === 'at risk' || text === 'delayed') return 'at_risk';
  if (text === 'overdue') return 'overdue';
  if (text === 'complete' || text === 'completed' || text === 'done') return 'complete';
  return { error: `status "${raw.trim()}" is not one of not started, on track, at risk, overdue, complete` };
}

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1990 && year <= 2100 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A due date as YYYY-MM-DD; blank is no due date. */
export function parseDue(raw: string): string | null | { error: string } {
  const text = raw.trim();
  if (!text) return null;
  const iso = (y: number, m: number, d: number) => (validDate(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : { error: `due "${text}" is not a real date` });
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2}) ([a-z]+),? (\d{4})$/i.exec(text);
  const named = (name: string) => MONTHS.findIndex((month) => month.startsWith(name.toLowerCase()) && name.length >= 3) + 1;
  if (m && named(m[2] ?? '') > 0) return iso(Number(m[3]), named(m[2] ?? ''), Number(m[1]));
  m = /^([a-z]+),? (\d{4})$/i.exec(text);
  if (m && named(m[1] ?? '') > 0) {
    const year = Number(m[2]);
    const month = named(m[1] ?? '');
    return iso(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
  }
  return { error: `due "${text}" is not a date (use 2019-03-31 or 31/03/2019)` };
}

/** Normalises an action's wording for matching a re-imported row to the stored action. */
export function actionKey(theme: string, action: string): string {
  return `${theme}|${action.toLowerCase().replace(/\s+/g, ' ').trim()}`;
}
