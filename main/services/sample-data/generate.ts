import type { NoteMark, NoteNode } from '../../../shared/sessions/notes-doc';
import { STANCES, SESSION_KINDS, type ParticipantGroup } from '../../../shared/sessions/domain';
import { EVIDENCE_KINDS } from '../../../shared/evidence/domain';
import { storeFile, type StoredFile } from '../../store/attachments';
import { listFramework } from '../frameworks/framework-table';
import { insertSession } from '../sessions/sessions-table';
import { insertTag } from '../sessions/tags-table';
import { insertTeamMember } from '../reviews/members-table';
import { findReview, insertReview } from '../reviews/reviews-table';
import { invalid } from '../../../shared/errors';
import type { Store } from '../../store/store';
import { copyFrameworkInto, frameworkFor } from '../frameworks/frameworks';
import { addOrganisations } from '../reviews/organisations';
import { writeNotes } from '../sessions/notes';
import { questionnaire } from '../relational-audit/relational-audit';
import { replaceParticipants } from '../sessions/sessions';
import { generateProfile } from './generate-profile';
import { generateFindings } from './generate-findings';

/**
 * The deterministic scale generator behind `fieldbook generate` and the benchmarks: the same
 * scale always produces the same review, words, tags and ids (a seeded generator makes them).
 * Scale L is one review with 300 sessions, about 1,000,000 words of notes and 20,000 tags, 5,000
 * evidence items, 100,000 audit answers, 24 quarters of the six indicators and 120 actions.
 */
export const SCALES = {
  S: { sessions: 10, wordsPerSession: 3000, tagsPerSession: 50, evidence: 100, attachments: 10, respondents: 20, quarters: 8, actions: 12 },
  M: { sessions: 60, wordsPerSession: 3333, tagsPerSession: 67, evidence: 1000, attachments: 60, respondents: 200, quarters: 16, actions: 60 },
  L: { sessions: 300, wordsPerSession: 3333, tagsPerSession: 67, evidence: 5000, attachments: 300, respondents: 1000, quarters: 24, actions: 120 },
} as const;
export type Scale = keyof typeof SCALES;

/** mulberry32: small, fast, seeded. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** UUIDv7-shaped ids from the seeded generator, time-ordered from a fixed start. */
function seededIds(random: () => number): () => string {
  let counter = 0;
  const base = Date.UTC(2025, 2, 10);
  return () => {
    const time = (base + counter++).toString(16).padStart(12, '0');
    const hex = Array.from({ length: 20 }, () => Math.floor(random() * 16).toString(16)).join('');
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex.slice(0, 3)}-${((parseInt(hex[3] ?? '0', 16) & 0x3) | 0x8).toString(16)}${hex.slice(4, 7)}-${hex.slice(7, 19)}`;
  };
}

const SUBJECTS = [
  'discharge',
  'reablement',
  'home care',
  'the care market',
  'winter planning',
  'the trusted assessor model',
  'hospital flow',
  'the frailty pathway',
  'carers support',
  'social work cover',
  'community nursing',
  'the single point of access',
  'housing adaptations',
  'information sharing',
  'the workforce strategy',
  'commissioning',
  'self-funders advice',
  'step-down beds',
  'the ambulance service',
  'GP out-of-hours cover',
];
const VERBS = [
  'had improved',
  'was delayed',
  'remained fragile',
  'was working well',
  'depended on goodwill',
  'varied between localities',
  'had been redesigned',
  'was not understood',
  'was stretched',
  'had strengthened',
];
const DETAILS = [
  'since the summer',
  'over the winter',
  'at weekends',
  'for people living alone',
  'when packages of care were not ready',
  'after the new board was formed',
  'in the north of the county',
  'for people with dementia',
  'because of recruitment gaps',
  'according to frontline staff',
];
const SPEAKERS = [
  'The discharge coordinator',
  'A social worker',
  'The director of adult services',
  'A community nurse',
  'An occupational therapist',
  'A carer',
  'The Healthwatch representative',
  'A care home manager',
  'A GP',
  'The commissioning manager',
];
const SPEAKER_GROUPS: Record<string, ParticipantGroup> = {
  'discharge coordinator': 'frontline_staff',
  'social worker': 'frontline_staff',
  'director of adult services': 'system_leader',
  'community nurse': 'frontline_staff',
  'occupational therapist': 'frontline_staff',
  carer: 'carer',
  'Healthwatch representative': 'healthwatch',
  'care home manager': 'provider',
  GP: 'frontline_staff',
  'commissioning manager': 'system_leader',
};
const CONNECTORS = ['They added that', 'Asked for an example, they said', 'In their view', 'They were clear that', 'Later they noted that'];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function sentence(random: () => number): string {
  const lead = random() < 0.5 ? pick(random, SPEAKERS) + ' said' : pick(random, CONNECTORS);
  return `${lead} ${pick(random, SUBJECTS)} ${pick(random, VERBS)} ${pick(random, DETAILS)}.`;
}

export interface GeneratedReview {
  reviewId: string;
  sessions: number;
  words: number;
  tags: number;
  evidence: number;
  attachments: number;
  respondents: number;
  answers: number;
  indicatorValues: number;
  actions: number;
  findings: number;
}

export async function generateReview(store: Store, scale: Scale, onProgress?: (done: number, total: number) => void): Promise<GeneratedReview> {
  const shape = SCALES[scale];
  const random = seeded(20181106);
  const id = seededIds(random);
  const framework = frameworkFor('local_system_review');
  const reviewId = id();
  if (findReview(store, reviewId)) throw invalid(`This database already holds the generated scale-${scale} review. Generate into another --db.`);
  let words = 0;
  let tags = 0;

  const { kloes, team, organisations } = store.write((stamp) => {
    insertReview(store, stamp, {
      id: reviewId,
      title: `Generated scale-${scale} review`,
      kind: 'local_system_review',
      area: `Scale ${scale} county`,
      visitStart: '2025-03-10',
      visitEnd: '2025-03-14',
      background: '',
      frameworkId: framework.id,
      frameworkName: framework.name,
    });
    copyFrameworkInto(store, stamp, reviewId, framework);
    addOrganisations(
      store,
      stamp,
      reviewId,
      ['County Council=CC', 'Integrated Care Board=ICB', 'Community Health Trust=CHT', 'Acute Hospitals Trust=AHT', 'Ambulance Service=AS', 'Healthwatch=HW'].map((pair) => {
        const [name, shortName] = pair.split('=') as [string, string];
        return { name: `${name} (scale ${scale})`, shortName, sector: 'other' as const };
      }),
    );
    const members = ['Alex Morgan', 'Priya Shah', 'Jo Fletcher', 'Sam Okafor', 'Lee Brown', 'Kim Patel'].map((name, index) => {
      const memberId = id();
      insertTeamMember(store, stamp, { id: memberId, reviewId, name, role: index === 0 ? 'lead_reviewer' : index < 3 ? 'reviewer' : 'specialist_advisor', background: '' });
      return memberId;
    });
    const orgIds = (store.prepare('SELECT id FROM organisations WHERE review_id = ? ORDER BY short_name').all(reviewId) as Array<{ id: string }>).map((row) => row.id);
    return {
      kloes: listFramework(store, reviewId)
        .filter((item) => item.kind === 'kloe')
        .map((item) => item.id),
      team: members,
      organisations: orgIds,
    };
  });

  for (let s = 0; s < shape.sessions; s += 1) {
    store.write((stamp) => {
      const sessionId = id();
      const day = 10 + (s % 5);
      insertSession(store, stamp, {
        id: sessionId,
        reviewId,
        kind: pick(random, SESSION_KINDS),
        title: `${pick(random, SPEAKERS).replace(/^(The|A|An) /, '')} session ${s + 1}`,
        heldAt: `2025-03-${String(day).padStart(2, '0')}T${String(9 + (s % 8)).padStart(2, '0')}:00`,
        location: '',
        interviewerIds: [pick(random, team), pick(random, team)].filter((v, i, all) => all.indexOf(v) === i),
        kloeIds: [pick(random, kloes), pick(random, kloes)],
        consentNoted: true,
        status: 'final',
        notesDoc: '{"type":"doc","content":[]}',
        wordCount: 0,
      });
      const designation = pick(random, SPEAKERS).replace(/^(The|A|An) /, '');
      replaceParticipants(store, stamp, sessionId, reviewId, [
        { designation, organisationId: pick(random, organisations), group: SPEAKER_GROUPS[designation] ?? 'frontline_staff', realName: null },
      ]);
      const speakerId = (store.prepare('SELECT id FROM participants WHERE session_id = ?').get(sessionId) as { id: string } | undefined)?.id ?? null;

      // Sentences up to the word target, grouped six to a paragraph; the tags are spread evenly
      // over them, each covering one sentence.
      const sentences: string[] = [];
      let sessionWords = 0;
      while (sessionWords < shape.wordsPerSession) {
        const text = `${sentence(random)} `;
        sentences.push(text);
        sessionWords += text.split(' ').length - 1;
      }
      const tagged = new Map<number, { tagId: string; kloeIds: string[] }>();
      for (let t = 0; t < shape.tagsPerSession; t += 1) {
        // Skewed towards the first KLOEs so one is clearly the busiest.
        const kloe = kloes[Math.floor(random() ** 2 * kloes.length)] ?? kloes[0] ?? '';
        tagged.set(Math.floor((t * sentences.length) / shape.tagsPerSession), { tagId: id(), kloeIds: [kloe] });
      }
      const paragraphs: NoteNode[] = [];
      for (let start = 0; start < sentences.length; start += 6) {
        const content: NoteNode[] = sentences.slice(start, start + 6).map((text, offset) => {
          const tag = tagged.get(start + offset);
          const marks: NoteMark[] | undefined = tag ? [{ type: 'tag', attrs: { tagId: tag.tagId } }] : undefined;
          return marks ? { type: 'text', text, marks } : { type: 'text', text };
        });
        paragraphs.push({ type: 'paragraph', attrs: { id: id() }, content });
      }
      const doc: NoteNode = { type: 'doc', content: [{ type: 'heading', attrs: { id: id(), level: 2 }, content: [{ type: 'text', text: 'Notes' }] }, ...paragraphs] };
      for (const tag of tagged.values()) {
        insertTag(store, stamp, {
          id: tag.tagId,
          reviewId,
          sessionId,
          stance: pick(random, STANCES),
          isQuote: random() < 0.2,
          comment: '',
          kloeIds: tag.kloeIds,
          quote: '',
          blockId: '',
          start: 0,
          end: 0,
          order: 0,
          speakerId,
        });
      }
      writeNotes(store, stamp, sessionId, reviewId, doc); // fills in each tag's anchor and quote
      words += sessionWords + 1;
      tags += tagged.size;
    });
    onProgress?.(s + 1, shape.sessions);
  }
  const attachments = await generateEvidence(store, reviewId, shape, random, id, kloes, team, organisations);
  const answers = generateAudit(store, reviewId, shape.respondents, random, id, organisations);
  const profile = generateProfile(store, reviewId, shape, random, id, organisations);
  const findings = generateFindings(store, reviewId, random, id);
  return { reviewId, sessions: shape.sessions, words, tags, evidence: shape.evidence, attachments, respondents: shape.respondents, answers, ...profile, findings };
}

const AUDIT_ROLE_MIX = ['system_leader', 'frontline', 'frontline', 'other'] as const;

/**
 * Relational audit answers: each respondent rates 4 partner organisations on every statement
 * (25 by default), about 5% not answered. Each pair of organisations has its own tendency, so the
 * heat map has something to show.
 */
function generateAudit(store: Store, reviewId: string, respondents: number, random: () => number, id: () => string, organisations: string[]): number {
  const statements = questionnaire(store, reviewId);
  const tendency = new Map(organisations.flatMap((from) => organisations.map((to) => [`${from}|${to}`, 1.5 + random() * 3] as const)));
  let answers = 0;
  for (let start = 0; start < respondents; start += 100) {
    store.write((stamp) => {
      const sync = { hlc: stamp.hlc, updated_by: stamp.updatedBy, updated_device: stamp.device };
      const addRespondent = store.prepare(
        'INSERT INTO audit_respondents (id, review_id, identifier, organisation_id, role, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const addAnswer = store.prepare(
        'INSERT INTO audit_answers (id, review_id, respondent_id, statement_id, about_organisation_id, score, comment, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (let r = start; r < Math.min(respondents, start + 100); r += 1) {
        const respondentId = id();
        const own = pick(random, organisations);
        addRespondent.run(respondentId, reviewId, `R${String(r + 1).padStart(4, '0')}`, own, pick(random, AUDIT_ROLE_MIX), sync.hlc, sync.updated_by, sync.updated_device);
        const partners = organisations
          .filter((o) => o !== own)
          .sort(() => random() - 0.5)
          .slice(0, 4);
        for (const about of partners) {
          const mean = tendency.get(`${own}|${about}`) ?? 3;
          for (const statement of statements) {
            const raw = Math.round(mean + (random() - 0.5) * 2.5);
            const score = random() < 0.05 ? null : Math.min(5, Math.max(1, statement.reversed ? 6 - raw : raw));
            addAnswer.run(id(), reviewId, respondentId, statement.id, about, score, '', sync.hlc, sync.updated_by, sync.updated_device);
            answers += 1;
          }
        }
      }
    });
  }
  return answers;
}

const EVIDENCE_TITLES = [
  'Board paper',
  'Action plan update',
  'Winter plan',
  'SOIR response',
  'Case file audit',
  'Delayed transfers data',
  'Workforce strategy',
  'Market position statement',
  'Carers strategy',
  'Minutes of the system delivery board',
];

/** Evidence items linked to KLOEs, some with (distinct, small) text attachments. */
async function generateEvidence(
  store: Store,
  reviewId: string,
  shape: (typeof SCALES)[Scale],
  random: () => number,
  id: () => string,
  kloes: string[],
  team: string[],
  organisations: string[],
): Promise<number> {
  const files: StoredFile[] = [];
  for (let a = 0; a < shape.attachments; a += 1) {
    const text = Array.from({ length: 40 }, () => sentence(random)).join(' ');
    files.push(await storeFile(store, `attachment-${a + 1}.txt`, Buffer.from(`Attachment ${a + 1}. ${text}`)));
  }
  const kinds = EVIDENCE_KINDS;
  for (let start = 0; start < shape.evidence; start += 500) {
    store.write((stamp) => {
      const sync = { hlc: stamp.hlc, updated_by: stamp.updatedBy, updated_device: stamp.device };
      const insert = store.prepare(
        `INSERT INTO evidence (id, review_id, ref_number, kind, title, summary, source_organisation_id, evidence_date, collected_by, sensitivity, hlc, updated_by, updated_device)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'normal', ?, ?, ?)`,
      );
      const link = store.prepare('INSERT INTO evidence_links (id, evidence_id, kloe_id, stance, weight, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const attach = store.prepare('INSERT INTO evidence_attachments (id, evidence_id, sha256, original_name, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const index = store.prepare('INSERT INTO evidence_search (review_id, evidence_id, text) VALUES (?, ?, ?)');
      for (let n = start; n < Math.min(shape.evidence, start + 500); n += 1) {
        const evidenceId = id();
        const title = `${pick(random, EVIDENCE_TITLES)} ${n + 1}`;
        const summary = `${sentence(random)} ${sentence(random)}`;
        insert.run(
          evidenceId,
          reviewId,
          n + 1,
          pick(random, kinds),
          title,
          summary,
          pick(random, organisations),
          `2025-0${1 + (n % 3)}-${String(1 + (n % 28)).padStart(2, '0')}`,
          pick(random, team),
          sync.hlc,
          sync.updated_by,
          sync.updated_device,
        );
        const linked = new Set([kloes[Math.floor(random() ** 2 * kloes.length)] ?? '', pick(random, kloes)]);
        for (const kloeId of linked)
          link.run(id(), evidenceId, kloeId, pick(random, STANCES), random() < 0.3 ? 'key' : 'supporting', sync.hlc, sync.updated_by, sync.updated_device);
        const file = n % Math.ceil(shape.evidence / shape.attachments) === 0 ? files[Math.floor(n / Math.ceil(shape.evidence / shape.attachments))] : undefined;
        if (file) attach.run(id(), evidenceId, file.sha256, `attachment-${n + 1}.txt`, sync.hlc, sync.updated_by, sync.updated_device);
        index.run(reviewId, evidenceId, [title, summary, file?.text ?? ''].join('\n'));
      }
    });
  }
  return files.length;
}
