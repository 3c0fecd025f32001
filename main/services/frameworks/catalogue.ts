import { FrameworkSource, type FrameworkSummary } from '../../../shared/frameworks/domain';
import { conflict, invalid, notFound } from '../../../shared/errors';
import { countItems, loadFrameworks } from '../../resources';
import type { Store } from '../../store/store';
import { checkFrameworkFile } from './framework-files';
import { frameworkFromSheet, type FrameworkMeta } from './framework-sheet';

/**
 * Every framework a review can start from: those shipped with Fieldbook, then those imported on
 * this laptop. A framework is known by its id and version; asked for by id alone, the newest.
 */
export function allFrameworks(store?: Store): Array<{ framework: FrameworkSource; origin: 'shipped' | 'imported' }> {
  const shipped = loadFrameworks().map((framework) => ({ framework, origin: 'shipped' as const }));
  if (!store) return shipped;
  const imported = (store.prepare('SELECT body FROM user_frameworks ORDER BY id, version').all() as Array<{ body: string }>).map((row) => ({
    framework: FrameworkSource.parse(JSON.parse(row.body)),
    origin: 'imported' as const,
  }));
  return [...shipped, ...imported];
}

export function summaryOf({ framework, origin }: { framework: FrameworkSource; origin: 'shipped' | 'imported' }): FrameworkSummary {
  return {
    id: framework.id,
    name: framework.name,
    version: framework.version,
    status: framework.status,
    published: framework.published ?? null,
    source: framework.source ?? null,
    origin,
    reviewKinds: framework.reviewKinds,
    provenance: framework.provenance,
    itemCount: countItems(framework.items),
  };
}

/** "saf-provider" (the newest version) or "saf-provider@2". */
export function findFramework(store: Store | undefined, key: string): FrameworkSource | undefined {
  const [id, version] = key.split('@');
  const matching = allFrameworks(store)
    .map((f) => f.framework)
    .filter((f) => f.id === id && (version === undefined || String(f.version) === version));
  return matching.sort((a, b) => b.version - a.version)[0];
}

/** Checks a framework file whole and keeps it; nothing is kept when any part is refused. */
export function importFramework(store: Store, fileName: string, text: string): FrameworkSummary {
  return keepFramework(store, fileName, checkFrameworkFile(fileName, text));
}

/** A framework kept in a spreadsheet, with what the sheet cannot say given beside it. */
export async function importFrameworkSheet(store: Store, fileName: string, bytes: Buffer, meta: FrameworkMeta): Promise<FrameworkSummary> {
  return keepFramework(store, fileName, await frameworkFromSheet(bytes, fileName, meta));
}

function keepFramework(store: Store, fileName: string, framework: FrameworkSource): FrameworkSummary {
  const existing = allFrameworks(store).find((f) => f.framework.id === framework.id && f.framework.version === framework.version);
  if (existing)
    throw conflict(
      `${fileName} was not imported: ${existing.origin === 'shipped' ? 'Fieldbook ships' : 'this laptop already has'} ${framework.id} version ${framework.version}. Give the file a new version (or a new id).`,
    );
  store.write((stamp) => {
    store
      .prepare('INSERT INTO user_frameworks (id, version, body, imported_at, imported_by) VALUES (?, ?, ?, ?, ?)')
      .run(framework.id, framework.version, JSON.stringify(framework), new Date().toISOString(), stamp.updatedBy);
  });
  return summaryOf({ framework, origin: 'imported' });
}

export function frameworkByKey(store: Store, key: string): FrameworkSource {
  const framework = findFramework(store, key);
  if (!framework) throw notFound(`There is no framework "${key}". List them with \`fieldbook frameworks\`.`);
  return framework;
}

export function unknownFramework(store: Store | undefined, key: string): never {
  throw invalid(
    `There is no framework "${key}". Choose one of: ${allFrameworks(store)
      .map((f) => `${f.framework.id}@${f.framework.version}`)
      .join(', ')}.`,
    [{ field: 'frameworkId', message: 'Unknown framework' }],
  );
}
