import {
  CHILD_KINDS,
  FRAMEWORK_ITEM_KIND_LABELS,
  FRAMEWORK_ITEM_KINDS,
  FrameworkSource,
  type FrameworkItemKind,
  type FrameworkSourceItem,
} from '../../../shared/frameworks/domain';
import { invalid } from '../../../shared/errors';
import { cellsOf, checkedWhole, csvText, locateColumns, readCsvTable, readXlsxTable, tableKind, type Table } from '../../infra/table-file';

/**
 * A framework kept in a spreadsheet (CSV or XLSX, first sheet): one row per item, its parent
 * named by code on an earlier row. What the file cannot say (id, name, version, status…) comes
 * with it. Checked whole: any row with a problem refuses the file, every problem named by line.
 */
const HEADERS = ['kind', 'code', 'parent', 'title', 'description', 'ours', 'outstanding', 'good', 'requires improvement', 'inadequate', 'source'] as const;
type Header = (typeof HEADERS)[number];

export type FrameworkMeta = Omit<FrameworkSource, 'items' | 'format' | 'status'> & { status?: FrameworkSource['status'] };

/** "Key line of enquiry", "key_question", "KLOE": the kind a writer meant. */
function kindOf(text: string): FrameworkItemKind | undefined {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return (
    FRAMEWORK_ITEM_KINDS.find((k) => k === key) ??
    FRAMEWORK_ITEM_KINDS.find((k) => FRAMEWORK_ITEM_KIND_LABELS[k].toLowerCase() === text.trim().toLowerCase()) ??
    (key === 'statement' ? 'quality_statement' : undefined)
  );
}

function yes(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (t === '' || ['yes', 'y', 'true', '1'].includes(t)) return true;
  if (['no', 'n', 'false', '0'].includes(t)) return false;
  return undefined;
}

export async function frameworkFromSheet(bytes: Buffer, fileName: string, meta: FrameworkMeta): Promise<FrameworkSource> {
  const table: Table = tableKind(bytes) === 'xlsx' ? await readXlsxTable(bytes, fileName) : readCsvTable(csvText(bytes, fileName).replace(/^\uFEFF/, ''), fileName);
  // "requires_improvement" is the JSON name; a spreadsheet may use either.
  table.columns = table.columns.map((c) => c.replace(/_/g, ' '));
  const index = locateColumns<Header>(table, HEADERS, ['kind', 'code', 'title']);
  const byCode = new Map<string, { item: FrameworkSourceItem; line: number }>();
  const top: FrameworkSourceItem[] = [];
  const good: FrameworkSourceItem[] = [];
  const refused: Array<{ line: number; reason: string }> = table.refused.map((r) => ({ line: r.line, reason: r.reason }));
  for (const row of table.rows) {
    const cell = cellsOf(index, row);
    const problems: string[] = [];
    const kind = kindOf(cell('kind'));
    if (!kind) problems.push(`kind "${cell('kind')}" is not one of ${FRAMEWORK_ITEM_KINDS.join(', ')}`);
    const code = cell('code');
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/.test(code)) problems.push(`code "${code}" must be 1–20 letters, digits, dots, dashes or underscores`);
    const first = byCode.get(code.toLowerCase());
    if (first) problems.push(`code ${code} is used twice (first at line ${first.line})`);
    const title = cell('title');
    if (!title) problems.push('title is empty');
    if (title.length > 500) problems.push('title is over 500 characters');
    if (cell('description').length > 4000) problems.push('description is over 4000 characters');
    for (const h of ['outstanding', 'good', 'requires improvement', 'inadequate'] as const) if (cell(h).length > 8000) problems.push(`${h} is over 8000 characters`);
    const ours = yes(cell('ours'));
    if (ours === undefined) problems.push(`ours "${cell('ours')}" is yes or no`);
    const parentCode = cell('parent');
    const parent = parentCode ? byCode.get(parentCode.toLowerCase()) : undefined;
    if (parentCode && !parent) problems.push(`parent ${parentCode} is not the code of an item on an earlier row`);
    if (kind && !(parentCode && !parent) && !CHILD_KINDS[parent?.item.kind ?? 'root'].includes(kind))
      problems.push(
        `a ${FRAMEWORK_ITEM_KIND_LABELS[kind].toLowerCase()} cannot go ${parent ? `under a ${FRAMEWORK_ITEM_KIND_LABELS[parent.item.kind].toLowerCase()}` : 'at the top level'}`,
      );
    const characteristics = Object.fromEntries(
      (['outstanding', 'good', 'requires improvement', 'inadequate'] as const).flatMap((h) => (cell(h) ? [[h.replace(' ', '_'), cell(h)]] : [])),
    );
    if (problems.length > 0 || !kind || ours === undefined) {
      refused.push({ line: row.line, reason: problems.join('; ') });
      continue;
    }
    const item: FrameworkSourceItem = {
      kind,
      code,
      title,
      ...(cell('description') ? { description: cell('description') } : {}),
      ours,
      ...(Object.keys(characteristics).length ? { ratingCharacteristics: characteristics } : {}),
      ...(cell('source') ? { source: cell('source') } : {}),
    };
    byCode.set(code.toLowerCase(), { item, line: row.line });
    good.push(item);
    if (parent) (parent.item.children ??= []).push(item);
    else top.push(item);
  }
  const checked = checkedWhole(table, good, refused);
  if (checked.invalid.length > 0)
    throw invalid(
      `${fileName} was not imported, nothing was changed: ${checked.invalid
        .slice(0, 20)
        .map((r) => `line ${r.line}: ${r.reason}`)
        .join('; ')}${checked.invalid.length > 20 ? `; and ${checked.invalid.length - 20} more rows` : ''}.`,
      checked.invalid.slice(0, 20).map((r) => ({ field: `line ${r.line}`, message: r.reason })),
    );
  const parsed = FrameworkSource.safeParse({ ...meta, items: top });
  if (!parsed.success)
    throw invalid(
      `${fileName} was not imported, nothing was changed: ${parsed.error.issues
        .slice(0, 20)
        .map((i) => `${i.path.join('.') || 'the file'}: ${i.message}`)
        .join('; ')}.`,
    );
  return parsed.data;
}
