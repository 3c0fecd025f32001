import { useToasts } from './toasts';

export function Toasts() {
  const { toasts, dismiss } = useToasts();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`}>
          <span>{toast.message}</span>
          {toast.undo && (
            <button
              className="link"
              onClick={() => {
                dismiss(toast.id);
                void toast.undo?.();
              }}
            >
              Undo
            </button>
          )}
          <button className="icon" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
