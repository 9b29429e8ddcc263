/**
 * Renders the field reference of docs/ais-fields.md from the layout tables, so the
 * documentation cannot drift from what the decoder does (docs.test.ts checks it).
 */
import type { FieldSpec, LayoutSpec } from './layout.js';
import { LAYOUTS, TYPE_LAYOUTS } from './tables.js';
import { APPS } from './apps.js';

const KIND_TEXT: Record<FieldSpec['kind'], string> = {
  uint: 'uint', int: 'int', bool: 'bool', text: '6-bit text', hex: 'bits → hex', spare: 'spare', turn: 'ROT', second: 'second',
};

function sentinelOf(f: FieldSpec): string {
  const parts: string[] = [];
  if (f.kind === 'turn') return '-128';
  if (f.kind === 'second') return '60 (61–63: status)';
  if (f.kind === 'text') return 'empty';
  if (f.na !== undefined) parts.push(String(f.na));
  if (f.naFrom !== undefined && f.naFrom !== f.na) parts.push(`≥ ${f.naFrom}`);
  else if (f.naFrom !== undefined && f.na === undefined) parts.push(`≥ ${f.naFrom}`);
  return parts.join(', ');
}

function scaleOf(f: FieldSpec): string {
  const parts: string[] = [];
  if (f.scale !== undefined && f.scale !== 1) parts.push(`÷ ${f.scale}`);
  if (f.add !== undefined) parts.push(f.add < 0 ? `− ${-f.add}` : `+ ${f.add}`);
  return parts.join(' ');
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

function table(spec: LayoutSpec, start: number, app = false): string {
  const rows = ['| bits | field | kind | scale | unit | not available (wire value) | notes |', '|---|---|---|---|---|---|---|'];
  let pos = start;
  let variable = false;
  for (const f of spec.fields) {
    const at = variable ? `+${f.bits}` : f.rest ? `${pos}–` : f.bits === 1 ? `${pos}` : `${pos}–${pos + f.bits - 1}`;
    const name = f.kind === 'spare' ? '(spare)' : `\`${f.name}\``;
    const width = f.rest ? ` (≤ ${f.bits})` : '';
    rows.push(`| ${at}${width} | ${name} | ${KIND_TEXT[f.kind]} | ${scaleOf(f)} | ${f.unit ?? ''} | ${cell(sentinelOf(f))} | ${cell(f.note ?? '')} |`);
    if (f.rest) variable = true;
    pos += f.bits;
  }
  for (const d of spec.derived ?? []) rows.push(`| derived | \`${d.name}\` | | | ${d.unit ?? ''} | | ${cell(d.note)} |`);
  const length = spec.fields.reduce((n, f) => n + f.bits, 0);
  const short = app ? 'keeps only the raw `data`' : 'is `truncated`';
  return `${rows.join('\n')}\n\nNominal length ${length + start} bits${spec.fields.some((f) => f.rest) ? ' (maximum)' : ''}; fewer than ${spec.minBits + start} bits ${short}.${spec.trimTail === true ? ' Trailing groups are optional: absent when not sent.' : ''}\n`;
}

/** The generated part of docs/ais-fields.md: one table per message layout and application. */
export function renderFieldTables(): string {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const [type, names] of Object.entries(TYPE_LAYOUTS)) {
    for (const name of names) {
      if (seen.has(name)) continue;
      seen.add(name);
      const spec = LAYOUTS[name];
      const types = Object.entries(TYPE_LAYOUTS).filter(([, n]) => n.includes(name)).map(([t]) => t);
      out.push(`### ${spec.title}\n\nMessage type${types.length > 1 ? 's' : ''} ${types.join(', ')}${names.length > 1 ? ` (variant ${names.indexOf(name)} of type ${type})` : ''}.\n\n${table(spec, 0)}`);
    }
  }
  out.push('## Binary applications (types 6 and 8)\n\nPositions are bit offsets within the message (the application data starts at bit 88 in type 6, 56 in type 8). The application fields join the message object beside `dac`, `fid` and the raw `data`.\n');
  for (const app of APPS) {
    const when = app.when === undefined ? '' : ` Decoded only when data bit ${app.when.bit} is ${app.when.value}.`;
    out.push(`### ${app.title}\n\nCarried by type ${app.types.join(' and ')}.${when}\n\n${table(app, app.types[0] === 6 ? 88 : 56, true)}`);
  }
  return out.join('\n');
}
