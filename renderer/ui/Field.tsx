import { useId, type ReactNode } from 'react';

/** A labelled form control with its error message tied to it for screen readers. */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), ...(error || hint ? { 'aria-describedby': messageId } : {}) })}
      {(error || hint) && (
        <div id={messageId} className={error ? 'error-text' : 'hint'}>
          {error ?? hint}
        </div>
      )}
    </div>
  );
}
