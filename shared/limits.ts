/**
 * Size limits of files read whole (imports), said in megabytes a person recognises, checked
 * before the file is read: a message names the file, its size and the limit.
 */
const MB = 1_000_000;

/** Why a file is too large for `what` ("an audit import"), or null when it is within `maxBytes`. */
export function tooLarge(fileName: string, bytes: number, maxBytes: number, what: string): string | null {
  if (bytes <= maxBytes) return null;
  return `${fileName} is ${Math.ceil(bytes / MB)} MB: ${what} can be at most ${Math.round(maxBytes / MB)} MB. Split it and import the parts.`;
}
