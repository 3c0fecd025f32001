import { act, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { useApiQuery } from '../../renderer/api/useApiQuery';

/** Answers that arrive when the test says so, in any order. */
function controlled() {
  const pending = new Map<string, { resolve: (value: string) => void; reject: (error: Error) => void }>();
  const ask = (question: string) => new Promise<string>((resolve, reject) => pending.set(question, { resolve, reject }));
  return {
    ask,
    answer: (question: string) => pending.get(question)!.resolve(`answer to ${question}`),
    fail: (question: string) => pending.get(question)!.reject(new Error(`no ${question}`)),
  };
}

function Screen({ ask }: { ask: (question: string) => Promise<string> }) {
  const [question, setQuestion] = useState('columns by group');
  const { data, error, set } = useApiQuery(() => ask(question), [question]);
  return (
    <div>
      <button onClick={() => setQuestion('columns by organisation')}>Organisation</button>
      <button onClick={() => set('saved view')}>Save</button>
      <p>{data ?? 'loading'}</p>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}

describe('useApiQuery', () => {
  it('keeps the answer to the latest request when an earlier one answers last', async () => {
    const server = controlled();
    render(<Screen ask={server.ask} />);
    await act(async () => screen.getByText('Organisation').click());
    await act(async () => server.answer('columns by organisation'));
    expect(screen.getByText('answer to columns by organisation')).toBeTruthy();
    await act(async () => server.answer('columns by group'));
    expect(screen.queryByText('answer to columns by group')).toBeNull();
    expect(screen.getByText('answer to columns by organisation')).toBeTruthy();
  });

  it('lets a saved view stand against a read still on its way, and ignores a late failure', async () => {
    const server = controlled();
    render(<Screen ask={server.ask} />);
    await act(async () => screen.getByText('Save').click());
    await act(async () => server.answer('columns by group'));
    expect(screen.getByText('saved view')).toBeTruthy();
    await act(async () => screen.getByText('Organisation').click());
    await act(async () => server.fail('columns by organisation'));
    expect(screen.getByRole('alert').textContent).toBe('no columns by organisation');
  });
});
