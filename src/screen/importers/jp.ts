/**
 * Japan importers: METI export-ban entity lists (text extraction of the PDF: numbered entries,
 * a Japanese name then the English name and `a.k.a.` aliases), and the MOF asset-freeze list
 * in its bilingual CSV form (`氏名（日本語）`, `氏名（英語）`, `別名・別称（英語）`, `旧称（英語）`…).
 * Japanese names of foreign targets are renderings of the English, so the English column is
 * the primary name and the Japanese one an alias.
 */
import { EntityBuilder, contentHash, countProblem, type Entity, type ImportResult } from '../model.js';
import { isoDate, parseCsvObjects } from '../text.js';

const METI = 'Japan Ministry of Economy, Trade and Industry (METI)';
const MOF = 'Japan Ministry of Finance (MOF)';
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/;

/** Import a METI end-user entity list (text extracted from the PDF). */
export function importMetiText(text: string, dataset: string, files: string[] = []): ImportResult {
  const problems: Record<string, number> = {};
  const t = text.normalize('NFKC');
  const published = /最終更新日[:：]\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(t);
  const designated = /指定日[:：]\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(t);
  const iso = (m: RegExpExecArray | null): string | undefined => (m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : undefined);
  // Entries are numbered 1, 2, 3…; a number may be glued to the end of the previous line
  // ("Moscow 127055RU.10 対外諜報庁"), so look for the *next expected* number before Japanese text.
  const starts: { n: number; at: number; bodyAt: number }[] = [];
  let expect = 1;
  // Entries follow the header (its dates also look like "01 日").
  const headerEnd = t.search(/最終更新日[^\n]*\n/);
  const re = /(?<=^|\n)(\d{1,4})[ \t]+(?=\S)|(\d{1,4})\s*(?=[\u3040-\u30ff\u3400-\u9fff「（(])|(?<=[.)])(\d{1,4})[ \t]+(?=\S)/g;
  if (headerEnd >= 0) re.lastIndex = t.indexOf('\n', headerEnd) + 1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t)) !== null) {
    if (Number(m[1] ?? m[2] ?? m[3]) !== expect) continue;
    const before = t[m.index - 1];
    // A glued number follows punctuation ("RU.10 対外…"), never a digit or a space.
    if (before !== undefined && (/\d/.test(before) || (m[2] !== undefined && /[ \t]/.test(before)))) continue;
    starts.push({ n: expect, at: m.index, bodyAt: m.index + m[0].length });
    expect++;
  }
  const entities: Entity[] = [];
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i];
    const body = t.slice(s.bodyAt, starts[i + 1]?.at ?? t.length);
    const lines = body.split('\n').map((l) => l.trim()).filter(Boolean);
    const jaName = lines[0] ?? '';
    const english: string[] = [];
    const aliases: string[] = [];
    for (const line of lines.slice(1)) {
      if (/^所在地[:：]/.test(line) || /^(住所|別名)[:：]/.test(line)) break;
      if (line.startsWith('-')) aliases.push(line.replace(/^-\s*/, '').replace(/(;\s*(and)?|\.|,)\s*$/, '').trim());
      else if (JAPANESE.test(line) && english.length === 0) continue;
      else if (aliases.length === 0) english.push(line);
    }
    let en = english.join(' ').replace(/\s+/g, ' ');
    en = en.replace(/,?\s*a\.k\.a\.?,?\s*(the following .*)?$/i, '').trim();
    if (!en) {
      countProblem(problems, 'entry_without_english_name');
      if (!jaName) continue;
    }
    const id = `${dataset}:${s.n}`;
    const b = new EntityBuilder(id, 'LegalEntity', dataset);
    b.add('name', en || jaName).add('alias', en ? jaName.replace(/（別称.*$/, '') : undefined, ...aliases).add('sourceId', String(s.n));
    const addr = /所在地[:：]\s*([\s\S]*)$/.exec(body)?.[1]?.replace(/\s+/g, ' ').trim();
    b.add('address', addr);
    entities.push(b.build());
    const sb = new EntityBuilder(`${id}:sanction`, 'Sanction', dataset);
    sb.add('entity', id).add('authority', METI).add('program', 'Export ban (Foreign Exchange and Foreign Trade Act)').add('startDate', iso(designated));
    sb.entity.caption = 'METI export ban';
    entities.push(sb.build());
  }
  if (starts.length === 0) countProblem(problems, 'no_numbered_entries');
  return { list: { id: dataset, title: `Japan METI end-user list (${dataset})`, authority: METI, published: iso(published) }, entities, problems, files };
}

const pick = (r: Record<string, string>, re: RegExp): string => {
  for (const [k, v] of Object.entries(r)) if (re.test(k)) return v.trim();
  return '';
};
const many = (v: string): string[] => v.split(/\s*(?:[;；\n]|\([a-z]\)|（[a-z]）|a\.k\.a\.)\s*/i).map((x) => x.trim()).filter(Boolean);

/** Import the MOF asset-freeze list in its bilingual CSV form. */
export function importMofCsv(text: string, files: string[] = []): ImportResult {
  const problems: Record<string, number> = {};
  const dataset = 'jp_mof_sanctions';
  const entities: Entity[] = [];
  for (const r of parseCsvObjects(text)) {
    const en = pick(r, /(氏名|名称).*英語/);
    const ja = pick(r, /(氏名|名称).*日本語/);
    if (!en && !ja) {
      countProblem(problems, 'row_without_name');
      continue;
    }
    const ref = pick(r, /国連参照番号/);
    const dob = pick(r, /生年月日/);
    const person = /氏名/.test(Object.keys(r).join(' ')) && !!dob;
    const sourceId = pick(r, /^(番号|No\.?|告示番号)$/i) || ref || contentHash(en || ja);
    const id = `${dataset}:${sourceId}`;
    const b = new EntityBuilder(id, person ? 'Person' : 'LegalEntity', dataset);
    b.add('name', en || ja).add('alias', en ? ja : undefined, ...many(pick(r, /別名.*英語/))).add('previousName', ...many(pick(r, /旧称.*英語/)));
    b.add('weakAlias', ...many(pick(r, /確定に十分でない別名/))).add('birthDate', ...many(dob).map((d) => isoDate(d.replace(/[年月]/g, '-').replace(/日/g, '')) ?? d));
    b.add('nationality', ...many(pick(r, /国籍/))).add('unscId', ref).add('sourceId', sourceId).add('address', pick(r, /住所|所在地/));
    const programme = pick(r, /(制裁|措置|区分|根拠)/) || 'Asset freeze (Foreign Exchange and Foreign Trade Act)';
    b.add('program', programme);
    entities.push(b.build());
    const s = new EntityBuilder(`${id}:sanction`, 'Sanction', dataset);
    s.add('entity', id).add('authority', MOF).add('program', programme).add('unscId', ref).add('startDate', isoDate(pick(r, /告示日付/).replace(/[./]/g, '-')));
    entities.push(s.build());
  }
  return { list: { id: dataset, title: 'Japan MOF asset-freeze list', authority: MOF }, entities, problems, files };
}
