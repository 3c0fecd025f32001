import { describe, expect, it } from 'vitest';
import { coarseName, passageLabel, speakerName } from '../../shared/report/labels';

describe('citing a passage', () => {
  const orgs = new Map([['o1', 'OUHFT']]);
  it('labels it by the speaker’s designation, organisation and date, never by a name', () => {
    const who = speakerName({ designation: 'Discharge coordinator', group: 'frontline_staff', organisationId: 'o1' }, { kind: 'interview', participants: 2 }, orgs);
    expect(passageLabel(who, '2018-11-06T10:00')).toBe('Discharge coordinator (OUHFT), 6 Nov');
  });

  it('says the speaker was not recorded rather than guessing one of several', () => {
    expect(passageLabel(speakerName(null, { kind: 'focus_group', participants: 3 }, orgs), '2018-11-06T10:00')).toBe('Focus group (speaker not recorded), 6 Nov');
    expect(passageLabel(speakerName(null, { kind: 'observation', participants: 0 }, orgs), null)).toBe('Observation');
  });

  it('names a group instead of a role when asked for a coarser label', () => {
    const speaker = { designation: 'Discharge coordinator', group: 'frontline_staff' as const, organisationId: 'o1' };
    expect(coarseName(speaker, 3, orgs)).toBe('A member of staff at OUHFT');
    expect(coarseName(speaker, 1, orgs)).toBe('A member of staff');
    expect(coarseName({ designation: 'Daughter', group: 'carer', organisationId: 'o1' }, 5, orgs)).toBe('A carer');
  });
});
