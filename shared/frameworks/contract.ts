import { z } from 'zod';
import { FrameworkItemKind, FrameworkSummary } from './domain';
import { ReviewDetail } from '../reviews/contract';
import { call, id, optionalText, requiredText } from '../api/call';

/** Calls for frameworks: the ones shipped with Fieldbook, and each review's own editable copy. */

export const frameworksCalls = {
  listFrameworks: call(z.object({}), z.array(FrameworkSummary), 'Frameworks shipped with Fieldbook'),
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
