import { useRef } from 'react';

type Pick = { onFile: (file: File) => void; onFiles?: never } | { onFiles: (files: File[]) => void; onFile?: never };

/**
 * A button that opens the file picker and hands over the file chosen (or, with `onFiles`, every
 * file chosen). The input is cleared each time, so picking the same file again (after fixing it)
 * imports it again.
 */
export function FilePickButton({ label, accept, inputLabel, ...pick }: { label: string; accept: string; inputLabel: string } & Pick) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={accept}
        multiple={pick.onFiles !== undefined}
        hidden
        aria-label={inputLabel}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length === 0) return;
          if (pick.onFiles) pick.onFiles(files);
          else pick.onFile(files[0] as File);
        }}
      />
      {/* A plain button: inside a form, the default (submit) would send the form as well. */}
      <button type="button" onClick={() => input.current?.click()}>
        {label}
      </button>
    </>
  );
}
