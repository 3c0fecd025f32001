// The ES module build: the UMD one (package main) loads its parts with require calls esbuild cannot follow.
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type JSONPath, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { CHILD_KINDS, FRAMEWORK_ITEM_KIND_LABELS, FrameworkSource, type FrameworkSourceItem } from '../../../shared/frameworks/domain';
import { invalid, type FieldIssue } from '../../../shared/errors';

/**
 * Framework files (format 1, docs/framework-format.md) as a user brings them: checked whole, and
 * refused with every problem named by line and field, before anything is kept.
 */
export const MAX_FRAMEWORK_BYTES = 5 * 1024 * 1024;
const MAX_ITEMS = 2000;
const MAX_PROBLEMS = 20;

/** The line (from 1) of the character at `offset`. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** "items[2].children[0].title": how a user finds the field in the file. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`)).join('') || 'the file';
}

/**
 * How deeply brackets nest, outside strings, counted without recursion. A framework is a few
 * levels deep; a hostile file thousands of levels deep overflowed the stack of the checks.
 */
const MAX_NESTING = 64;
function nesting(text: string): { depth: number; offset: number } {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i += 1; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth += 1;
      if (depth > MAX_NESTING) return { depth, offset: i };
    } else if (c === 125 || c === 93) depth -= 1;
  }
  return { depth: 0, offset: -1 };
}

/** jsonc-parser's error codes in words a person editing the file can act on. */
const JSON_PROBLEMS: Record<string, string> = {
  InvalidSymbol: 'a word that is not a value (text needs double quotes)',
  InvalidNumberFormat: 'a number written wrongly',
  PropertyNameExpected: 'a field name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon is missing after a field name',
  CommaExpected: 'a comma is missing between two values',
  CloseBraceExpected: 'a } is missing',
  CloseBracketExpected: 'a ] is missing',
  EndOfFileExpected: 'there is more after the end of the framework',
  InvalidCommentToken: 'comments are not allowed',
  UnexpectedEndOfComment: 'comments are not allowed',
  UnexpectedEndOfString: 'a text is not closed with a double quote',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'a \\u escape is not four hex digits',
  InvalidEscapeCharacter: 'a backslash escape that JSON does not have',
  InvalidCharacter: 'a control character inside a text',
};

export function checkFrameworkFile(fileName: string, text: string): FrameworkSource {
  if (Buffer.byteLength(text) > MAX_FRAMEWORK_BYTES) throw invalid(`${fileName} was not imported: it is over 5 MB, more than any framework needs.`);
  const deep = nesting(text);
  if (deep.offset >= 0) throw invalid(`${fileName} was not imported: it nests more than ${MAX_NESTING} levels deep (line ${lineAt(text, deep.offset)}); a framework needs a few.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // JSON.parse says what but not where; jsonc-parser, strict, gives the place.
    const errors: ParseError[] = [];
    parse(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    const where = first
      ? `line ${lineAt(text, first.offset)}: ${JSON_PROBLEMS[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error)}`
      : 'a comment or a trailing comma';
    throw invalid(`${fileName} was not imported: it is not valid JSON (${where}).`);
  }
  const tree = parseTree(text);
  const locate = (path: readonly PropertyKey[]): string => {
    const node = tree ? findNodeAtLocation(tree, path.filter((p): p is string | number => typeof p !== 'symbol') as JSONPath) : undefined;
    return node ? `line ${lineAt(text, node.offset)}` : 'near the end';
  };
  const problems: FieldIssue[] = [];
  const parsed = FrameworkSource.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, MAX_PROBLEMS)) {
      // A missing field has no place of its own: the object that lacks it is where to look.
      const missing = issue.code === 'invalid_type' && issue.input === undefined;
      const at = missing ? issue.path.slice(0, -1) : issue.path;
      problems.push({ field: fieldName(issue.path), message: `${locate(at)}: ${missing ? 'is missing' : issue.message}` });
    }
  } else {
    const seen = new Map<string, string>();
    let count = 0;
    const walk = (items: readonly FrameworkSourceItem[], parent: FrameworkSourceItem | null, path: Array<string | number>) => {
      items.forEach((item, index) => {
        const here = [...path, index];
        count += 1;
        const allowed = CHILD_KINDS[parent?.kind ?? 'root'];
        if (!allowed.includes(item.kind))
          problems.push({
            field: fieldName([...here, 'kind']),
            message: `${locate([...here, 'kind'])}: a ${FRAMEWORK_ITEM_KIND_LABELS[item.kind].toLowerCase()} cannot go ${parent ? `under a ${FRAMEWORK_ITEM_KIND_LABELS[parent.kind].toLowerCase()}` : 'at the top level'}`,
          });
        const first = seen.get(item.code.toLowerCase());
        if (first) problems.push({ field: fieldName([...here, 'code']), message: `${locate([...here, 'code'])}: the code ${item.code} is used twice (first at ${first})` });
        else seen.set(item.code.toLowerCase(), locate([...here, 'code']));
        walk(item.children ?? [], item, [...here, 'children']);
      });
    };
    walk(parsed.data.items, null, ['items']);
    if (count > MAX_ITEMS) problems.push({ field: 'items', message: `${count} items: a framework holds at most ${MAX_ITEMS}` });
  }
  if (problems.length > 0) {
    const list = problems
      .slice(0, MAX_PROBLEMS)
      .map((p) => `${p.field} (${p.message})`)
      .join('; ');
    throw invalid(`${fileName} was not imported, nothing was changed: ${list}.`, problems.slice(0, MAX_PROBLEMS));
  }
  if (!parsed.success) throw invalid(`${fileName} was not imported.`);
  return parsed.data;
}

/** A framework as a file of format 1, the same shape it is read in. */
export function frameworkFileText(framework: FrameworkSource): string {
  return `${JSON.stringify({ ...framework, format: 1 }, null, 2)}\n`;
}
