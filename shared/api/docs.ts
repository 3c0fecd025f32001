import { z } from 'zod';
import { CAPABILITY_CALLS } from './contract';

/**
 * The contract as Markdown (docs/api.md): every call by capability, with its summary and request
 * fields. Generated, never written by hand: `npm run docs:api` rewrites it and a unit test fails
 * when it is stale.
 */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  format?: string;
}

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' \\| ');
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' or ');
  if (schema.format === 'uuid') return 'id';
  if (schema.type === 'array') return `${schema.items ? typeOf(schema.items) : 'value'}[]`;
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  return schema.type ?? 'value';
}

function fieldsOf(request: z.ZodType): string {
  const schema = z.toJSONSchema(request, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const entries = Object.entries(schema.properties ?? {});
  if (entries.length === 0) return 'none';
  const required = new Set(schema.required ?? []);
  return entries.map(([name, field]) => `\`${name}\`${required.has(name) ? '' : '?'} (${typeOf(field)})`).join(', ');
}

export function apiMarkdown(): string {
  const lines = [
    '# The Fieldbook API',
    '',
    'Generated from the contract (`shared/<capability>/contract.ts`) by `npm run docs:api`; do not edit by hand.',
    'Every call is bound three ways (Electron IPC, the preview server, the CLI) and parsed with the same zod schemas.',
    'A field marked `?` may be left out (it is optional or has a default).',
    '',
  ];
  for (const [capability, calls] of Object.entries(CAPABILITY_CALLS)) {
    lines.push(`## ${capability}`, '', '| Call | What it does | Request fields |', '| --- | --- | --- |');
    for (const [method, spec] of Object.entries(calls) as Array<[string, { request: z.ZodType; summary: string }]>) {
      lines.push(`| \`${method}\` | ${spec.summary.replace(/\|/g, '\\|')} | ${fieldsOf(spec.request)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
