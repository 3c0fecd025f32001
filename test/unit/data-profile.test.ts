import fs from 'node:fs';
import path from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import { afterEach, describe, expect, it } from 'vitest';
import { comparePeriods, parsePeriod, type Period } from '../../shared/data-profile/period';
import { parseDue, parseStatus } from '../../shared/data-profile/action-cells';
import { effectiveStatus } from '../../shared/data-profile/domain';
import { cli, tempDir, testApps } from '../helpers';

async function demo() {
  const dir = tempDir();
  const db = path.join(dir, 'profile.sqlite');
  expect((await cli('--db', db, 'demo')).code).toBe(0);
  return { dir, db };
}

describe('reporting periods', () => {
  it('reads financial and calendar quarters and months, and sorts them in time order', () => {
    const labels = ['2018-07', '2017/18 Q4', 'Q1 2018/19', '2018 Q3', '2017/2018 Q1', 'Jun 2018', '2018-6'];
    const periods = labels.map((l) => parsePeriod(l) as Period);
    expect(periods.map((p) => p.label)).toEqual(['2018-07', '2017/18 Q4', '2018/19 Q1', '2018 Q3', '2017/18 Q1', '2018-06', '2018-06']);
    // Financial Q4 of 2017/18 is January–March 2018; Q1 of 2018/19 starts in April 2018.
    expect(periods[1]?.start).toBe('2018-01');
    expect(periods[2]?.start).toBe('2018-04');
    expect([...periods].sort(comparePeriods).map((p) => p.label)).toEqual(['2017/18 Q1', '2017/18 Q4', '2018/19 Q1', '2018-06', '2018-06', '2018-07', '2018 Q3']);
  });

  it('refuses what is not a period, saying why', () => {
    expect(parsePeriod('Q5 2018')).toBe('period "Q5 2018": quarters are Q1–Q4');
    expect(parsePeriod('2018-13')).toBe('period "2018-13": months are 01–12');
    expect(parsePeriod('2017/19 Q1')).toMatch(/not a financial year/);
    expect(parsePeriod('last winter')).toMatch(/is not a quarter .* or a month/);
  });
});

describe('indicator CSV import', () => {
  const BAD =
    'Indicator,Period,Area,England,Comparator,Flag\n' +
    'NOPE1,2018 Q1,12,10,,\n' + // line 2: unknown indicator
    'DTOC18,Q5 2018,15.2,10.1,,\n' + // line 3: no such quarter
    'READM65,2018 Q2,n/a%,19%,,\n' + // line 4: not a number
    'Delayed transfers of care (18+),2018 Q2,"17.5",10.6,12.0,significantly worse\n'; // line 5: good

  it('refuses a file with bad rows, listing each by line, then imports the good row with --skip-invalid', async () => {
    const { dir, db } = await demo();
    const file = path.join(dir, 'indicators.csv');
    fs.writeFileSync(file, BAD);
    const refused = await cli('--db', db, 'import', 'indicators', 'Oxfordshire', file);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('nothing imported: 3 of 4 rows are invalid');
    expect(refused.out).toContain(`${file}:2: unknown indicator "NOPE1"`);
    expect(refused.out).toContain(`${file}:3: period "Q5 2018": quarters are Q1–Q4`);
    expect(refused.out).toContain(`${file}:4: area "n/a%" is not a number`);
    const before = JSON.parse((await cli('--db', db, 'indicators', 'Oxfordshire', '--json')).out) as Array<{ code: string; values: unknown[] }>;
    expect(before.find((i) => i.code === 'DTOC18')?.values).toHaveLength(4); // the demo's figures only

    const skipped = await cli('--db', db, 'import', 'indicators', 'Oxfordshire', file, '--skip-invalid');
    expect(skipped.out).toContain('1 row imported: 1 new values, 0 updated, 0 unchanged');
    expect(skipped.code).toBe(1); // rows were skipped: say so to scripts
    const again = await cli('--db', db, 'import', 'indicators', 'Oxfordshire', file, '--skip-invalid');
    expect(again.out).toContain('0 new values, 0 updated, 1 unchanged');

    const indicators = JSON.parse((await cli('--db', db, 'indicators', 'Oxfordshire', '--json')).out) as Array<{
      code: string;
      name: string;
      unit: string;
      lowerIsBetter: boolean;
      values: Array<{ period: string; area: number; england: number | null; comparator: number | null; flag: string | null }>;
    }>;
    expect(indicators.map((i) => i.code)).toEqual(['AE65', 'EA65', 'EACH65', 'LOS65', 'DTOC18', 'READM65']);
    const dtoc = indicators.find((i) => i.code === 'DTOC18');
    expect(dtoc).toMatchObject({ name: 'Delayed transfers of care (18+)', lowerIsBetter: true });
    // Time order across quarters and months: 2017/18 Q1, 2018 Q2 (April), June, July, October.
    expect(dtoc?.values.map((v) => v.period)).toEqual(['2017/18 Q1', '2018 Q2', '2018-06', '2018-07', '2018-10']);
    expect(dtoc?.values[1]).toEqual({ period: '2018 Q2', area: 17.5, england: 10.6, comparator: 12, flag: 'worse' });
  });

  it('reads BOM, CRLF, percentages, quoted thousands and updates a value on re-import', async () => {
    const { dir, db } = await demo();
    const file = path.join(dir, 'readmissions.csv');
    fs.writeFileSync(file, '\uFEFFperiod,indicator,england,area,flag\r\n2018 Q1,READM65,19.1%,20.4 %,similar\r\n2018 Q1,AE65,"1,204.5",980,Significantly_Better\r\n');
    expect((await cli('--db', db, 'import', 'indicators', 'Oxfordshire', file)).out).toContain('2 new values');
    fs.writeFileSync(file, 'period,indicator,england,area,flag\n2018 Q1,READM65,19.1%,20.9%,worse\n');
    expect((await cli('--db', db, 'import', 'indicators', 'Oxfordshire', file)).out).toContain('0 new values, 1 updated');
    const indicators = JSON.parse((await cli('--db', db, 'indicators', 'Oxfordshire', '--json')).out) as Array<{
      code: string;
      values: Array<{ period: string; area: number; england: number; flag: string }>;
    }>;
    expect(indicators.find((i) => i.code === 'READM65')?.values.find((v) => v.period === '2018 Q1')).toMatchObject({ area: 20.9, england: 19.1, flag: 'worse' });
    expect(indicators.find((i) => i.code === 'AE65')?.values[0]).toMatchObject({ area: 980, england: 1204.5, flag: 'better' });
  });

  it('writes one chart per indicator with figures and the one-page profile, as SVG and PNG', { timeout: 30_000 }, async () => {
    const { dir, db } = await demo();
    const out = path.join(dir, 'charts');
    fs.mkdirSync(out);
    const result = await cli('--db', db, 'indicators', 'charts', 'Oxfordshire', '--out', out);
    expect(result.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual([
      'data-profile.png',
      'data-profile.svg',
      'indicator-DTOC18.png',
      'indicator-DTOC18.svg',
      'indicator-READM65.png',
      'indicator-READM65.svg',
    ]);
    // Numbered as the report numbers them: delayed transfers are the fifth indicator.
    expect(fs.readFileSync(path.join(out, 'indicator-DTOC18.svg'), 'utf8')).toContain('Figure 5: Delayed transfers of care (18+)');
    expect(fs.readFileSync(path.join(out, 'data-profile.svg'), 'utf8')).toContain('No figures yet');
    expect(fs.readFileSync(path.join(out, 'data-profile.png')).subarray(1, 4).toString()).toBe('PNG');
    expect((await cli('--db', db, 'indicators', 'charts', 'Oxfordshire', '--out', path.join(dir, 'missing'))).err).toMatch(/is not a folder/);
  });

  it("gives the demo review the seed report's figures, marked as demo data", async () => {
    const { db } = await demo();
    const indicators = JSON.parse((await cli('--db', db, 'indicators', 'Oxfordshire', '--json')).out) as Array<{
      code: string;
      values: Array<{ period: string; area: number; england: number | null; flag: string | null; demo?: boolean }>;
    }>;
    const dtoc = indicators.find((i) => i.code === 'DTOC18')?.values ?? [];
    expect(dtoc.find((v) => v.period === '2018-07')).toMatchObject({ area: 20.6, england: 10.3, flag: 'worse', demo: true });
    expect(dtoc.find((v) => v.period === '2018-10')).toMatchObject({ area: 16.8, england: 10.8, demo: true });
    expect(dtoc.find((v) => v.period === '2018-06')).toMatchObject({ area: 16.7 });
    expect(indicators.find((i) => i.code === 'READM65')?.values).toEqual([{ period: '2017/18 Q4', area: 20, england: 19, comparator: null, flag: null, demo: true }]);
  });
});

const PLAN = [
  ['theme', 'priority', 'action', 'owner', 'due', 'status'],
  ['Winter planning', 'Strategic', 'Agree one winter plan across health and social care', 'OCC; OCCG', '2018-10-31', 'complete'],
  ['Carers', 'engagement', 'Co-produce the carers strategy with carers’ groups', 'Oxfordshire County Council', '31/03/2019', 'on track'],
  ['Workforce', 'Operational priority', 'Joint recruitment campaign for domiciliary care staff', 'all partners', 'March 2019', 'At risk'],
  ['Housing – equipment and adaptations', 'operational', 'Cut waiting times for adaptations', 'OCC, OUHFT', '2018-09-30', 'on_track'],
];

describe('action plan import', () => {
  it('gives the same items from CSV and from XLSX, with overdue worked out from the due date', async () => {
    const { dir, db } = await demo();
    const csv = path.join(dir, 'plan.csv');
    fs.writeFileSync(csv, PLAN.map((row) => row.map((cell) => (/[,"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\n'));
    const xlsx = path.join(dir, 'plan.xlsx');
    // The spreadsheet has a real date cell for one due date, as Excel users would enter it.
    const sheet = PLAN.map((row, r) =>
      row.map((cell, c) => (r === 1 && c === 4 ? { value: new Date('2018-10-31T00:00:00Z'), type: Date, format: 'dd/mm/yyyy' } : { value: cell })),
    );
    await writeXlsxFile(sheet).toFile(xlsx);

    const second = path.join(dir, 'second.sqlite');
    await cli('--db', second, 'demo');
    expect((await cli('--db', db, 'import', 'actions', 'Oxfordshire', csv)).out).toContain('4 rows imported: 4 new actions');
    expect((await cli('--db', second, 'import', 'actions', 'Oxfordshire', xlsx)).out).toContain('4 rows imported: 4 new actions');
    const fromCsv = JSON.parse((await cli('--db', db, 'actions', 'Oxfordshire', '--today', '2018-11-06', '--json')).out) as Array<Record<string, unknown>>;
    const fromXlsx = JSON.parse((await cli('--db', second, 'actions', 'Oxfordshire', '--today', '2018-11-06', '--json')).out) as Array<Record<string, unknown>>;
    expect(fromXlsx).toEqual(fromCsv);
    expect(fromCsv).toEqual([
      {
        ref: 'A001',
        theme: 'Winter planning',
        priority: 'strategic',
        action: 'Agree one winter plan across health and social care',
        owners: ['OCC', 'OCCG'],
        due: '2018-10-31',
        status: 'complete',
        progress: [],
      },
      {
        ref: 'A002',
        theme: 'Carers',
        priority: 'engagement',
        action: 'Co-produce the carers strategy with carers’ groups',
        owners: ['OCC'],
        due: '2019-03-31',
        status: 'on_track',
        progress: [],
      },
      {
        ref: 'A003',
        theme: 'Workforce',
        priority: 'operational',
        action: 'Joint recruitment campaign for domiciliary care staff',
        owners: expect.arrayContaining(['OCC', 'OUHFT', 'SCAS']),
        due: '2019-03-31',
        status: 'at_risk',
        progress: [],
      },
      // Not complete and due before the review's "today": overdue.
      {
        ref: 'A004',
        theme: 'Housing – equipment and adaptations',
        priority: 'operational',
        action: 'Cut waiting times for adaptations',
        owners: ['OCC', 'OUHFT'],
        due: '2018-09-30',
        status: 'overdue',
        progress: [],
      },
    ]);
    // The same file again changes nothing; an updated status updates the one action.
    expect((await cli('--db', second, 'import', 'actions', 'Oxfordshire', csv)).out).toContain('0 new actions, 0 updated, 4 unchanged');
    fs.writeFileSync(csv, 'Theme,Action,Priority,Owner,Status\nCarers,Co-produce the carers strategy with carers’ groups,engagement,OCC,complete\n');
    expect((await cli('--db', db, 'import', 'actions', 'Oxfordshire', csv)).out).toContain('0 new actions, 1 updated');
  });

  it('refuses a plan with bad rows, naming each line and field, and imports nothing', async () => {
    const { dir, db } = await demo();
    const file = path.join(dir, 'bad-plan.csv');
    fs.writeFileSync(
      file,
      'theme,priority,action,owner,due,status\nGardening,strategic,Plant trees,OCC,,\nCarers,urgent,Support carers,Nobody,30/02/2019,finished\nCarers,engagement,Support carers,OCC,,\n',
    );
    const result = await cli('--db', db, 'import', 'actions', 'Oxfordshire', file);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${file}:2: unknown theme "Gardening"`);
    expect(result.out).toContain(
      `${file}:3: priority "urgent" is not strategic, operational or engagement; unknown owner "Nobody"; due "30/02/2019" is not a real date; status "finished" is not one of`,
    );
    expect(JSON.parse((await cli('--db', db, 'actions', 'Oxfordshire', '--json')).out)).toEqual([]);
    const missing = path.join(dir, 'no-owner-column.csv');
    fs.writeFileSync(missing, 'theme,priority,action\nCarers,engagement,Support carers\n');
    expect(await cli('--db', db, 'import', 'actions', 'Oxfordshire', missing)).toMatchObject({ code: 1, err: expect.stringMatching(/lacks the column owner/) });
    const notXlsx = path.join(dir, 'broken.xlsx');
    fs.writeFileSync(notXlsx, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('truncated')]));
    expect(await cli('--db', db, 'import', 'actions', 'Oxfordshire', notXlsx)).toMatchObject({ code: 1, err: expect.stringMatching(/not a readable Excel workbook/) });
  });
});

describe('action statuses and dates', () => {
  it('reads statuses and due dates as people write them', () => {
    expect(parseStatus('In progress')).toBe('on_track');
    expect(parseStatus('')).toBe('not_started');
    expect(parseDue('1 Apr 2019')).toBe('2019-04-01');
    expect(parseDue('February 2020')).toBe('2020-02-29');
    expect(parseDue('2019-02-29')).toEqual({ error: 'due "2019-02-29" is not a real date' });
    expect(effectiveStatus('on_track', '2018-01-01', '2018-06-01')).toBe('overdue');
    expect(effectiveStatus('complete', '2018-01-01', '2018-06-01')).toBe('complete');
    expect(effectiveStatus('at_risk', null, '2018-06-01')).toBe('at_risk');
  });
});

describe('editing the data profile and the plan through the API', () => {
  const app = testApps(afterEach);

  it('adds an own indicator, refuses a taken code, and brings a removed indicator back with its figures', async () => {
    const a = app();
    const reviewId = (await a.call('createDemoReview', {})).review.id;
    let indicators = await a.call('saveIndicator', { reviewId, code: 'SELF65', name: 'People funding their own care', unit: '%', lowerIsBetter: false });
    const own = indicators.find((i) => i.code === 'SELF65');
    expect(own).toMatchObject({ builtIn: false, lowerIsBetter: false });
    expect((await a.failure('saveIndicator', { reviewId, code: 'dtoc18', name: 'Clash' })).message).toMatch(/already used/);
    indicators = await a.call('saveIndicatorValue', { indicatorId: own?.id ?? '', period: '2018 Q2', area: 53.2, england: 38, comparator: 44.7 });
    expect(indicators.find((i) => i.code === 'SELF65')?.values[0]).toMatchObject({ period: '2018 Q2', area: 53.2, england: 38, comparator: 44.7, flag: null, demo: false });
    expect((await a.failure('saveIndicatorValue', { indicatorId: own?.id ?? '', period: 'Q5 2018', area: 1 })).message).toBe('The period "Q5 2018": quarters are Q1–Q4.');
    indicators = await a.call('removeIndicator', { indicatorId: own?.id ?? '' });
    expect(indicators.some((i) => i.code === 'SELF65')).toBe(false);
    indicators = await a.call('removeIndicator', { indicatorId: own?.id ?? '', removed: false });
    expect(indicators.find((i) => i.code === 'SELF65')?.values).toHaveLength(1);
  });

  it('adds an action, records progress citing evidence and refuses evidence from elsewhere', async () => {
    const a = app();
    const detail = await a.call('createDemoReview', {});
    const reviewId = detail.review.id;
    const plan = await a.call('getActionPlan', { reviewId, today: '2018-11-06' });
    expect(plan.themes.map((t) => t.code)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9']);
    const occ = detail.organisations.find((o) => o.shortName === 'OCC')?.id ?? '';
    const saved = await a.call('saveAction', {
      reviewId,
      themeId: plan.themes[2]?.id ?? '',
      priority: 'operational',
      action: 'Test the winter escalation plan',
      ownerIds: [occ],
      due: '2018-10-01',
      status: 'on_track',
    });
    const action = saved.items[0];
    expect(action).toMatchObject({ ref: 'A001', theme: 'Winter planning', status: 'on_track' });
    const evidence = await a.call('addEvidence', { reviewId, kind: 'document', title: 'Winter plan 2018/19' });
    const withProgress = await a.call('addActionProgress', {
      actionId: action?.id ?? '',
      date: '2018-11-01',
      text: 'Escalation plan tested in October',
      evidenceIds: [evidence.id],
    });
    expect(withProgress.items[0]?.progress[0]).toMatchObject({
      date: '2018-11-01',
      text: 'Escalation plan tested in October',
      evidence: [{ code: evidence.code, title: 'Winter plan 2018/19' }],
    });
    const other = (await a.call('createReview', { title: 'Elsewhere', kind: 'progress_review', area: 'Kent', organisations: [] })).review.id;
    const foreign = await a.call('addEvidence', { reviewId: other, kind: 'document', title: 'Not this review' });
    expect((await a.failure('addActionProgress', { actionId: action?.id ?? '', date: '2018-11-02', text: 'x', evidenceIds: [foreign.id] })).message).toMatch(/not in this review/);
    expect((await a.failure('saveAction', { reviewId, themeId: plan.themes[0]?.id ?? '', priority: 'strategic', action: 'x', ownerIds: [] })).message).toMatch(
      /at least one owner/,
    );
  });
});
