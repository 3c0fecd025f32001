import type PizZip from 'pizzip';

/**
 * Puts a DRAFT line at the top of every page of a rendered Word report, whatever the template:
 * each section's headers (default, first page where the section has a title page, even pages
 * where the document has them) get the line; a section without such a header gets ours. A
 * template that already prints the line (through {draftHeader}) is left as it is.
 */
const HEADER_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml';
const HEADER_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/header';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const OUR_PART = 'word/fieldbook-draft-header.xml';
const OUR_REL = 'rIdFieldbookDraftHeader';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

function draftParagraph(text: string): string {
  return (
    `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="B00020"/><w:sz w:val="20"/></w:rPr>` +
    `<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`
  );
}

/** A switch element (<w:titlePg/>, <w:evenAndOddHeaders/>) that is on: present and not val="0"/"false". */
function isOn(xml: string, element: string): boolean {
  const match = new RegExp(`<w:${element}(\\s[^>]*)?/?>`).exec(xml);
  if (!match) return false;
  const val = /w:val="([^"]*)"/.exec(match[1] ?? '')?.[1];
  return val === undefined || !['0', 'false', 'off'].includes(val);
}

export function addDraftHeader(zip: PizZip, text: string): void {
  const documentXml = zip.file('word/document.xml')?.asText();
  if (!documentXml) return;
  const relsPath = 'word/_rels/document.xml.rels';
  let rels =
    zip.file(relsPath)?.asText() ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${R_NS.replace('officeDocument/2006/relationships', 'package/2006/relationships')}"></Relationships>`;
  const targets = new Map<string, string>();
  for (const rel of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(rel[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(rel[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `word/${target}`);
  }
  const evenPages = isOn(zip.file('word/settings.xml')?.asText() ?? '', 'evenAndOddHeaders');
  const patched = new Set<string>();
  let needOurs = false;

  const patchPart = (part: string) => {
    if (patched.has(part)) return;
    patched.add(part);
    const xml = zip.file(part)?.asText();
    if (!xml || xml.includes(escapeXml(text))) return;
    zip.file(
      part,
      xml.replace(/<w:hdr\b[^>]*?(\/?)>/, (open, selfClosing: string) => (selfClosing ? `${open.slice(0, -2)}>${draftParagraph(text)}</w:hdr>` : `${open}${draftParagraph(text)}`)),
    );
  };

  const withHeaders = documentXml.replace(/<w:sectPr\b([^>]*?)(\/>|>([\s\S]*?)<\/w:sectPr>)/g, (_whole, attributes: string, _end: string, inner: string | undefined) => {
    const body = inner ?? '';
    const types = ['default', ...(isOn(body, 'titlePg') ? ['first'] : []), ...(evenPages ? ['even'] : [])];
    let added = '';
    for (const type of types) {
      const reference = new RegExp(`<w:headerReference\\b[^>]*w:type="${type}"[^>]*>`).exec(body);
      const rId = reference ? /r:id="([^"]+)"/.exec(reference[0])?.[1] : undefined;
      const part = rId ? targets.get(rId) : undefined;
      if (part && zip.file(part)) patchPart(part);
      else {
        needOurs = true;
        added += `<w:headerReference w:type="${type}" r:id="${OUR_REL}" xmlns:r="${R_NS}"/>`;
      }
    }
    return `<w:sectPr${attributes}>${added}${body}</w:sectPr>`;
  });
  zip.file('word/document.xml', withHeaders);

  if (needOurs) {
    zip.file(OUR_PART, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="${W_NS}">${draftParagraph(text)}</w:hdr>`);
    rels = rels.replace('</Relationships>', `<Relationship Id="${OUR_REL}" Type="${HEADER_REL}" Target="fieldbook-draft-header.xml"/></Relationships>`);
    zip.file(relsPath, rels);
    const types = zip.file('[Content_Types].xml')?.asText() ?? '';
    zip.file('[Content_Types].xml', types.replace('</Types>', `<Override PartName="/${OUR_PART}" ContentType="${HEADER_TYPE}"/></Types>`));
  }
}
