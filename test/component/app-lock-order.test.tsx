import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../shared/api/envelope';

/**
 * The lock screen talks to the main process through the Electron bridge (window.fieldbook). A
 * lock on its way to the main process and an unlock typed quickly must arrive in that order:
 * otherwise the lock lands after the unlock, and the reviewer types into an app the main process
 * has locked again (seen in CI when scrypt took a second on a busy machine).
 */
const protection = { encrypted: true, protection: 'passphrase', osKeyStore: 'absent', idleMinutes: 10, lockedAtStart: false, encryptionRequired: false };

function fakeBridge() {
  const order: string[] = [];
  let releaseLock: () => void = () => undefined;
  const bridge = new Proxy({} as Record<string, (request: unknown) => Promise<Envelope<unknown>>>, {
    get: (_target, method: string) => async (): Promise<Envelope<unknown>> => {
      if (method === 'lock') {
        order.push('lock sent');
        await new Promise<void>((resolve) => (releaseLock = resolve));
        order.push('locked');
        return { ok: true, value: { locked: true } };
      }
      if (method === 'unlock') {
        order.push('unlock');
        return { ok: true, value: { unlocked: true } };
      }
      return { ok: true, value: protection };
    },
  });
  return { bridge, order, release: () => releaseLock() };
}

afterEach(() => {
  delete (window as { fieldbook?: unknown }).fieldbook;
  vi.resetModules();
});

/** The app shown over notes, then locked with Ctrl+L: the lock screen is up. */
async function lockedApp() {
  const fake = fakeBridge();
  (window as { fieldbook?: unknown }).fieldbook = fake.bridge;
  const { AppLock } = await import('../../renderer/app/AppLock');
  render(
    <AppLock>
      <p>Carers waited six weeks</p>
    </AppLock>,
  );
  await screen.findByText('Carers waited six weeks');
  fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
  return { fake, dialog: await screen.findByRole('dialog', { name: 'Fieldbook is locked' }) };
}

describe('the app lock and a quick unlock', () => {
  it('sends the unlock only after the lock it follows has been applied', async () => {
    const { fake, dialog } = await lockedApp();
    await waitFor(() => expect(fake.order).toEqual(['lock sent']), { timeout: 2000 });

    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'a long enough passphrase' } });
    fireEvent.submit(dialog.querySelector('form')!);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.order).toEqual(['lock sent']);
    await act(async () => fake.release());
    await waitFor(() => expect(fake.order).toEqual(['lock sent', 'locked', 'unlock']));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('drops a lock still waiting for the editors when the reviewer unlocks first', async () => {
    const { fake, dialog } = await lockedApp();
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'a long enough passphrase' } });
    fireEvent.submit(dialog.querySelector('form')!);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(fake.order).toEqual(['unlock']);
  });
});
