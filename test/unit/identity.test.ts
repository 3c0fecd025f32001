import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../main/store/store';
import { testApps } from '../helpers';

const app = testApps(afterEach);

describe("the reviewer's name and role", () => {
  it('starts unnamed, under the account name, and is named once the reviewer gives name and role', async () => {
    const a = app();
    const first = await a.call('getIdentity', {});
    expect(first).toMatchObject({ named: false, role: null });
    expect(first.displayName).toBe(os.userInfo().username || 'Reviewer');

    const named = await a.call('updateIdentity', { displayName: 'Priya Shah', role: 'specialist_advisor' });
    expect(named).toMatchObject({ displayName: 'Priya Shah', role: 'specialist_advisor', named: true, userId: first.userId });
    // The name is the person's everywhere their changes are shown.
    expect(a.store.db.prepare('SELECT display_name FROM people WHERE id = ?').get(first.userId)).toEqual({ display_name: 'Priya Shah' });

    // Kept across a restart; a later rename without a role keeps the role.
    a.close();
    const reopened = Store.open(a.databasePath);
    try {
      expect(reopened.identity).toMatchObject({ displayName: 'Priya Shah', role: 'specialist_advisor', named: true });
      expect(reopened.setDisplayName('Priya Shah-Jones')).toMatchObject({ role: 'specialist_advisor', named: true });
    } finally {
      reopened.close();
    }
  });

  it('refuses a blank name or a role that is not a team role, and changes nothing', async () => {
    const a = app();
    expect((await a.failure('updateIdentity', { displayName: '   ' })).message).toMatch(/name/i);
    expect((await a.failure('updateIdentity', { displayName: 'Priya Shah', role: 'boss' })).message).toMatch(/role/i);
    expect(await a.call('getIdentity', {})).toMatchObject({ named: false, role: null });
  });
});
