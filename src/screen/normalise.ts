/**
 * Name normalisation: script → Latin, diacritics and punctuation removed, tokens; organisation
 * types folded; vessel-name prefixes stripped; and the Korean romanisation skeleton that lets
 * McCune–Reischauer, Revised Romanization and passport spellings meet (Ri/Lee/Yi, Pak/Park…).
 */
import { toLatin } from './translit.js';

/**
 * Lower-case Latin tokens of a name (any script in, Latin out). With `readConsonantal` false,
 * Arabic, Hebrew and Thai stay in their script (two names in one such script compare better so).
 */
export function nameTokens(name: string, readConsonantal = true): string[] {
  // Fast path for plain ASCII (most list names).
  if (/^[\x20-\x7e]*$/.test(name)) {
    const out = name.toLowerCase().replace(/['`]/g, '').split(/[^a-z0-9]+/);
    return out.filter((t) => t !== '');
  }
  const latin = toLatin(name.normalize('NFKC'), readConsonantal);
  const folded = latin
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæøœłđıþ]/g, (c) => ({ ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', ı: 'i', þ: 'th' })[c] ?? c)
    // Apostrophes of MR aspirates (Ch'ang) and of names (O'Neil) join, they do not split.
    .replace(/['’‘`ʼʻ]/g, '');
  return folded.split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');
}

/** A name as one string for exact keys: tokens sorted and joined (token order does not matter). */
export function normaliseForKey(name: string): string {
  return nameTokens(name).sort().join(' ');
}

// Organisation types and their short forms: folded to one token and weighted low when scoring.
const ORG_TYPES: [RegExp, string][] = [
  [/\bobshchestvo s ogranichennoy otvetstvennostyu\b/g, 'llc'],
  [/\bobshchestvo s ogranichennoi otvetstvennostiu\b/g, 'llc'],
  [/\bpublic joint stock company\b/g, 'pjsc'],
  [/\bjoint stock company\b/g, 'jsc'],
  [/\blimited liability company\b/g, 'llc'],
  [/\bsociedad anonima\b/g, 'sa'],
  [/\bcompany limited\b/g, 'co ltd'],
  [/\bpublic limited company\b/g, 'plc'],
  [/\baktiengesellschaft\b/g, 'ag'],
  [/\bgesellschaft mit beschrankter haftung\b/g, 'gmbh'],
  [/\bsocietatea cu raspundere limitata\b/g, 'srl'],
  [/\baktsionernoe obshchestvo\b/g, 'jsc'],
  [/\bpublichnoe aktsionernoe obshchestvo\b/g, 'pjsc'],
  [/\bp l c\b/g, 'plc'],
  [/\bl l c\b/g, 'llc'],
  [/\bs a\b/g, 'sa'],
];
const ORG_WORDS: Record<string, string> = {
  limited: 'ltd', ltd: 'ltd', company: 'co', co: 'co', corporation: 'corp', corp: 'corp', incorporated: 'inc',
  inc: 'inc', llc: 'llc', ooo: 'llc', zao: 'jsc', oao: 'jsc', ao: 'jsc', pao: 'pjsc', jsc: 'jsc', pjsc: 'pjsc',
  gmbh: 'gmbh', ag: 'ag', sa: 'sa', srl: 'srl', bv: 'bv', nv: 'nv', plc: 'plc', llp: 'llp', lp: 'lp', fze: 'fze',
  fzc: 'fzc', fzco: 'fzco', dmcc: 'dmcc', pte: 'pte', sdn: 'sdn', bhd: 'bhd', kft: 'kft', oy: 'oy', ab: 'ab',
  as: 'as', spa: 'spa', tov: 'llc', sarl: 'sarl', trading: 'trading', group: 'group', holding: 'holding',
  holdings: 'holding', international: 'intl', intl: 'intl', shipping: 'shipping', enterprise: 'enterprise',
};
/** Tokens that carry little identity (org types, articles): weighted low in name scores. */
export const WEAK_TOKENS: ReadonlySet<string> = new Set([
  ...Object.values(ORG_WORDS),
  'the', 'of', 'and', 'de', 'la', 'el', 'al', 'bin', 'ibn', 'von', 'van', 'der', 'da', 'do', 'du', 'mr', 'mrs', 'dr',
]);

/** Tokens of an organisation name with legal-form words folded (`Limited` → `ltd`). */
export function orgTokens(name: string, readConsonantal = true): string[] {
  const toks = nameTokens(name, readConsonantal);
  let s = toks.join(' ');
  if (/obshchestvo|joint|liability|sociedad|company|gesellschaft|raspundere|\b[a-z] [a-z]\b/.test(s)) {
    for (const [re, to] of ORG_TYPES) s = s.replace(re, to);
    return s.split(' ').filter(Boolean).map((t) => ORG_WORDS[t] ?? t);
  }
  return toks.map((t) => ORG_WORDS[t] ?? t);
}

const VESSEL_PREFIX = /^(?:m ?v|m ?t|m ?s|mv|mt|ms|ss|the)$/;

/**
 * Tokens of a vessel name: `MV`, `M/V`, `MT`, `The` stripped (also glued as `Mv.Pan`), `No.`
 * before a number dropped, underscores split, and numbers kept as separate tokens
 * (`HAEDONG CARRIER NO.9` → `haedong carrier 9`).
 */
export function vesselTokens(name: string): string[] {
  const raw = name.replace(/_/g, ' ').replace(/^\s*(m\.?\s?[vt]|m\/[vt])\.?(?=[A-Za-z])/i, '$1 ');
  let toks = nameTokens(raw).flatMap((t) => t.split(/(?<=\D)(?=\d)|(?<=\d)(?=\D)/));
  while (toks.length > 1 && VESSEL_PREFIX.test(toks[0])) toks = toks.slice(1);
  if (toks.length > 2 && toks[0] === 'm' && (toks[1] === 'v' || toks[1] === 't')) toks = toks.slice(2);
  const out: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if ((t === 'no' || t === 'nr' || t === 'number') && /^\d+$/.test(toks[i + 1] ?? '')) continue;
    out.push(t);
  }
  return out;
}

/** Split a name carrying bracketed former names (`Chong Bong (Greenlight) (Blue Nouvelle)`). */
export function splitBracketedNames(name: string): { name: string; former: string[] } {
  const former: string[] = [];
  const main = name.replace(/\(([^()]*)\)/g, (_m, inner: string) => {
    const t = inner.replace(/^(?:ex|f\.?k\.?a\.?|formerly|former name:?)\s+/i, '').trim();
    if (t) former.push(t);
    return ' ';
  });
  return { name: main.replace(/\s+/g, ' ').trim() || name.trim(), former };
}

// ---------------------------------------------------------------------------------------
// Korean romanisation skeleton

/** Surname spellings → one canonical form (North/South, MR/RR, passport). */
const SURNAME_GROUPS: string[][] = [
  ['ri', 'li', 'lee', 'yi', 'i', 'rhee', 'rhie', 'ree', 'rie', 'reeh', 'yee'],
  ['pak', 'park', 'bak', 'pack', 'paek', 'baek', 'paik', 'baik', 'back', 'pai'],
  ['choe', 'choi', 'chwe', 'choy', 'chey', 'choei', 'tchoi'],
  ['jong', 'jeong', 'chung', 'chong', 'jung', 'cheong', 'joung', 'tjong'],
  ['kim', 'gim', 'kimm', 'ghim'],
  ['ryu', 'yu', 'yoo', 'you', 'ryoo', 'rew', 'lyu', 'yoe'],
  ['rim', 'im', 'lim', 'yim', 'rhim'],
  ['ro', 'no', 'roh', 'noh', 'rho', 'nho'],
  ['o', 'oh', 'au'],
  ['an', 'ahn', 'ahnn'],
  ['ryang', 'yang', 'lyang'],
  ['ryom', 'yeom', 'yom', 'yum', 'ryeom'],
  ['so', 'seo', 'suh', 'sur', 'soh'],
  ['ho', 'heo', 'hur', 'huh', 'her'],
  ['om', 'eom', 'um', 'uhm', 'oum'],
  ['sin', 'shin', 'sheen', 'shinn'],
  ['mun', 'moon', 'moun'],
  ['u', 'woo', 'wu', 'oo'],
  ['jo', 'cho', 'joe', 'zo', 'tcho'],
  ['jon', 'jeon', 'chon', 'jun', 'chun', 'cheon', 'chun'],
  ['han', 'hahn'],
  ['kang', 'gang', 'khang'],
  ['jang', 'chang', 'djang', 'tchang'],
  ['yun', 'yoon', 'youn'],
  ['song', 'sung', 'seong'],
  ['hwang', 'whang'],
  ['hong'],
  ['ko', 'go', 'koh'],
  ['ku', 'koo', 'gu', 'goo'],
  ['kwon', 'gwon', 'kwan'],
  ['nam'],
  ['pae', 'bae', 'bai'],
  ['hyon', 'hyun', 'hyeon'],
  ['ju', 'chu', 'joo', 'choo'],
  ['sok', 'seok', 'suk'],
  ['pyon', 'byun', 'byeon', 'pyun'],
  ['kye', 'gye', 'kyeh'],
  ['to', 'do', 'doh', 'toh'],
  ['chae', 'chai', 'chea'],
  ['ha', 'hah'],
  ['ma'],
  ['min'],
  ['sim', 'shim'],
  ['son', 'sohn'],
  ['tak', 'tag'],
  ['kil', 'gil'],
  ['wang'],
  ['yo', 'yeo', 'ryo'],
  ['ra', 'na', 'rah', 'nah'],
  ['ri'],
  ['thae', 'tae', 'tai'],
  ['kwak', 'gwak'],
  ['cha'],
  ['ji', 'chi'],
  ['kong', 'gong'],
  ['pang', 'bang'],
  ['ham'],
  ['chu'],
  ['paeng', 'baeng'],
  ['myong', 'myeong'],
  ['kyong', 'gyeong', 'kyung'],
  ['tong', 'dong'],
  ['won'],
];
const SURNAME = new Map<string, string>();
for (const g of SURNAME_GROUPS) for (const v of g) if (!SURNAME.has(v)) SURNAME.set(v, g[0]);

/** True when a token is a known Korean surname spelling. */
export function isKoreanSurname(token: string): boolean {
  return SURNAME.has(token);
}

// One romanised Korean syllable: optional initial, vowel nucleus, optional final.
const SYLLABLE = /^(?:tch|ssh|kk|tt|pp|ss|jj|ch|sh|ts|dj|kh|th|ph|[gkndtrlmbpsjhcfw])?(?:yeo|yae|wae|weo|eo|eu|ae|oe|ya|yo|yu|ye|wa|wo|we|wi|ui|oo|ou|ee|ai|oi|[aeiouy])(?:ng|nn|ll|[nlkpmtgbr])?/;

/** True when a token can be cut entirely into romanised Korean syllables. */
function isKoreanSyllables(token: string): boolean {
  // Small dynamic programme: every prefix length reachable from 0 by syllables.
  const n = token.length;
  if (n === 0 || n > 18) return false;
  const ok = new Array<boolean>(n + 1).fill(false);
  ok[0] = true;
  for (let i = 0; i < n; i++) {
    if (!ok[i]) continue;
    const rest = token.slice(i);
    for (let len = Math.min(7, rest.length); len >= 1; len--) {
      const m = SYLLABLE.exec(rest.slice(0, len));
      if (m && m[0].length === len) ok[i + len] = true;
    }
  }
  return ok[n];
}

/** Fold one romanised Korean token to its skeleton (voicing, aspiration, vowel and l/r merged). */
export function koreanSkeleton(token: string): string {
  let s = token.toLowerCase().replace(/[^a-z]/g, '');
  s = s.replace(/eui|ui|ee/g, 'i');
  s = s.replace(/tch|dj|jj|ch|j|z/g, 'J').replace(/ssh|sh|ss/g, 's');
  s = s.replace(/kk|kh|ck|gg|k|g|q/g, 'G').replace(/tt|th|dd|t|d/g, 'D').replace(/pp|ph|bb|p|b|f/g, 'B');
  s = s.replace(/ll|rr|l|r/g, 'R');
  s = s.replace(/yeo|yo/g, 'io').replace(/eo|eu|oo|ou|u/g, 'o').replace(/ae|oe|we|ai/g, 'e').replace(/y/g, 'i');
  s = s.replace(/h/g, '').replace(/(.)\1+/g, '$1');
  return s.toLowerCase();
}

/**
 * Korean skeleton keys of a name (`surname|given`) for every plausible surname position
 * (first or last token), or [] when the name does not look like a romanised Korean name
 * (a known surname at one end and every token made of Korean syllables).
 */
export function koreanKeys(tokens: readonly string[]): string[] {
  if (tokens.length < 2 || tokens.length > 5) return [];
  if (!SURNAME.has(tokens[0]) && !SURNAME.has(tokens[tokens.length - 1])) return [];
  const keys: string[] = [];
  const make = (fam: string, given: string[]): void => {
    const canon = SURNAME.get(fam);
    // The surname comes from the table (Park, Rhee…); the given name must be Korean syllables.
    if (!canon || given.length === 0 || !given.every((t) => /^[a-z]+$/.test(t) && isKoreanSyllables(t))) return;
    const g = koreanSkeleton(given.join(''));
    if (g.length < 2) return;
    const key = `${koreanSkeleton(canon)}|${g}`;
    if (!keys.includes(key)) keys.push(key);
  };
  make(tokens[0], tokens.slice(1));
  make(tokens[tokens.length - 1], tokens.slice(0, -1));
  return keys;
}
