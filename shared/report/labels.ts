import { SESSION_KIND_LABELS, type ParticipantGroup, type SessionKind } from '../sessions/domain';

/**
 * How a tagged passage is attributed: to the participant who said it, by designation and
 * organisation and never by name ("Social worker (OCC), 6 Nov"). Pure, so the app's lists, the
 * cite dialog and the report all say the same thing.
 */
export interface Speaker {
  designation: string;
  group: ParticipantGroup;
  organisationId: string | null;
}

const SHORT_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const DATE_WITH_YEAR = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * "6 Nov" for a session held at 2018-11-06T10:30 (local date and time as typed); "6 Nov 2018"
 * with the year, as a report (read years later) gives it.
 */
export function shortDate(heldAt: string | null, withYear = false): string {
  const day = heldAt ? /^(\d{4}-\d{2}-\d{2})/.exec(heldAt)?.[1] : undefined;
  return day ? (withYear ? DATE_WITH_YEAR : SHORT_DATE).format(new Date(`${day}T00:00:00Z`)) : '';
}

/** Who said it: "Social worker (OCC)"; with no recorded speaker, the kind of session says so. */
export function speakerName(speaker: Speaker | null, session: { kind: SessionKind; participants: number }, organisations: ReadonlyMap<string, string>): string {
  if (speaker) {
    const org = speaker.organisationId ? organisations.get(speaker.organisationId) : undefined;
    return `${speaker.designation}${org ? ` (${org})` : ''}`;
  }
  const kind = SESSION_KIND_LABELS[session.kind];
  return session.participants > 0 ? `${kind} (speaker not recorded)` : kind;
}

/** A passage's label: who said it and when (at most 80 characters, as a citation holds). */
export function passageLabel(who: string, heldAt: string | null, withYear = false): string {
  const when = shortDate(heldAt, withYear);
  return `${who}${when ? `, ${when}` : ''}`.slice(0, 80);
}

/** Groups whose people are staff of an organisation, and how the report names one of them. */
const STAFF: Partial<Record<ParticipantGroup, string>> = { system_leader: 'a system leader', frontline_staff: 'a member of staff', provider: 'a member of staff' };
const COARSE: Record<ParticipantGroup, string> = {
  system_leader: 'a system leader',
  frontline_staff: 'a member of staff',
  provider: 'a member of staff',
  healthwatch: 'a Healthwatch representative',
  vcse: 'a representative of a voluntary organisation',
  carer: 'a carer',
  person_using_services: 'a person who uses services',
};

/**
 * A label that names a group rather than a role: "A member of staff at OUHFT" when the review
 * spoke with several such people there (`peersAtOrganisation` counts distinct people of the same
 * kind at the organisation), otherwise "A member of staff", "A carer".
 */
export function coarseName(speaker: Speaker, peersAtOrganisation: number, organisations: ReadonlyMap<string, string>): string {
  const staff = STAFF[speaker.group];
  const org = speaker.organisationId ? organisations.get(speaker.organisationId) : undefined;
  const text = staff && org && peersAtOrganisation >= 2 ? `${staff} at ${org}` : COARSE[speaker.group];
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Whether two groups are the same kind of people for the coarse label (staff-like groups share one). */
export function sameKind(a: ParticipantGroup, b: ParticipantGroup): boolean {
  return COARSE[a] === COARSE[b];
}
