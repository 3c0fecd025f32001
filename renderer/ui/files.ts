import { tooLarge } from '../../shared/limits';
import { notifyError } from './toasts';

/** A file picked or dropped by the user, as base64 for the API (read in chunks: large files). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Saves base64 content as a download (the desktop app turns it into a save dialog). */
export function downloadBase64(fileName: string, mediaType: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Says so (and returns false) when a picked file is over an import's limit, before reading it. */
export function withinLimit(file: File, maxBytes: number, what: string): boolean {
  const problem = tooLarge(file.name, file.size, maxBytes, what);
  if (problem) notifyError(problem);
  return problem === null;
}
