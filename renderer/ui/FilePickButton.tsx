import { useRef } from 'react';

/**
 * A button that opens the file picker and hands over the one file chosen. The input is cleared
 * each time, so picking the same file again (after fixing it) imports it again.
 */
export function FilePickButton({ label, accept, inputLabel, onFile }: { label: string; accept: string; inputLabel: string; onFile: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        aria-label={inputLabel}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
      <button onClick={() => input.current?.click()}>{label}</button>
    </>
  );
}
