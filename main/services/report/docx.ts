import { randomUUID } from 'node:crypto';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { checkZipWithin, OFFICE_LIMITS, ZipRefused } from '../../infra/zip-codec';
import { invalid } from '../../../shared/errors';
import type { ReportChart, ReportModel } from '../../../shared/report/model';
import { addDraftHeader } from './draft-header';
import { evidenceTableXml } from './docx-table';

/**
 * Fills a Word template with a report. docxtemplater's free core does the loops and conditions
 * and runs no template code: tags are looked up by name only, through our own parser, which
 * reads own properties of the report data and nothing else (no expressions, no prototype
 * members, no functions). Charts are added as pictures by us: each {@name} image tag receives a
 * paragraph holding a drawing of a PNG we put into the package.
 */
const TAG = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EMU_PER_CM = 360000;
const IMAGE_WIDTH_CM = 16;
const MAX_HEIGHT_CM = 22;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** An inline picture paragraph (DrawingML) for a chart stored under relationship `rId`. */
export function pictureXml(chart: ReportChart, rId: string, index: number): string {
  // 16 cm wide, or narrower for a tall chart (a heat map of many organisations) so that it fits
  // the page's body (A4 with 2.5 cm margins and a caption: 22 cm) instead of running off it.
  const scale = Math.min(1, MAX_HEIGHT_CM / ((IMAGE_WIDTH_CM * chart.heightPx) / chart.widthPx));
  const cx = Math.round(IMAGE_WIDTH_CM * scale * EMU_PER_CM);
  const cy = Math.round((cx * chart.heightPx) / chart.widthPx);
  const name = escapeXml(chart.caption);
  return (
    `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing>` +
    `<wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">` +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:docPr id="${1000 + index}" name="Chart ${index}" descr="${name}"/>` +
    `<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
    `<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="${1000 + index}" name="chart${index}.png" descr="${name}"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${rId}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>` +
    `</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
  );
}

/** Puts the chart PNGs into the package and returns each chart's picture paragraph by key. */
function addPictures(zip: PizZip, charts: ReportChart[]): Map<string, string> {
  const relsPath = 'word/_rels/document.xml.rels';
  let rels =
    zip.file(relsPath)?.asText() ??
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  const types = zip.file('[Content_Types].xml')?.asText() ?? '';
  if (!/Extension="png"/i.test(types))
    zip.file(
      '[Content_Types].xml',
      types.replace('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">', '$&<Default Extension="png" ContentType="image/png"/>'),
    );
  const pictures = new Map<string, string>();
  charts.forEach((chart, index) => {
    const rId = `rIdFieldbookChart${index + 1}`;
    // PNG is compressed already: deflating it again took most of a small report's zip time.
    zip.file(`word/media/fieldbook-chart-${index + 1}.png`, chart.png, { compression: 'STORE' });
    rels = rels.replace(
      '</Relationships>',
      `<Relationship Id="${rId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/fieldbook-chart-${index + 1}.png"/></Relationships>`,
    );
    pictures.set(chart.key, pictureXml(chart, rId, index + 1));
  });
  zip.file(relsPath, rels);
  return pictures;
}

/** Every name the data offers, at any depth: what a template may use. */
function knownNames(value: unknown, into = new Set<string>(['.'])): Set<string> {
  if (Array.isArray(value)) for (const item of value) knownNames(item, into);
  else if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    for (const [key, child] of Object.entries(value)) {
      into.add(key);
      knownNames(child, into);
    }
  }
  return into;
}

interface DocxError {
  properties?: { id?: string; explanation?: string; xtag?: string; file?: string; errors?: DocxError[] };
  message?: string;
}

function describeTemplateErrors(error: unknown): string[] {
  const e = error as DocxError;
  const list = e.properties?.errors ?? [e];
  return list.map((item) => {
    const where = item.properties?.file ? ` (in ${item.properties.file.replace('word/', '').replace('.xml', '')})` : '';
    return `${item.properties?.explanation ?? item.message ?? 'the template could not be read'}${where}`;
  });
}

/** The data each template sees: the model, with picture paragraphs for the image tags. */
function templateData(model: ReportModel, pictures: Map<string, string>, tableMarker: string): Record<string, unknown> {
  const picture = (key: string) => pictures.get(key) ?? '';
  const { charts: _charts, ...rest } = model;
  void _charts;
  return {
    ...rest,
    figures: model.figures.map((f) => ({ ...f, image: picture(f.key) })),
    // A whole table is a raw XML tag ({@evidenceTable}), put in after rendering (see below);
    // templates may still loop over evidenceIndex.
    evidenceTable: tableMarker,
    audit: model.audit ? { ...model.audit, heatMapImage: picture(model.audit.heatMapKey), barsImage: picture(model.audit.barsKey) } : null,
  };
}

/**
 * Renders a template with the report. A template that uses a name the report does not have, or
 * whose loops do not close, is refused with every problem named; nothing half-made is returned.
 */
export function renderDocx(template: Uint8Array, model: ReportModel, templateName: string): Buffer {
  let zip: PizZip;
  try {
    checkZipWithin(template, OFFICE_LIMITS);
  } catch (error) {
    throw invalid(`${templateName} was not opened: ${error instanceof ZipRefused ? error.message : 'it is not a Word document (.docx)'}.`);
  }
  try {
    zip = new PizZip(template);
  } catch {
    throw invalid(`${templateName} is not a Word document (.docx).`);
  }
  if (!zip.file('word/document.xml')) throw invalid(`${templateName} is not a Word document (.docx): it has no word/document.xml.`);
  const pictures = addPictures(zip, model.charts);
  // The evidence table (megabytes of XML at 5,000 rows) goes in after docxtemplater has run, at a
  // marker nobody could have typed: scanning it again took docxtemplater a quarter of a second.
  const tableMarker = `<w:p><w:r><w:t>fieldbook-evidence-table-${randomUUID()}</w:t></w:r></w:p>`;
  const data = templateData(model, pictures, tableMarker);
  const known = knownNames(data);
  const unknown: string[] = [];
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(zip, {
      paragraphLoop: true,
      linebreaks: true,
      errorLogging: false,
      parser: (tag: string) => ({
        get: (scope: unknown) => {
          const name = tag.trim();
          if (name === '.') return scope;
          if (!TAG.test(name) || !scope || typeof scope !== 'object' || !Object.prototype.hasOwnProperty.call(scope, name)) return undefined;
          const value = (scope as Record<string, unknown>)[name];
          return typeof value === 'function' ? undefined : value;
        },
      }),
      nullGetter: (part, scopeManager) => {
        const name = (part.value ?? '').trim();
        if (!known.has(name)) {
          const inside = scopeManager.scopePath.length ? `, inside {#${scopeManager.scopePath.join('} {#')}}` : '';
          unknown.push(`unknown placeholder {${part.module === 'loop' ? '#' : part.module === 'rawxml' ? '@' : ''}${name}}${inside}`);
        }
        return part.module === 'loop' ? false : '';
      },
    });
    doc.render(data);
  } catch (error) {
    throw invalid(`The template ${templateName} cannot be used: ${describeTemplateErrors(error).join('; ')}.`);
  }
  if (unknown.length > 0) throw invalid(`The template ${templateName} cannot be used: ${[...new Set(unknown)].join('; ')}. See the README for the placeholders a report offers.`);
  const out = doc.getZip();
  const documentXml = out.file('word/document.xml')?.asText() ?? '';
  if (documentXml.includes(tableMarker)) out.file('word/document.xml', documentXml.split(tableMarker).join(evidenceTableXml(model.evidenceIndex)));
  if (model.isDraft) addDraftHeader(out, model.draftHeader);
  return out.generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer;
}
