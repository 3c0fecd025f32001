import { z } from 'zod';
import { FrameworkItemKind, FrameworkSource, FrameworkSummary } from './domain';
import { ReviewDetail } from '../reviews/contract';
import { call, id, optionalText, requiredText } from '../api/call';

/** Calls for frameworks: the ones shipped with Fieldbook, and each review's own editable copy. */

export const frameworksCalls = {
  listFrameworks: call(z.object({}), z.array(FrameworkSummary), 'Frameworks a review can start from: shipped with Fieldbook, and imported on this laptop'),
  importFramework: call(
    z.object({ fileName: requiredText('File name', 255), text: z.string().max(5 * 1024 * 1024 + 1024, 'The file is over 5 MB') }),
    FrameworkSummary,
    'Import a framework file (format 1, JSON): checked whole, refused by line and field with nothing kept',
  ),
  importFrameworkSheet: call(
    z.object({
      fileName: requiredText('File name', 255),
      dataBase64: z.string().max(7_000_000, 'The file is over 5 MB'),
      /** What a sheet of items cannot say: the framework's id, name, version and the rest. */
      meta: FrameworkSource.omit({ items: true, format: true }),
    }),
    FrameworkSummary,
    'Import a framework kept in a spreadsheet (CSV or XLSX: kind, code, parent, title, …): refused by line with nothing kept',
  ),
  exportFramework: call(
    z.object({ frameworkId: requiredText('Framework', 80) }),
    z.object({ fileName: z.string(), text: z.string() }),
    'A framework as a file of format 1 ("id" for the newest version, or "id@version")',
  ),
  addFrameworkItem: call(
    z.object({
      reviewId: id('Review'),
      parentId: id('Parent item').nullable(),
      kind: FrameworkItemKind,
      title: requiredText('Title', 500),
      code: optionalText(20).optional(),
      description: optionalText(4000).default(''),
    }),
    ReviewDetail,
    'Add a theme, KLOE, quality statement or prompt',
  ),
  updateFrameworkItem: call(
    z.object({
      itemId: id('Framework item'),
      title: requiredText('Title', 500).optional(),
      code: requiredText('Code', 20).optional(),
      description: optionalText(4000).optional(),
    }),
    ReviewDetail,
    'Reword a framework item',
  ),
  moveFrameworkItem: call(z.object({ itemId: id('Framework item'), direction: z.enum(['up', 'down']) }), ReviewDetail, 'Move a framework item among its siblings'),
  setFrameworkItemRetired: call(
    z.object({ itemId: id('Framework item'), retired: z.boolean() }),
    ReviewDetail,
    'Retire a framework item (kept, hidden from new work) or bring it back',
  ),
} as const;
