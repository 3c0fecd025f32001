import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FrameworkSource, type FrameworkSourceItem } from '../shared/frameworks/domain';
import { ReviewKind, Sector, TeamRole } from '../shared/reviews/domain';
import { IndicatorFlag, IndicatorSource } from '../shared/data-profile/domain';
import { FieldbookError } from '../shared/errors';

/**
 * The shipped data folder (frameworks, demo). In a packaged app it sits in Electron's resources
 * folder; in development and under Node it is found by walking up from this file.
 */
export function resourcesDir(): string {
  // Named explicitly (tests of the packaged set, a site's own copy): that folder and no other, so
  // a file missing from it is reported rather than quietly read from elsewhere.
  if (process.env.FIELDBOOK_RESOURCES) return process.env.FIELDBOOK_RESOURCES;
  const candidates: string[] = [];
  const electronResources = (process as { resourcesPath?: string }).resourcesPath;
  if (electronResources) candidates.push(path.join(electronResources, 'resources'));
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'resources'));
    if (path.dirname(dir) === dir) break;
  }
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'frameworks')));
  if (!found) throw new FieldbookError('internal', `Fieldbook's resources folder was not found (looked in ${candidates.slice(0, 3).join(', ')}). Reinstall Fieldbook.`);
  return found;
}

/** A shipped file that is not there: the installation is incomplete, not the reviewer's data. */
export function missingResource(file: string): FieldbookError {
  return new FieldbookError('internal', `Fieldbook's installation is incomplete: ${file} is missing. Reinstall Fieldbook.`);
}

/** A file of the resources folder, by its path inside it; a missing one names itself. */
export function readResource(...parts: string[]): Buffer {
  const file = path.join(resourcesDir(), ...parts);
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missingResource(file);
    throw error;
  }
}

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missingResource(file);
    throw new FieldbookError('internal', `${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new FieldbookError('internal', `${file}: ${first?.path.join('.') ?? ''} ${first?.message ?? 'is not valid'}`);
  }
  return parsed.data;
}

let frameworkCache: FrameworkSource[] | null = null;

export function loadFrameworks(): FrameworkSource[] {
  if (frameworkCache) return frameworkCache;
  const folder = path.join(resourcesDir(), 'frameworks');
  const frameworks = fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => readJson(path.join(folder, name), FrameworkSource));
  for (const framework of frameworks) assertUniqueCodes(framework);
  frameworkCache = frameworks;
  return frameworks;
}

export function countItems(items: readonly FrameworkSourceItem[]): number {
  return items.reduce((sum, item) => sum + 1 + countItems(item.children ?? []), 0);
}

function assertUniqueCodes(framework: FrameworkSource): void {
  const seen = new Set<string>();
  const walk = (items: readonly FrameworkSourceItem[]) => {
    for (const item of items) {
      if (seen.has(item.code)) throw new FieldbookError('internal', `Framework ${framework.id} uses the code ${item.code} twice.`);
      seen.add(item.code);
      walk(item.children ?? []);
    }
  };
  walk(framework.items);
}

export const DemoData = z.object({
  review: z.object({
    title: z.string(),
    kind: ReviewKind,
    area: z.string(),
    visitStart: z.iso.date(),
    visitEnd: z.iso.date(),
    frameworkId: z.string(),
    background: z.string(),
  }),
  organisations: z.array(z.object({ name: z.string(), shortName: z.string(), sector: Sector })),
  team: z.array(z.object({ name: z.string(), role: TeamRole, background: z.string() })),
  /** Indicator values the seed report gives, by indicator code; stored marked as demo data. */
  indicators: z
    .array(
      z.object({
        code: z.string(),
        period: z.string(),
        area: z.number(),
        england: z.number().optional(),
        comparator: z.number().optional(),
        flag: IndicatorFlag.optional(),
        note: z.string().optional(),
      }),
    )
    .default([]),
});
export type DemoData = z.infer<typeof DemoData>;

export function loadDemo(): DemoData {
  return readJson(path.join(resourcesDir(), 'demo', 'oxfordshire-progress-review.json'), DemoData);
}

export function loadDefaultIndicators(): IndicatorSource {
  return readJson(path.join(resourcesDir(), 'profile', 'indicators.json'), IndicatorSource);
}
