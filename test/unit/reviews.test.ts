import { afterEach, describe, expect, it } from 'vitest';
import { testApps, type TestApp } from '../helpers';

const app = testApps(afterEach);

const OXON = [
  { name: 'Oxfordshire County Council', shortName: 'OCC', sector: 'local_authority' as const },
  { name: 'Oxford University Hospitals NHS Foundation Trust', shortName: 'OUHFT', sector: 'nhs_trust' as const },
];

/** Row counts of every table a failed call could have touched. */
const snapshot = (a: TestApp) => ['reviews', 'team_members', 'organisations', 'framework_items'].map((t) => a.count(t));

describe('creating a review', () => {
  it('copies the framework for its kind and adds the organisations', async () => {
    const a = app();
    const detail = await a.call('createReview', {
      title: 'Oxfordshire',
      kind: 'progress_review',
      area: 'Oxfordshire',
      visitStart: '2018-11-06',
      visitEnd: '2018-11-07',
      organisations: OXON,
    });
    expect(detail.review.frameworkId).toBe('progress-review');
    expect(detail.framework.filter((i) => i.kind === 'theme')).toHaveLength(9);
    expect(detail.organisations.map((o) => o.shortName).sort()).toEqual(['OCC', 'OUHFT']);
    const [summary] = await a.call('listReviews', {});
    expect(summary).toMatchObject({ title: 'Oxfordshire', organisations: ['OCC', 'OUHFT'], frameworkItemCount: detail.framework.length });
  });

  it('gives each review its own copy of the framework', async () => {
    const a = app();
    const first = await a.call('createReview', { title: 'One', kind: 'saf_provider', area: 'A' });
    const second = await a.call('createReview', { title: 'Two', kind: 'saf_provider', area: 'B' });
    const statement = first.framework.find((i) => i.kind === 'quality_statement')!;
    await a.call('updateFrameworkItem', { itemId: statement.id, title: 'Learning culture (our wording)' });
    const again = await a.call('getReview', { reviewId: second.review.id });
    expect(again.framework.find((i) => i.code === statement.code)?.title).toBe('Learning culture');
  });

  it.each([
    [{ title: '   ', kind: 'progress_review', area: 'Kent' }, 'title', /Title cannot be empty/],
    [{ title: 'T', kind: 'inspection', area: 'Kent' }, 'kind', /Choose a review kind/],
    [{ title: 'T', kind: 'progress_review', area: '' }, 'area', /Area cannot be empty/],
    [{ title: 'T', kind: 'progress_review', area: 'Kent', visitStart: '2018-11-07', visitEnd: '2018-11-06' }, 'visitEnd', /cannot end before it starts/],
    [{ title: 'T', kind: 'progress_review', area: 'Kent', visitStart: '7/11/2018' }, 'visitStart', /date like 2018-11-06/],
    [{ title: 'T', kind: 'progress_review', area: 'Kent', frameworkId: 'nope' }, 'frameworkId', /no framework "nope"/],
    [
      { title: 'T', kind: 'progress_review', area: 'Kent', organisations: [OXON[0], { ...OXON[1], shortName: 'occ' }] },
      'organisations.1.shortName',
      /short name "occ" is already used by Oxfordshire County Council/,
    ],
  ])('refuses bad input with a message naming the field, and changes nothing (%#)', async (request, field, message) => {
    const a = app();
    const before = snapshot(a);
    const error = await a.failure('createReview', request);
    expect(error.message).toMatch(message);
    expect(error.issues.map((i) => i.field)).toContain(field);
    expect(snapshot(a)).toEqual(before);
  });

  it('refuses a second review with the same title', async () => {
    const a = app();
    await a.call('createReview', { title: 'Kent review', kind: 'progress_review', area: 'Kent' });
    const error = await a.failure('createReview', { title: 'kent REVIEW', kind: 'saf_provider', area: 'Kent' });
    expect(error.code).toBe('conflict');
    expect(a.count('reviews')).toBe(1);
  });
});

describe('changing a review', () => {
  it('renames, re-dates and archives; archived reviews leave the default list', async () => {
    const a = app();
    const { review } = await a.call('createReview', { title: 'Draft', kind: 'local_system_review', area: 'Kent' });
    const renamed = await a.call('updateReview', { reviewId: review.id, title: 'Kent local system review', visitStart: '2018-01-10', visitEnd: '2018-01-12' });
    expect(renamed.review).toMatchObject({ title: 'Kent local system review', visitStart: '2018-01-10', visitEnd: '2018-01-12' });
    await a.call('setReviewArchived', { reviewId: review.id, archived: true });
    expect(await a.call('listReviews', {})).toEqual([]);
    expect((await a.call('listReviews', { includeArchived: true }))[0]?.archived).toBe(true);
  });

  it('checks the visit dates against the stored ones when only one is changed', async () => {
    const a = app();
    const { review } = await a.call('createReview', { title: 'T', kind: 'progress_review', area: 'Kent', visitStart: '2018-11-06', visitEnd: '2018-11-07' });
    const error = await a.failure('updateReview', { reviewId: review.id, visitEnd: '2018-11-01' });
    expect(error.message).toMatch(/cannot end before it starts/);
    expect((await a.call('getReview', { reviewId: review.id })).review.visitEnd).toBe('2018-11-07');
  });

  it('says clearly when a review does not exist', async () => {
    const a = app();
    const error = await a.failure('getReview', { reviewId: '01890a5d-ac96-774b-bcce-b302099a8057' });
    expect(error.code).toBe('not_found');
    expect((await a.failure('getReview', { reviewId: 'abc' })).message).toMatch(/Review is not a valid id/);
  });
});

describe('team and organisations', () => {
  it('adds, edits, removes and restores team members', async () => {
    const a = app();
    const { review } = await a.call('createReview', { title: 'T', kind: 'progress_review', area: 'Kent' });
    let detail = await a.call('addTeamMember', { reviewId: review.id, name: 'Jo Fletcher', role: 'specialist_advisor', background: 'Local government' });
    const member = detail.team[0]!;
    detail = await a.call('updateTeamMember', { memberId: member.id, role: 'lead_reviewer' });
    expect(detail.team[0]).toMatchObject({ name: 'Jo Fletcher', role: 'lead_reviewer', background: 'Local government' });
    expect((await a.call('removeTeamMember', { memberId: member.id })).team).toEqual([]);
    expect((await a.call('restoreTeamMember', { memberId: member.id })).team.map((m) => m.name)).toEqual(['Jo Fletcher']);
    expect((await a.failure('addTeamMember', { reviewId: review.id, name: '', role: 'reviewer' })).message).toMatch(/Name cannot be empty/);
  });

  it('refuses duplicate organisation short names and names, and undo that would duplicate', async () => {
    const a = app();
    const { review, organisations } = await a.call('createReview', { title: 'T', kind: 'progress_review', area: 'Oxon', organisations: OXON });
    expect((await a.failure('addOrganisation', { reviewId: review.id, name: 'Other', shortName: 'ouhft' })).issues[0]?.field).toBe('shortName');
    expect((await a.failure('addOrganisation', { reviewId: review.id, name: 'oxfordshire county council', shortName: 'X' })).issues[0]?.field).toBe('name');
    const occ = organisations.find((o) => o.shortName === 'OCC')!;
    await a.call('removeOrganisation', { organisationId: occ.id });
    await a.call('addOrganisation', { reviewId: review.id, name: 'Oxford City Council', shortName: 'OCC' });
    const error = await a.failure('restoreOrganisation', { organisationId: occ.id });
    expect(error.message).toMatch(/"OCC" is already used by Oxford City Council/);
    expect(a.count('organisations')).toBe(3);
  });

  it('changes one field of an organisation without resetting the others', async () => {
    const a = app();
    const { organisations } = await a.call('createReview', { title: 'T', kind: 'progress_review', area: 'Oxon', organisations: OXON });
    const occ = organisations.find((o) => o.shortName === 'OCC')!;
    const after = await a.call('updateOrganisation', { organisationId: occ.id, name: 'Oxfordshire County Council (adult social care)' });
    expect(after.organisations.find((o) => o.id === occ.id)).toMatchObject({ shortName: 'OCC', sector: 'local_authority' });
  });
});

describe('editing the framework', () => {
  it('adds a KLOE with a generated code, rewords, reorders and retires items', async () => {
    const a = app();
    const detail = await a.call('createReview', { title: 'T', kind: 'progress_review', area: 'Oxon' });
    const carers = detail.framework.find((i) => i.title === 'Carers')!;
    let next = await a.call('addFrameworkItem', { reviewId: detail.review.id, parentId: carers.id, kind: 'prompt', title: 'How are young carers identified?' });
    const prompt = next.framework.find((i) => i.title === 'How are young carers identified?')!;
    expect(prompt.code).toBe(`${carers.code}.P2`);
    expect(prompt.parentId).toBe(carers.id);

    next = await a.call('moveFrameworkItem', { itemId: prompt.id, direction: 'up' });
    const children = next.framework.filter((i) => i.parentId === carers.id);
    expect(children[0]?.id).toBe(prompt.id);

    next = await a.call('setFrameworkItemRetired', { itemId: carers.id, retired: true });
    expect(next.framework.find((i) => i.id === carers.id)?.retired).toBe(true);
    expect(next.framework).toHaveLength(detail.framework.length + 1); // retired, never deleted
  });

  it('keeps the framework shaped like a framework', async () => {
    const a = app();
    const detail = await a.call('createReview', { title: 'T', kind: 'progress_review', area: 'Oxon' });
    const prompt = detail.framework.find((i) => i.kind === 'prompt')!;
    const error = await a.failure('addFrameworkItem', { reviewId: detail.review.id, parentId: prompt.id, kind: 'theme', title: 'Nested theme' });
    expect(error.message).toMatch(/A theme cannot go under a prompt/);
    const theme = detail.framework.find((i) => i.kind === 'theme')!;
    expect((await a.failure('updateFrameworkItem', { itemId: theme.id, code: 'T2' })).code).toBe('conflict');
  });
});
