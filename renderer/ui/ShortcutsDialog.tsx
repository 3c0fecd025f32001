import { useEffect, useState } from 'react';
import { Dialog } from './Dialog';
import { SHORTCUTS } from './shortcuts';

/** "?" outside a text field shows every shortcut. */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  if (!open) return null;
  return (
    <Dialog title="Keyboard shortcuts" onClose={() => setOpen(false)}>
      <table className="table shortcuts">
        <thead>
          <tr>
            <th>Keys</th>
            <th>Where</th>
            <th>What it does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((row) => (
            <tr key={row.keys}>
              <td>
                <kbd>{row.keys}</kbd>
              </td>
              <td>{row.where}</td>
              <td>{row.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button className="primary" autoFocus onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

/** A "?" typed into a field, the notes or a finding is a question mark, not a request for help. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}
