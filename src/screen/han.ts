/**
 * Names written in Han characters (Chinese hanzi, Japanese kanji, Korean hanja) against Latin
 * names. A Han name has several readings: Mandarin (pinyin), Japanese (on'yomi and kun'yomi, with
 * rendaku voicing inside a word) and Sino-Korean. Which one the Latin name used is not known,
 * so a Latin name is accepted when its letters can be cut, at its own word breaks, into one
 * reading per character, all from one language (`hanReadingMatch`). The tables come from the
 * Unicode Han Database (`han-readings.ts`, generated; its header gives the provenance).
 */
import { JAPANESE, KOREAN, MANDARIN } from './han-readings.js';
import { hanjaReading, romaniseHangulSyllable } from './translit.js';

export type HanSystem = 'Mandarin' | 'Japanese' | 'Sino-Korean';

const isHanCode = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);

/** Does the string hold a Han character? */
export const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

interface Tables {
  mandarin: Map<string, string[]>;
  japanese: Map<string, string[]>;
  korean: Map<string, string[]>;
}
let tables: Tables | undefined;

/** Parse "reading chars reading chars …" groups into char → readings (first reading first). */
function parse(table: string, into: Map<string, string[]>, map: (reading: string) => string = (r) => r): void {
  for (const group of table.split(' ')) {
    let k = 0;
    while (k < group.length && !isHanCode(group.charCodeAt(k)) && !(group.charCodeAt(k) >= 0xd800 && group.charCodeAt(k) < 0xdc00)) k++;
    const reading = map(group.slice(0, k).replace(/^\+/, ''));
    if (!reading) continue;
    for (const ch of group.slice(k)) {
      const l = into.get(ch);
      if (!l) into.set(ch, [reading]);
      else if (!l.includes(reading)) l.push(reading);
    }
  }
}

function load(): Tables {
  if (tables) return tables;
  const mandarin = new Map<string, string[]>();
  // Primary readings first, then the '+' secondary ones.
  parse(MANDARIN.split(' ').filter((g) => !g.startsWith('+')).join(' '), mandarin);
  parse(MANDARIN.split(' ').filter((g) => g.startsWith('+')).join(' '), mandarin);
  const japanese = new Map<string, string[]>();
  parse(JAPANESE, japanese);
  const korean = new Map<string, string[]>();
  parse(KOREAN, korean, (h) => romaniseHangulSyllable(h) ?? '');
  tables = { mandarin, japanese, korean };
  return tables;
}

/** The first Mandarin reading of a character (tones dropped), if known. */
export function mandarinOf(ch: string): string | undefined {
  return load().mandarin.get(ch)?.[0];
}

/**
 * Read a Han word by its first Mandarin readings: two to four characters as a Chinese personal
 * name (family name, then the given name joined: 习近平 → `xi jinping`), else joined. Undefined
 * when a character is not in the table.
 */
export function readMandarin(word: string): string | undefined {
  const chars = [...word];
  const rs: string[] = [];
  for (const c of chars) {
    const r = mandarinOf(c);
    if (r === undefined) return undefined;
    rs.push(r);
  }
  return rs.length >= 2 && rs.length <= 4 ? `${rs[0]} ${rs.slice(1).join('')}` : rs.join('');
}

/** A name written only in Han characters, as its words (each a list of characters). */
export function hanWords(text: string): string[][] | undefined {
  if (!HAN.test(text)) return undefined;
  const words: string[][] = [];
  for (const w of text.split(/[\s·・,.()\-‐]+/u)) {
    if (!w) continue;
    const chars = [...w];
    if (!chars.every((c) => isHanCode(c.codePointAt(0)!))) return undefined;
    words.push(chars);
  }
  return words.length ? words : undefined;
}

// Japanese: long vowels are written or not (Satō, Satou, Sato, Satoh); Korean: MR, RR and DPRK
// spellings (eo/o, eu/u, k/g, p/b, t/d, ch/j, r/l).
const foldJapanese = (s: string): string => s.replace(/ou|oo|oh(?![aeiouy])/g, 'o').replace(/uu/g, 'u');
const foldKorean = (s: string): string => s.replace(/eo/g, 'o').replace(/eu/g, 'u').replace(/ch/g, 'j').replace(/g/g, 'k').replace(/b/g, 'p').replace(/d/g, 't').replace(/l/g, 'r').replace(/sh/g, 's');

/** Rendaku: the voiced form of a reading inside a word (山田 yama·da, 鈴木 suzu·ki). */
function voiced(r: string): string | undefined {
  if (r.startsWith('sh')) return `j${r.slice(2)}`;
  if (r.startsWith('ch')) return `j${r.slice(2)}`;
  if (r.startsWith('ts')) return `z${r.slice(2)}`;
  const v = ({ k: 'g', s: 'z', t: 'd', h: 'b', f: 'b' } as Record<string, string>)[r[0]];
  return v ? v + r.slice(1) : undefined;
}

const readingMemo = new Map<string, string[]>();

/** Readings of a character in one system, folded; `inside`: not the first character of its word. Memoised. */
function readingsOf(ch: string, system: HanSystem, inside: boolean): string[] {
  const key = `${system[0]}${inside ? 1 : 0}${ch}`;
  let out = readingMemo.get(key);
  if (out) return out;
  const t = load();
  if (system === 'Mandarin') out = t.mandarin.get(ch) ?? [];
  else if (system === 'Sino-Korean') {
    const listed = hanjaReading(ch);
    const rs = t.korean.get(ch) ?? [];
    out = [...new Set((listed ? [listed, ...rs] : rs).map(foldKorean))];
  } else {
    const set = new Set<string>();
    for (const r of t.japanese.get(ch) ?? []) {
      set.add(foldJapanese(r));
      const v = inside ? voiced(r) : undefined;
      if (v) set.add(foldJapanese(v));
    }
    out = [...set];
  }
  if (readingMemo.size > 50_000) readingMemo.clear();
  readingMemo.set(key, out);
  return out;
}

/** Can the characters `chars[i..j)` of one word be read, one reading each, as exactly `token`? */
function readsAs(token: string, chars: string[], i: number, j: number, system: HanSystem): boolean {
  // reach[p]: the characters so far read as token[0, p).
  let reach = 1;
  let positions = [0];
  for (let k = i; k < j; k++) {
    const next: number[] = [];
    const rs = readingsOf(chars[k], system, k > 0);
    for (const p of positions) {
      for (const r of rs) if (r && token.startsWith(r, p) && !next.includes(p + r.length)) next.push(p + r.length);
    }
    if (next.length === 0) return false;
    positions = next;
    reach++;
  }
  return reach > 1 && positions.includes(token.length);
}

/** Score of a reading match per system: Japanese characters have many readings, so less certain. */
const SYSTEM_SCORE: Record<HanSystem, number> = { Mandarin: 1, 'Sino-Korean': 1, Japanese: 0.95 };

/**
 * Is the Latin name (lower-case tokens, in any order) a reading of the Han name? Each Latin word
 * reads a run of characters of one Han word, the runs cover every character once, and all
 * readings come from one language (Mandarin, Sino-Korean, Japanese). Returns the first system
 * that reads it, or undefined.
 */
export function hanReadingMatch(words: string[][], latin: readonly string[]): { score: number; system: HanSystem } | undefined {
  if (latin.length === 0 || latin.length > 6 || words.length > 4 || !latin.every((t) => /^[a-z]+$/.test(t))) return undefined;
  const nChars = words.reduce((n, w) => n + w.length, 0);
  if (nChars > 10 || latin.length > nChars) return undefined;
  for (const system of ['Mandarin', 'Sino-Korean', 'Japanese'] as HanSystem[]) {
    const fold = system === 'Japanese' ? foldJapanese : system === 'Sino-Korean' ? foldKorean : (x: string): string => x;
    const tokens = latin.map(fold);
    // Every character must have a reading in this system.
    if (!words.every((w) => w.every((c) => readingsOf(c, system, false).length > 0))) continue;
    const used = new Array<boolean>(tokens.length).fill(false);
    // Cover word w from character i on, with the tokens not used yet.
    const cover = (w: number, i: number): boolean => {
      if (w === words.length) return used.every(Boolean);
      const chars = words[w];
      if (i === chars.length) return cover(w + 1, 0);
      for (let t = 0; t < tokens.length; t++) {
        if (used[t]) continue;
        for (let j = i + 1; j <= chars.length; j++) {
          if (!readsAs(tokens[t], chars, i, j, system)) continue;
          used[t] = true;
          if (cover(w, j)) return true;
          used[t] = false;
        }
      }
      return false;
    };
    if (cover(0, 0)) return { score: SYSTEM_SCORE[system], system };
  }
  return undefined;
}

/**
 * Latin tokens a Han name may be written as in the index, for blocking: per word, each run of
 * one to three characters read as one token in Japanese (kun'yomi and on'yomi, rendaku inside
 * the word), kept when `known` says the index has it. Bounded: at most `cap` readings per run.
 */
export function japaneseTokens(words: string[][], known: (t: string) => boolean, cap = 400): string[] {
  const out = new Set<string>();
  for (const w of words) {
    for (let i = 0; i < w.length; i++) {
      let partial = [''];
      for (let j = i; j < Math.min(w.length, i + 3); j++) {
        const rs = readingsOf(w[j], 'Japanese', j > 0);
        if (rs.length === 0) break;
        const next: string[] = [];
        for (const p of partial) for (const r of rs) if (next.length < cap) next.push(p + r);
        partial = next;
        for (const t of partial) if (t.length >= 2 && known(t)) out.add(t);
      }
    }
  }
  return [...out];
}
