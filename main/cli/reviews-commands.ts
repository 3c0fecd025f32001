import { REVIEW_KIND_LABELS, REVIEW_KINDS, type ReviewKind } from '../../shared/reviews/domain';
import { guessSector } from '../../shared/reviews/sector-guess';
import { invalid } from '../../shared/errors';
import { parse } from './args';
import type { Command } from './commands';

function kindFrom(raw: string | undefined): ReviewKind {
  const normalised = (raw ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const kind = REVIEW_KINDS.find((k) => k === normalised);
  if (!kind) throw invalid(`--kind must be one of: ${REVIEW_KINDS.join(', ')}${raw ? ` (got "${raw}")` : ''}.`);
  return kind;
}

/** "Full name=SHORT": split on the last '=' so full names may themselves contain '='. */
function organisationFrom(raw: string) {
  const at = raw.lastIndexOf('=');
  if (at <= 0 || at === raw.length - 1) throw invalid(`--org "${raw}" must look like "Full name=SHORT", e.g. --org "Oxfordshire County Council=OCC".`);
  const name = raw.slice(0, at).trim();
  return { name, shortName: raw.slice(at + 1).trim(), sector: guessSector(name) };
}

const dates = (start: string | null, end: string | null) => (start ? `${start}${end && end !== start ? ` to ${end}` : ''}` : 'no visit dates');

/** CLI commands for reviews: set one up, list them. */
export const REVIEWS_COMMANDS: Command[] = [
  {
    name: 'review create',
    summary: 'Set up a new review; prints its id',
    usage: `fieldbook review create --title TITLE --kind KIND --area AREA [--start YYYY-MM-DD] [--end YYYY-MM-DD]
                       [--framework ID] [--org "Full name=SHORT"]... [--db PATH] [--json]
  KIND: ${REVIEW_KINDS.map((k) => `${k} (${REVIEW_KIND_LABELS[k]})`).join(', ')}`,
    run: async (args, runtime) => {
      const { values } = parse(args, {
        title: { type: 'string' },
        kind: { type: 'string' },
        area: { type: 'string' },
        start: { type: 'string' },
        end: { type: 'string' },
        framework: { type: 'string' },
        org: { type: 'string', multiple: true },
      });
      if (values.title === undefined) throw invalid('--title is required, e.g. --title "Oxfordshire progress review".');
      if (values.area === undefined) throw invalid('--area is required, e.g. --area Oxfordshire.');
      const detail = await runtime.call('createReview', {
        title: values.title,
        kind: kindFrom(values.kind),
        area: values.area,
        visitStart: values.start ?? null,
        visitEnd: values.end ?? null,
        ...(values.framework ? { frameworkId: values.framework } : {}),
        organisations: (values.org ?? []).map(organisationFrom),
      });
      runtime.print(detail, () => detail.review.id);
    },
  },
  {
    name: 'reviews',
    summary: 'List reviews (--all includes archived ones)',
    usage: 'fieldbook reviews [--all] [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { values } = parse(args, { all: { type: 'boolean', default: false } });
      const reviews = await runtime.call('listReviews', { includeArchived: values.all });
      runtime.print(reviews, () =>
        reviews.length === 0
          ? 'No reviews yet. Create one with "fieldbook review create" or try "fieldbook demo".'
          : reviews
              .map(
                (r) =>
                  `${r.id}  ${r.title}${r.archived ? ' [archived]' : ''}\n    ${REVIEW_KIND_LABELS[r.kind]} · ${r.area} · ${dates(r.visitStart, r.visitEnd)} · organisations: ${r.organisations.join(', ') || 'none'} · ${r.frameworkItemCount} framework items`,
              )
              .join('\n'),
      );
    },
  },
];
