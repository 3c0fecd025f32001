/**
 * Reporting periods of the data profile. Indicators come quarterly (NHS financial-year quarters
 * such as "2017/18 Q1", or calendar quarters such as "2018 Q3") or monthly ("2018-07"), and a
 * series may mix them (the seed's delayed transfers go from a quarter to months). Each period is
 * kept under one canonical label and sorted by the month it starts in.
 */
export interface Period {
  /** Canonical label: "2017/18 Q1", "2018 Q3" or "2018-07". */
  label: string;
  /** First month covered, "YYYY-MM": sorts periods in time order. */
  start: string;
  months: 1 | 3;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number) => String(n).padStart(2, '0');

function fromFinancial(year: number, second: number, quarter: number, text: string): Period | string {
  if ((year + 1) % 100 !== second % 100) return `period "${text}": ${year}/${pad(second % 100)} is not a financial year (the second year follows the first)`;
  if (quarter < 1 || quarter > 4) return `period "${text}": quarters are Q1–Q4`;
  // Financial Q1 is April to June; Q4 is January to March of the following year.
  const month = 4 + (quarter - 1) * 3;
  const start = month > 12 ? `${year + 1}-${pad(month - 12)}` : `${year}-${pad(month)}`;
  return { label: `${year}/${pad((year + 1) % 100)} Q${quarter}`, start, months: 3 };
}

function fromCalendar(year: number, quarter: number, text: string): Period | string {
  if (quarter < 1 || quarter > 4) return `period "${text}": quarters are Q1–Q4`;
  return { label: `${year} Q${quarter}`, start: `${year}-${pad(1 + (quarter - 1) * 3)}`, months: 3 };
}

function plausibleYear(year: number): boolean {
  return year >= 1990 && year <= 2100;
}

/** Parses a period, or returns the reason it is not one (for the import's error list). */
export function parsePeriod(input: string): Period | string {
  const text = input.trim();
  if (!text) return 'missing period';
  const compact = text.replace(/\s+/g, ' ');
  let m = /^(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s+Q(\d+)$/i.exec(compact) ?? /^Q(\d+)\s+(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/i.exec(compact);
  if (m) {
    const [year, second, quarter] = compact.toUpperCase().startsWith('Q') ? [Number(m[2]), Number(m[3]), Number(m[1])] : [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!plausibleYear(year)) return `period "${text}": year ${year} is out of range`;
    return fromFinancial(year, second, quarter, text);
  }
  m = /^(\d{4})\s+Q(\d+)$/i.exec(compact) ?? /^Q(\d+)\s+(\d{4})$/i.exec(compact);
  if (m) {
    const [year, quarter] = compact.toUpperCase().startsWith('Q') ? [Number(m[2]), Number(m[1])] : [Number(m[1]), Number(m[2])];
    if (!plausibleYear(year)) return `period "${text}": year ${year} is out of range`;
    return fromCalendar(year, quarter, text);
  }
  m = /^(\d{4})-(\d{1,2})$/.exec(compact);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return `period "${text}": months are 01–12`;
    if (!plausibleYear(year)) return `period "${text}": year ${year} is out of range`;
    return { label: `${year}-${pad(month)}`, start: `${year}-${pad(month)}`, months: 1 };
  }
  // "Jul 2018" / "July 2018"
  m = /^([A-Za-z]{3,9})\.? (\d{4})$/.exec(compact);
  const month = m ? MONTHS.indexOf((m[1] ?? '').slice(0, 3).toLowerCase()) : -1;
  if (m && month >= 0 && plausibleYear(Number(m[2]))) return { label: `${m[2]}-${pad(month + 1)}`, start: `${m[2]}-${pad(month + 1)}`, months: 1 };
  return `period "${text}" is not a quarter ("2017/18 Q1", "2018 Q3") or a month ("2018-07")`;
}

/** Time order: by first month, then quarters after the month they start with. */
export function comparePeriods(a: Period, b: Period): number {
  return a.start.localeCompare(b.start) || a.months - b.months || a.label.localeCompare(b.label);
}

/** Human label for charts: quarters as given, months as "Jul 2018". */
export function periodCaption(label: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(label);
  if (!m) return label;
  const name = MONTHS[Number(m[2]) - 1] ?? '';
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} ${m[1]}`;
}
