import { z } from 'zod';
import { ActionPlan, ActionPriority, ActionStatus, Indicator, IndicatorCode, IndicatorFlag } from './domain';
import { IsoDate } from '../reviews/domain';
import { call, id, optionalText, requiredText } from '../api/call';

/** What a checked import did: nothing unless every row was valid (or invalid ones were skipped). */
export const TableImportResult = z.object({
  imported: z.boolean(),
  rows: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  invalid: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  /** Rows imported as given but worth a look (a flag that contradicts the figures), by line. */
  warnings: z.array(z.object({ line: z.number().int(), message: z.string() })),
});
export type TableImportResult = z.infer<typeof TableImportResult>;

/** The largest indicator or action plan file imported at once. */
export const TABLE_IMPORT_MAX_BYTES = 50_000_000;

const Figure = z.number({ error: 'Enter a number' }).finite();
const Chart = z.object({ code: z.string(), name: z.string(), image: z.string() });

export const dataProfileCalls = {
  listIndicators: call(z.object({ reviewId: id('Review') }), z.array(Indicator), "The review's data profile: indicators with their values in time order"),
  saveIndicator: call(
    z.object({
      reviewId: id('Review'),
      indicatorId: id('Indicator').optional(),
      code: IndicatorCode,
      name: requiredText('Name'),
      unit: optionalText(120).default(''),
      lowerIsBetter: z.boolean().default(true),
    }),
    z.array(Indicator),
    'Add your own indicator, or edit one',
  ),
  removeIndicator: call(
    z.object({ indicatorId: id('Indicator'), removed: z.boolean().default(true) }),
    z.array(Indicator),
    'Remove an indicator with its values (or bring it back)',
  ),
  saveIndicatorValue: call(
    z.object({
      indicatorId: id('Indicator'),
      period: requiredText('Period', 20),
      area: Figure,
      england: Figure.nullable().default(null),
      comparator: Figure.nullable().default(null),
      flag: IndicatorFlag.nullable().default(null),
      note: optionalText(500).default(''),
    }),
    z.array(Indicator),
    "Set one period's figures for an indicator (a period already there is updated)",
  ),
  removeIndicatorValue: call(z.object({ valueId: id('Value'), removed: z.boolean().default(true) }), z.array(Indicator), "Remove one period's figures (or bring them back)"),
  importIndicatorsCsv: call(
    z.object({
      reviewId: id('Review'),
      fileName: z.string().max(255).default('indicators.csv'),
      text: z.string().max(TABLE_IMPORT_MAX_BYTES, `The file is over ${TABLE_IMPORT_MAX_BYTES / 1_000_000} MB: an import can be at most ${TABLE_IMPORT_MAX_BYTES / 1_000_000} MB.`),
      skipInvalid: z.boolean().default(false),
    }),
    TableImportResult,
    'Import indicator values from CSV: the whole file is checked first',
  ),
  getIndicatorCharts: call(
    z.object({ reviewId: id('Review'), format: z.enum(['svg', 'png']).default('svg') }),
    z.object({ indicators: z.array(Chart), profile: z.string(), mediaType: z.string() }),
    'One line chart per indicator (area, England, comparator; flags marked) and the one-page profile, as SVG or base64 PNG',
  ),
  getActionPlan: call(z.object({ reviewId: id('Review'), today: IsoDate.optional() }), ActionPlan, "The system's action plan with counts by theme and status"),
  saveAction: call(
    z.object({
      reviewId: id('Review'),
      actionId: id('Action').optional(),
      themeId: id('Theme'),
      priority: ActionPriority,
      action: requiredText('Action', 2000),
      ownerIds: z.array(z.uuid()).min(1, 'Choose at least one owner organisation').max(50),
      due: IsoDate.nullable().default(null),
      status: ActionStatus.default('not_started'),
    }),
    ActionPlan,
    'Add an action to the plan, or edit one',
  ),
  removeAction: call(z.object({ actionId: id('Action'), removed: z.boolean().default(true) }), ActionPlan, 'Remove an action (or bring it back)'),
  addActionProgress: call(
    z.object({ actionId: id('Action'), date: IsoDate, text: requiredText('Progress note', 4000), evidenceIds: z.array(z.uuid()).max(50).default([]) }),
    ActionPlan,
    'Record dated progress on an action, citing evidence',
  ),
  removeActionProgress: call(z.object({ progressId: id('Progress note'), removed: z.boolean().default(true) }), ActionPlan, 'Remove a progress note (or bring it back)'),
  importActions: call(
    z.object({
      reviewId: id('Review'),
      fileName: z.string().max(255).default('actions.csv'),
      dataBase64: z
        .string()
        .max(
          Math.ceil(TABLE_IMPORT_MAX_BYTES / 3) * 4 + 4,
          `The file is over ${TABLE_IMPORT_MAX_BYTES / 1_000_000} MB: an import can be at most ${TABLE_IMPORT_MAX_BYTES / 1_000_000} MB.`,
        ),
      skipInvalid: z.boolean().default(false),
    }),
    TableImportResult,
    'Import an action plan from CSV or XLSX: the whole file is checked first',
  ),
} as const;
