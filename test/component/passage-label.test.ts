import { describe, expect, it } from 'vitest';
import { passageLabel } from '../../renderer/features/findings/CiteDialog';
import type { Passage } from '../../shared/api/sessions-contract';

describe('citing a passage', () => {
  it('labels it by designation, organisation and date, never by a name', () => {
    const passage = {
      tag: { id: 't1', quote: 'We wait for packages of care' },
      session: { id: 's1', title: 'Interview with Margaret', kind: 'interview', heldAt: '2018-11-06T10:00', interviewerIds: [] },
      participants: [{ designation: 'Discharge coordinator', group: 'frontline_staff', organisationId: 'o1' }],
    } as unknown as Passage;
    expect(passageLabel(passage, new Map([['o1', 'OUHFT']]))).toBe('Discharge coordinator (OUHFT), 6 Nov');
  });
});
