/** An SVG string as an <img> source (an <img> cannot run script, unlike inline SVG). */
export function svgSource(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
}

/** Saves a base64 PNG the service rendered, under the given file name. */
export function downloadPng(base64: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = `data:image/png;base64,${base64}`;
  link.download = fileName;
  link.click();
}
