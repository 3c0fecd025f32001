import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the native <dialog> element: focus trapping and Escape come with it. When it
 * goes, the focus goes back to what opened it, unless the next step already took the focus (a
 * dialog removed by React, unlike one closed, leaves the focus on the page body).
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal?.();
    return () => returnFocus(opener);
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-label={title}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2>{title}</h2>
      {children}
    </dialog>
  );
}

/** Focus back on `opener` once the page has settled, if it is still there and nothing has the focus. */
export function returnFocus(opener: HTMLElement | null): void {
  if (!opener) return;
  // After the next frame and what React renders with it: the screen that held the dialog (or the
  // lock) is gone, and whatever the next step focuses has had its chance.
  requestAnimationFrame(() =>
    setTimeout(() => {
      const lost = !document.activeElement || document.activeElement === document.body;
      if (lost && opener.isConnected && !opener.closest('[inert]')) opener.focus();
    }, 0),
  );
}
