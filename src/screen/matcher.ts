/**
 * The screener: an in-memory index over listed entities (exact IMO/MMSI/call-sign maps, a token
 * inverted index with one-edit deletion neighbours, and Korean skeleton keys) and a scorer in
 * the spirit of OpenSanctions' logic-v2: the best of several name features plus identifier
 * features, minus qualifier penalties (date of birth, country, gender), each one explained.
 */
import { SCREENABLE, type Entity, type Schema } from './model.js';
import { countryCode, isValidShipImo, normaliseCallSign, normaliseImo, normaliseMmsi } from './ids.js';
import { WEAK_TOKENS, isKoreanSurname, koreanKeys, koreanSkeleton, nameTokens, orgTokens, splitBracketedNames, vesselTokens } from './normalise.js';
import { CONSONANTAL_SCRIPT, TRANSLITERATED_SCRIPT, consonantKey, scriptsOf } from './translit.js';
import { classBound, letterClassMask, stringSimilarity, tokenBudget, tokenSimilarity } from './similarity.js';
import { HAN, hanReadingMatch, hanWords, japaneseTokens } from './han.js';
import { FrozenNeighbours, FrozenPostings, freezeNeighbours, freezePostings, type FrozenNeighboursData, type FrozenPostingsData, type Neighbours, type Postings } from './frozen-index.js';
import { effectiveOwnership, jurisdictionsOfAuthority, stakesFrom, type Jurisdiction, type OwnershipFinding } from './ownership.js';

/** Matching thresholds and limits (configurable; defaults tuned on the evaluation set). */
export interface ScreenConfig {
  /** Score at or above which a result is a "match". */
  matchThreshold: number;
  /** Score at or above which a result is returned for "review". */
  reviewThreshold: number;
  /** Results per query. */
  limit: number;
  /** Candidates scored in full per query (after blocking). */
  candidates: number;
  /** Date for ended ownership stakes (ISO); defaults to the newest date in the data. */
  asOf?: string;
  /** Score every indexed entity instead of the blocked candidates (the benchmark's baseline). */
  exhaustive?: boolean;
}

export const DEFAULT_CONFIG: ScreenConfig = { matchThreshold: 0.8, reviewThreshold: 0.7, limit: 5, candidates: 25 };

/** A query in FtM shape: a schema (optional) and property values. */
export interface MatchQuery {
  schema?: string | undefined;
  properties: Record<string, string[] | undefined>;
}

/** One feature's contribution to a score, with a human-readable reason. */
export interface FeatureExplanation {
  score: number;
  detail: string;
}

export type Decision = 'match' | 'review';

/** A scored candidate. */
export interface MatchResult {
  entity_id: string;
  schema: Schema;
  name: string;
  lists: string[];
  score: number;
  decision: Decision;
  explanation: Record<string, FeatureExplanation>;
  /** Which query fields agreed with the entity (imo, mmsi, callsign, name, birth_date, country). */
  matched_fields: string[];
  programs: string[];
  authorities: string[];
  /** Set when the entity is not listed itself but owned by listed ones. */
  ownership?: OwnershipFinding[];
}

type Kind = 'vessel' | 'person' | 'org';
type NameKind = 'name' | 'alias' | 'previousName' | 'weakAlias';

interface NameForm {
  text: string;
  kind: NameKind;
  tokens: string[];
  /** Tokens as written order, joined without spaces. */
  joined: string;
  /** Tokens sorted, joined without spaces (order-independent string). */
  sortedJoined: string;
  /** Korean skeleton keys (family|given), when the name looks Korean. */
  kkeys: string[];
  /** Per-token Korean skeletons (surnames canonicalised first), when the name looks Korean. */
  ktokens: string[] | undefined;
  /** The kind of name (vessel, person or organisation rules). */
  nameOf: Kind;
  /** Score factor for names read from Han or kana, whose Latin reading is uncertain. */
  certainty: number;
  /** Written in Hangul: two Hangul names are compared letter for letter, not folded. */
  hangul: boolean;
  /** Read from Cyrillic, Greek, Arabic, Hebrew or Thai: tokens also meet by consonant key. */
  phonetic: boolean;
  /** For Arabic, Hebrew, Thai or Han names: the form kept in its script, for same-script comparison. */
  inScript: NameForm | undefined;
  /** A name written only in Han characters (persons and organisations): its words, for reading matches. */
  han: string[][] | undefined;
  /** The name without its numbers, written and sorted order, and its numbers (vessel rules). */
  letters: string;
  lettersSorted: string;
  numbers: string;
  /**
   * Query forms only: listed token → offset in `rowArena` of its plain similarity to each of
   * this form's tokens (see `similarityRow`), filled during one query.
   */
  rows?: Map<string, number> | undefined;
  /** Query forms only: each token's letter-class mask (see `classBound`), made with the first row. */
  masks?: Int32Array | undefined;
}

interface Indexed {
  entity: Entity;
  kind: Kind;
  names: NameForm[];
  imos: string[];
  mmsis: string[];
  callsigns: string[];
  countries: Set<string>;
  flags: Set<string>;
  birthDates: string[];
  gender: string | undefined;
  korean: boolean;
  programs: string[];
  authorities: string[];
  lists: string[];
  ownership: OwnershipFinding[] | undefined;
}

const KIND_OF: Partial<Record<Schema, Kind>> = {
  Vessel: 'vessel',
  Person: 'person',
  Organization: 'org',
  Company: 'org',
  LegalEntity: 'org',
  Asset: 'org',
  Airplane: 'vessel',
};

/** Han is read as Sino-Korean and kana by Hepburn: plausible readings, not certain ones. */
const UNCERTAIN_READING = 0.85;

const NAME_KIND_FACTOR: Record<NameKind, number> = { name: 1, alias: 1, previousName: 0.95, weakAlias: 0.9 };

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function tokensFor(kind: Kind, text: string, readConsonantal: boolean): string[] {
  return kind === 'vessel' ? vesselTokens(text) : kind === 'org' ? orgTokens(text, readConsonantal) : nameTokens(text, readConsonantal);
}

function makeForm(kind: Kind, text: string, nameKind: NameKind, _korean: boolean, readConsonantal = true): NameForm | undefined {
  const tokens = tokensFor(kind, text, readConsonantal);
  if (tokens.length === 0) return undefined;
  // Korean keys are for personal names (family + given); vessel and company names do not have that shape.
  const kkeys = kind === 'person' ? koreanKeys(tokens) : [];
  const ktokens = kkeys.length ? tokens.map((t) => koreanSkeleton(isKoreanSurname(t) ? canonicalSurname(t) : t)) : undefined;
  const scripts = /[\u3040-\u30ff\u3400-\u9fff]/.test(text) ? scriptsOf(text) : [];
  const certainty = scripts.includes('Han') || scripts.includes('Kana') ? UNCERTAIN_READING : 1;
  return { text, kind: nameKind, tokens, joined: tokens.join(''), sortedJoined: [...tokens].sort().join(''), kkeys, ktokens, nameOf: kind, certainty, hangul: /[\uac00-\ud7a3]/.test(text), phonetic: TRANSLITERATED_SCRIPT.test(text),
    inScript: readConsonantal && kind !== 'vessel' && (CONSONANTAL_SCRIPT.test(text) || HAN.test(text)) ? makeForm(kind, text, nameKind, _korean, false) : undefined,
    han: kind !== 'vessel' && readConsonantal ? hanWords(text) : undefined,
    letters: tokens.filter((t) => !/\d/.test(t)).join(''),
    lettersSorted: tokens.filter((t) => !/\d/.test(t)).sort().join(''),
    numbers: tokens.filter((t) => /\d/.test(t)).sort().join(' ') };
}

/** Korean context: DPRK/ROK nationality or programme, or a Hangul name. */
function isKoreanEntity(e: Entity): boolean {
  const p = e.properties;
  const countries = [...(p['nationality'] ?? []), ...(p['country'] ?? []), ...(p['citizenship'] ?? []), ...(p['flag'] ?? [])];
  if (countries.some((c) => { const cc = countryCode(c); return cc === 'kp' || cc === 'kr'; })) return true;
  if ((p['program'] ?? []).some((x) => /dprk|korea|\bnk\b|prk|kp[ie]\./i.test(x))) return true;
  if ((p['unscId'] ?? []).some((x) => /^KP/i.test(x))) return true;
  return [...(p['name'] ?? []), ...(p['alias'] ?? [])].some((n) => scriptsOf(n).includes('Hangul'));
}

/** Remove a trailing digits-only suffix of a date to compare year/month/day prefixes. */
function dateCompat(a: string, b: string): 'same' | 'year' | 'disjoint' {
  const n = Math.min(a.length, b.length);
  if (a.slice(0, n) === b.slice(0, n)) return 'same';
  if (a.slice(0, 4) === b.slice(0, 4)) return 'year';
  return 'disjoint';
}

/** Postings per kind. */
interface KindIndex {
  /** Token → name-form ids. */
  byToken: Map<string, number[]>;
  /** One-deletion variant → tokens (symmetric-delete neighbourhood for one-edit typos). */
  byDeletion: Map<string, string[]>;
  /** Korean token skeleton → name-form ids. */
  bySkeleton: Map<string, number[]>;
  /** Korean name key (family|given) → name-form ids. */
  byKoreanKey: Map<string, number[]>;
}

const newKindIndex = (): KindIndex => ({ byToken: new Map(), byDeletion: new Map(), bySkeleton: new Map(), byKoreanKey: new Map() });

/** The postings a query reads: built maps, or frozen arrays restored from a snapshot. */
interface ReadIndex {
  byToken: Postings;
  byDeletion: Neighbours;
  bySkeleton: Postings;
  byKoreanKey: Postings;
}

/** Bumped whenever what the index holds or how names are normalised changes: older snapshots are rebuilt. */
export const SNAPSHOT_FORMAT = 2;

/**
 * A built screener as plain data (typed arrays and strings), to be stored and restored without
 * re-normalising every name: entities are kept as JSON strings and parsed when first a candidate.
 */
export interface ScreenerSnapshot {
  format: number;
  asOf: string | undefined;
  items: string[];
  nameCount: number;
  formItem: Int32Array;
  formPos: Int32Array;
  byImo: FrozenPostingsData;
  byMmsi: FrozenPostingsData;
  byCallSign: FrozenPostingsData;
  index: Record<Kind, { byToken: FrozenPostingsData; byDeletion: FrozenNeighboursData; bySkeleton: FrozenPostingsData; byKoreanKey: FrozenPostingsData }>;
}

/** An indexed entity as stored: name forms as (text, kind), re-normalised when first a candidate. */
type StoredItem = Omit<Indexed, 'countries' | 'flags' | 'names'> & { countries: string[]; flags: string[]; names: [string, NameKind][] };

/** Forms with less than this share of the query's possible vote are not scored. */
const MIN_VOTE_SHARE = 0.3;

/** A token on more name forms than this votes only when the query has nothing rarer. */
const COMMON_POSTINGS = 4000;

/** A query token's blocking postings (see `Screener.tokenPlan`). */
interface TokenPlan {
  exact: ArrayLike<number> | undefined;
  near: ArrayLike<number>[];
  bound: number;
  common: boolean;
}

/** Is `x` in the ascending `list`? */
function sortedHas(list: ArrayLike<number>, x: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = list[mid];
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Generate the one-deletion variants of a token. */
function deletions(t: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) out.push(t.slice(0, i) + t.slice(i + 1));
  return out;
}

/** The screener over a set of list entities. Build once, query many times. */
export class Screener {
  readonly config: ScreenConfig;
  /** Entities indexed; a restored snapshot fills them from `stored` on first use. */
  private readonly items: (Indexed | undefined)[] = [];
  private stored: string[] | undefined;
  private byImo: Postings;
  private byMmsi: Postings;
  private byCallSign: Postings;
  /** Name postings per kind (vessel, person, organisation): a query only meets its own kind. */
  private index: Record<Kind, ReadIndex>;
  /** Maps filled while building (empty after a restore). */
  private readonly build = {
    byImo: new Map<string, number[]>(),
    byMmsi: new Map<string, number[]>(),
    byCallSign: new Map<string, number[]>(),
    index: { vessel: newKindIndex(), person: newKindIndex(), org: newKindIndex() } as Record<Kind, KindIndex>,
  };
  /** Form id → entity index, and → position within the entity's names. */
  private formItem: ArrayLike<number> & { length: number } = [];
  private formPos: ArrayLike<number> = [];
  private readonly asOf: string | undefined;
  private votes = new Float64Array(0);
  /** Blocking plans of query tokens, per kind (see `tokenPlan`). */
  private readonly plans: Record<Kind, Map<string, TokenPlan>> = { vessel: new Map(), person: new Map(), org: new Map() };
  private stamp = new Int32Array(0);
  private touched = new Int32Array(0);
  private stampNow = 0;
  /** Number of name forms indexed. */
  nameCount = 0;

  constructor(entities: Iterable<Entity>, config: Partial<ScreenConfig> = {}, snapshot?: ScreenerSnapshot) {
    this.config = { ...DEFAULT_CONFIG, ...config };
    this.byImo = this.build.byImo;
    this.byMmsi = this.build.byMmsi;
    this.byCallSign = this.build.byCallSign;
    this.index = this.build.index;
    if (snapshot) {
      if (snapshot.format !== SNAPSHOT_FORMAT) throw new Error(`index snapshot format ${snapshot.format} is not ${SNAPSHOT_FORMAT}`);
      this.asOf = snapshot.asOf;
      this.stored = snapshot.items;
      this.items.length = snapshot.items.length;
      this.nameCount = snapshot.nameCount;
      this.formItem = snapshot.formItem;
      this.formPos = snapshot.formPos;
      this.byImo = new FrozenPostings(snapshot.byImo);
      this.byMmsi = new FrozenPostings(snapshot.byMmsi);
      this.byCallSign = new FrozenPostings(snapshot.byCallSign);
      const thaw = (d: ScreenerSnapshot['index'][Kind]): ReadIndex => ({ byToken: new FrozenPostings(d.byToken), byDeletion: new FrozenNeighbours(d.byDeletion), bySkeleton: new FrozenPostings(d.bySkeleton), byKoreanKey: new FrozenPostings(d.byKoreanKey) });
      this.index = { vessel: thaw(snapshot.index.vessel), person: thaw(snapshot.index.person), org: thaw(snapshot.index.org) };
      this.votes = new Float64Array(this.formItem.length);
      this.stamp = new Int32Array(this.formItem.length);
      return;
    }
    this.asOf = config.asOf;
    const all = [...entities];
    const byId = new Map(all.map((e) => [e.id, e]));
    // Sanctions by entity, and which jurisdictions list each entity.
    const sanctions = new Map<string, Entity[]>();
    for (const e of all) if (e.schema === 'Sanction') for (const target of e.properties['entity'] ?? []) sanctions.set(target, [...(sanctions.get(target) ?? []), e]);
    const listed = new Map<string, Set<Jurisdiction>>();
    for (const e of all) {
      if (!SCREENABLE.has(e.schema)) continue;
      const ss = sanctions.get(e.id) ?? [];
      const topics = e.properties['topics'] ?? [];
      if (ss.length === 0 && !topics.some((t) => t.startsWith('sanction'))) continue;
      const js = new Set<Jurisdiction>();
      for (const s of ss) for (const j of jurisdictionsOfAuthority(s.properties['authority']?.join(' ') ?? '', e.datasets)) js.add(j);
      for (const j of jurisdictionsOfAuthority('', [...(e.properties['sourceDatasets'] ?? []), ...e.datasets])) js.add(j);
      listed.set(e.id, js);
    }
    const asOf = this.config.asOf ?? all.reduce((m, e) => { const d = e.properties['endDate']?.[0] ?? ''; return d > m ? d : m; }, '9999');
    const owned = effectiveOwnership(stakesFrom(all, asOf), listed);
    for (const e of all) {
      const kind = KIND_OF[e.schema];
      if (!kind) continue;
      const isListed = listed.has(e.id);
      const ownership = owned.get(e.id);
      if (!isListed && !ownership) continue;
      this.add(e, kind, sanctions.get(e.id) ?? [], isListed ? undefined : ownership, byId);
    }
    this.votes = new Float64Array(this.formItem.length);
    this.stamp = new Int32Array(this.formItem.length);
  }

  /** Restore a screener from `snapshot()` output (same `SNAPSHOT_FORMAT`), without re-indexing. */
  static restore(snapshot: ScreenerSnapshot, config: Partial<ScreenConfig> = {}): Screener {
    return new Screener([], config, snapshot);
  }

  /** The built index as plain data for storage (see `ScreenerSnapshot`). */
  snapshot(): ScreenerSnapshot {
    const items: string[] = [];
    for (let i = 0; i < this.items.length; i++) {
      const it = this.item(i);
      // Results need only the entity's id, schema and caption: its properties stay in the store.
      const stored: StoredItem = { ...it, entity: { ...it.entity, properties: {} }, names: it.names.map((f) => [f.text, f.kind]), countries: [...it.countries], flags: [...it.flags] };
      items.push(JSON.stringify(stored));
    }
    const frozen = (m: Postings): FrozenPostingsData => (m instanceof Map ? freezePostings(m as Map<string, number[]>) : (() => { throw new Error('a restored screener cannot be snapshotted again'); })());
    const kindData = (k: Kind): ScreenerSnapshot['index'][Kind] => {
      const ix = this.build.index[k];
      return { byToken: frozen(ix.byToken), byDeletion: freezeNeighbours(ix.byDeletion), bySkeleton: frozen(ix.bySkeleton), byKoreanKey: frozen(ix.byKoreanKey) };
    };
    return {
      format: SNAPSHOT_FORMAT,
      asOf: this.asOf,
      items,
      nameCount: this.nameCount,
      formItem: Int32Array.from(this.formItem),
      formPos: Int32Array.from(this.formPos),
      byImo: frozen(this.byImo),
      byMmsi: frozen(this.byMmsi),
      byCallSign: frozen(this.byCallSign),
      index: { vessel: kindData('vessel'), person: kindData('person'), org: kindData('org') },
    };
  }

  /** The indexed entity at `i` (parsed from the snapshot on first use). */
  private item(i: number): Indexed {
    let it = this.items[i];
    if (!it) {
      const raw = JSON.parse(this.stored![i]) as StoredItem;
      const names = raw.names.map(([text, nk]) => makeForm(raw.kind, text, nk, raw.korean)).filter((f): f is NameForm => f !== undefined);
      it = { ...raw, names, countries: new Set(raw.countries), flags: new Set(raw.flags) };
      this.items[i] = it;
    }
    return it;
  }

  /** Number of entities indexed. */
  get size(): number {
    return this.items.length;
  }

  private add(e: Entity, kind: Kind, sanctions: Entity[], ownership: OwnershipFinding[] | undefined, _byId: Map<string, Entity>): void {
    const idx = this.items.length;
    const p = e.properties;
    const korean = isKoreanEntity(e);
    const forms: NameForm[] = [];
    const seen = new Set<string>();
    const push = (text: string, nk: NameKind): void => {
      const f = makeForm(kind, text, nk, korean);
      if (!f || seen.has(f.sortedJoined + nk)) return;
      seen.add(f.sortedJoined + nk);
      forms.push(f);
    };
    for (const nk of ['name', 'alias', 'previousName', 'weakAlias'] as NameKind[]) {
      for (const raw of p[nk] ?? []) {
        if (kind === 'vessel') {
          const { name, former } = splitBracketedNames(raw);
          push(name, nk);
          for (const f of former) push(f, 'previousName');
        } else push(raw, nk);
      }
    }
    const imos = (p['imoNumber'] ?? []).map((v) => normaliseImo(v)).filter((v): v is string => !!v);
    const item: Indexed = {
      entity: e,
      kind,
      names: forms,
      imos: kind === 'vessel' ? imos.filter(isValidShipImo) : imos,
      mmsis: (p['mmsi'] ?? []).map((v) => normaliseMmsi(v)).filter((v): v is string => !!v),
      callsigns: (p['callSign'] ?? []).map((v) => normaliseCallSign(v)).filter((v): v is string => !!v),
      countries: new Set(['country', 'nationality', 'citizenship', 'jurisdiction'].flatMap((k) => p[k] ?? []).map((c) => countryCode(c)).filter((c): c is string => !!c)),
      flags: new Set(['flag', 'pastFlags'].flatMap((k) => p[k] ?? []).map((c) => countryCode(c)).filter((c): c is string => !!c)),
      birthDates: p['birthDate'] ?? [],
      gender: p['gender']?.[0]?.toLowerCase(),
      korean,
      programs: [...new Set([...sanctions.flatMap((s) => s.properties['program'] ?? []), ...(p['program'] ?? [])])],
      authorities: [...new Set(sanctions.flatMap((s) => s.properties['authority'] ?? []))],
      lists: [...e.datasets],
      ownership,
    };
    this.items.push(item);
    this.nameCount += forms.length;
    const put = <K>(m: Map<K, number[]>, k: K): void => {
      const l = m.get(k);
      if (!l) m.set(k, [idx]);
      else if (l[l.length - 1] !== idx) l.push(idx);
    };
    for (const v of item.imos) put(this.build.byImo, v);
    for (const v of item.mmsis) put(this.build.byMmsi, v);
    for (const v of item.callsigns) put(this.build.byCallSign, v);
    const ix = this.build.index[kind];
    const formItem = this.formItem as number[];
    const formPos = this.formPos as number[];
    forms.forEach((f, pos) => {
      const fid = formItem.length;
      formItem.push(idx);
      formPos.push(pos);
      const putF = (m: Map<string, number[]>, k: string): void => {
        const l = m.get(k);
        if (!l) m.set(k, [fid]);
        else if (l[l.length - 1] !== fid) l.push(fid);
      };
      for (const t of f.tokens) {
        if (!ix.byToken.has(t) && t.length >= 4 && !/\d/.test(t)) {
          for (const d of deletions(t)) {
            const l = ix.byDeletion.get(d);
            if (!l) ix.byDeletion.set(d, [t]);
            else l.push(t);
          }
        }
        putF(ix.byToken, t);
      }
      if (korean && f.ktokens) for (const k of f.ktokens) putF(ix.bySkeleton, k);
      if (korean) for (const k of f.kkeys) putF(ix.byKoreanKey, k);
    });
  }

  /** Screen one query; results best first, only those at or above the review threshold. */
  match(query: MatchQuery, config: Partial<ScreenConfig> = {}): MatchResult[] {
    const cfg = config === undefined || Object.keys(config).length === 0 ? this.config : { ...this.config, ...config };
    rowTop = 0;
    const q = prepareQuery(query);
    const candidates: Map<number, Set<number> | null> = cfg.exhaustive ? new Map(Array.from({ length: this.items.length }, (_, i) => [i, null])) : this.candidates(q, cfg.candidates);
    const results: MatchResult[] = [];
    for (const [i, forms] of candidates) {
      const r = this.score(q, this.item(i), cfg, forms);
      if (r && r.score >= cfg.reviewThreshold) results.push(r);
    }
    results.sort((a, b) => b.score - a.score || a.entity_id.localeCompare(b.entity_id));
    return results.slice(0, cfg.limit);
  }

  /**
   * A query token's postings for blocking: exact, and its one-edit neighbours' (not the common
   * ones), with the most it can give a form. Memoised per kind: the index does not change, and
   * the tokens of long organisation names recur from query to query.
   */
  private tokenPlan(kind: Kind, ix: ReadIndex, t: string): TokenPlan {
    const memo = this.plans[kind];
    let plan = memo.get(t);
    if (plan) return plan;
    const exact = ix.byToken.get(t);
    let bound = exact ? Math.log(1 + this.nForms() / exact.length) : 0;
    const near: ArrayLike<number>[] = [];
    if (t.length >= 4 && !/\d/.test(t)) {
      const words = new Set<string>(ix.byDeletion.get(t) ?? []);
      for (const d of deletions(t)) {
        if (ix.byToken.has(d)) words.add(d);
        for (const x of ix.byDeletion.get(d) ?? []) words.add(x);
      }
      words.delete(t);
      for (const x of words) {
        const l = ix.byToken.get(x);
        if (!l || l.length > COMMON_POSTINGS) continue;
        near.push(l);
        bound = Math.max(bound, 0.8 * Math.log(1 + this.nForms() / l.length));
      }
    }
    plan = { exact, near, bound, common: (exact?.length ?? 0) > COMMON_POSTINGS };
    if (memo.size >= 50_000) memo.clear();
    memo.set(t, plan);
    return plan;
  }

  private nForms(): number {
    return this.formItem.length || 1;
  }

  /**
   * Blocking: exact identifiers first (all their names are scored), then the entities whose name
   * forms share the most informative tokens, exactly, within one edit, by Korean skeleton or by
   * Korean name key. Returns entity → the name forms worth scoring (null: all).
   */
  private candidates(q: PreparedQuery, limit: number): Map<number, Set<number> | null> {
    const out = new Map<number, Set<number> | null>();
    const exact = (m: Postings, v: string): void => {
      const l = m.get(v);
      if (l) for (let k = 0; k < l.length; k++) out.set(l[k], null);
    };
    for (const v of q.imos) exact(this.byImo, v);
    for (const v of q.mmsis) exact(this.byMmsi, v);
    for (const v of q.callsigns) exact(this.byCallSign, v);
    const votes = this.votes;
    const stamp = this.stamp;
    // Forms voted for, in a buffer kept across queries (a long name touches thousands of forms).
    if (this.touched.length < this.formItem.length) this.touched = new Int32Array(this.formItem.length);
    const touched = this.touched;
    let nTouched = 0;
    const n = this.formItem.length || 1;
    const vote = (postings: ArrayLike<number> | undefined, weight: number, addNew: boolean): void => {
      if (!postings) return;
      const w = weight * Math.log(1 + n / postings.length);
      const now = this.stampNow;
      // Only forms already voted for can gain: when they are far fewer than the postings (a
      // common token late in a long name), look each one up (postings are sorted) instead.
      if (!addNew && nTouched * 16 < postings.length) {
        for (let k = 0; k < nTouched; k++) {
          const f = touched[k];
          if (stamp[f] === now || !sortedHas(postings, f)) continue;
          stamp[f] = now;
          votes[f] += w;
        }
        return;
      }
      for (let p = 0; p < postings.length; p++) {
        const f = postings[p];
        if (!addNew && votes[f] === 0) continue;
        // One vote per query token per form, whichever way the token matched.
        if (stamp[f] === now) continue;
        stamp[f] = now;
        if (votes[f] === 0) touched[nTouched++] = f;
        votes[f] += w;
      }
    };
    const kinds: Kind[] = q.kind ? [q.kind] : ['person', 'org', 'vessel'];
    // The most a form can collect: every query token matched exactly (a token unknown to the
    // index counts as maximally rare). Forms far below it cannot reach the review threshold.
    let best = 0;
    const plans = kinds.map((kind) => {
      const ix = this.index[kind];
      const forms = q.forms.filter((f) => f.nameOf === kind);
      const tokens = new Set<string>();
      for (const f of forms) for (const t of f.tokens) tokens.add(t);
      let most = 0;
      for (const t of tokens) most += Math.log(1 + n / (ix.byToken.get(t)?.length ?? 1));
      best = Math.max(best, most);
      // A Han name may be listed under a Japanese reading: readings the index holds also vote
      // (alternatives, so they do not raise the floor).
      for (const f of forms) if (f.han) for (const t of japaneseTokens(f.han, (x) => ix.byToken.has(x))) tokens.add(t);
      return { ix, forms, tokens, kind };
    });
    const floor = q.korean ? 0 : MIN_VOTE_SHARE * best;
    for (const { ix, forms, tokens, kind } of plans) {
      // Very common tokens ("al", "co", "mohammad") only vote when nothing rarer is there.
      const plansOf = [...tokens].map((t) => this.tokenPlan(kind, ix, t));
      const anyRare = plansOf.some((pl) => !pl.common);
      // Each query token with its exact and one-edit postings and the most it can give a form.
      const steps = plansOf.filter((pl) => !(anyRare && pl.common));
      // Rarest first: once the tokens left cannot lift an unvoted form to the floor, common
      // tokens only add to forms already voted for (the long-name tail: "federal state …").
      steps.sort((a, b) => b.bound - a.bound);
      let remaining = steps.reduce((acc, st) => acc + st.bound, 0);
      for (const st of steps) {
        const addNew = remaining >= floor;
        this.stampNow++;
        vote(st.exact, 1, addNew);
        for (const l of st.near) vote(l, 0.8, addNew);
        remaining -= st.bound;
      }
      if (q.korean) {
        for (const f of forms) {
          for (const k of f.ktokens ?? []) {
            this.stampNow++;
            vote(ix.bySkeleton.get(k), 0.7, true);
          }
          for (const k of f.kkeys) {
            this.stampNow++;
            vote(ix.byKoreanKey.get(k), 3, true);
          }
        }
      }
    }
    // Only forms at or above the floor are taken: drop the rest before sorting (often most of them).
    let kept = 0;
    for (let k = 0; k < nTouched; k++) {
      const f = touched[k];
      if (votes[f] >= floor) touched[kept++] = f;
      else votes[f] = 0;
    }
    const taken = touched.subarray(0, kept).sort((a, b) => votes[b] - votes[a] || a - b);
    const cap = limit + out.size;
    for (let k = 0; k < kept; k++) {
      const f = taken[k];
      const item = this.formItem[f];
      const pos = this.formPos[f];
      if (out.has(item)) {
        const set = out.get(item);
        if (set) set.add(pos);
      } else if (out.size < cap) out.set(item, new Set([pos, 0]));
    }
    for (let k = 0; k < kept; k++) votes[taken[k]] = 0;
    return out;
  }

  /** Score one candidate for one query, with explanations. */
  private score(q: PreparedQuery, c: Indexed, cfg: ScreenConfig, forms: Set<number> | null = null): MatchResult | undefined {
    const explanation: Record<string, FeatureExplanation> = {};
    const matched: string[] = [];
    // Schema compatibility: vessels with vessels; persons with persons; organisations together.
    if (q.kind && q.kind !== c.kind) return undefined;
    // Without a shared identifier a name below the review threshold cannot make a result: name
    // comparisons that cannot reach it stop early (the result is the same, only sooner).
    const idHit = c.kind === 'vessel'
      ? q.imos.some((v) => c.imos.includes(v)) || q.mmsis.some((v) => c.mmsis.includes(v)) || q.callsigns.some((v) => c.callsigns.includes(v))
      : q.imos.some((v) => c.imos.includes(v));
    const name = this.bestName(q, c, forms, idHit ? 0 : cfg.reviewThreshold);
    let score = 0;
    if (c.kind === 'vessel') {
      const imoHit = q.imos.find((v) => c.imos.includes(v));
      const imoConflict = !imoHit && q.imos.length > 0 && c.imos.length > 0;
      const mmsiHit = q.mmsis.some((v) => c.mmsis.includes(v));
      const csHit = q.callsigns.some((v) => c.callsigns.includes(v));
      // Nothing but a name below the review threshold: not a result (skip building explanations).
      if (!imoHit && !mmsiHit && !csHit && name.score < cfg.reviewThreshold) return undefined;
      const nameOk = name.score >= 0.8;
      if (nameOk) matched.push('name');
      if (imoHit) {
        matched.push('imo');
        score = nameOk ? 1 : 0.95;
        explanation['vessel_imo_match'] = { score: 0.95, detail: `IMO ${imoHit} (valid check digit) is listed${nameOk || q.forms.length === 0 ? '' : ': under another name, so the ship was renamed or the name is spelled differently'}` };
      } else if (mmsiHit || csHit) {
        if (mmsiHit) matched.push('mmsi');
        if (csHit) matched.push('callsign');
        const base = mmsiHit ? 0.75 : 0.7;
        score = nameOk ? Math.max(base + 0.15, 0.85 + 0.1 * name.score) : base;
        if (mmsiHit) explanation['vessel_mmsi_match'] = { score: base, detail: 'MMSI is listed (supporting evidence: it changes with the flag)' };
        if (csHit) explanation['vessel_callsign_match'] = { score: base, detail: 'call sign is listed (supporting evidence: it changes with the flag)' };
      } else {
        // Name only: never more than review.
        score = Math.min(name.score, cfg.matchThreshold - 0.01);
        if (imoConflict) {
          score = name.score * 0.75;
          explanation['vessel_imo_mismatch'] = { score: round3(score - name.score), detail: `query IMO ${q.imos.join('/')} differs from listed IMO ${c.imos.join('/')}: a name on another hull` };
        }
      }
      if (name.score > 0) explanation['name_match'] = { score: round3(name.score), detail: name.detail };
      if (q.invalidImos.length) explanation['vessel_imo_invalid'] = { score: 0, detail: `query IMO ${q.invalidImos.join('/')} fails the check digit: not used as identity` };
      if (q.flags.size && c.flags.size) {
        const agree = [...q.flags].some((f) => c.flags.has(f));
        if (agree) matched.push('flag');
        else if (!imoHit) score -= 0.05;
        explanation[agree ? 'flag_match' : 'flag_mismatch'] = { score: agree ? 0 : imoHit ? 0 : -0.05, detail: `flag ${[...q.flags].join('/')} vs listed ${[...c.flags].join('/')} (soft evidence: shadow-fleet ships reflag)` };
      }
      if (score <= 0) return undefined;
    } else {
      if (name.score < cfg.reviewThreshold) {
        // Qualifiers only subtract: without a shared identifier (company IMO) this cannot be a result.
        const idHit = q.imos.find((v) => c.imos.includes(v));
        if (!idHit) return undefined;
      }
      score = name.score;
      if (name.score > 0) {
        explanation['name_match'] = { score: round3(name.score), detail: name.detail };
        if (name.score >= 0.8) matched.push('name');
      }
      const idHit = q.imos.find((v) => c.imos.includes(v));
      if (idHit) {
        score = Math.max(score, 0.95);
        matched.push('imo');
        explanation['identifier_match'] = { score: 0.95, detail: `company IMO number ${idHit} is listed` };
      }
      if (q.birthDates.length && c.birthDates.length) {
        let best: 'same' | 'year' | 'disjoint' = 'disjoint';
        for (const a of q.birthDates) for (const b of c.birthDates) {
          const r = dateCompat(a, b);
          if (r === 'same') best = 'same';
          else if (r === 'year' && best === 'disjoint') best = 'year';
        }
        if (best === 'same') {
          matched.push('birth_date');
          explanation['dob_match'] = { score: 0, detail: `birth date ${q.birthDates[0]} agrees with ${c.birthDates.join('/')}` };
        } else {
          const pen = best === 'year' ? -0.1 : -0.2;
          score += pen;
          explanation[best === 'year' ? 'dob_day_disjoint' : 'dob_year_disjoint'] = { score: pen, detail: `birth date ${q.birthDates.join('/')} vs listed ${c.birthDates.join('/')}` };
        }
      }
      if (q.countries.size && c.countries.size) {
        const agree = [...q.countries].some((x) => c.countries.has(x));
        if (agree) matched.push('country');
        else {
          score -= 0.1;
          explanation['country_mismatch'] = { score: -0.1, detail: `country ${[...q.countries].join('/')} vs listed ${[...c.countries].join('/')}` };
        }
      }
      if (q.gender && c.gender && (c.gender === 'male' || c.gender === 'female') && q.gender !== c.gender) {
        score -= 0.2;
        explanation['gender_mismatch'] = { score: -0.2, detail: `gender ${q.gender} vs listed ${c.gender}` };
      }
    }
    score = round3(Math.max(0, Math.min(1, score)));
    if (score < cfg.reviewThreshold) return undefined;
    let decision: Decision = score >= cfg.matchThreshold ? 'match' : 'review';
    if (c.kind === 'vessel' && !matched.some((m) => m === 'imo' || m === 'mmsi' || m === 'callsign')) decision = 'review';
    const r: MatchResult = {
      entity_id: c.entity.id,
      schema: c.entity.schema,
      name: c.entity.caption,
      lists: c.lists,
      score,
      decision,
      explanation,
      matched_fields: matched,
      programs: c.programs,
      authorities: c.authorities,
    };
    if (c.ownership) {
      r.ownership = c.ownership;
      explanation['ownership'] = { score: 0, detail: c.ownership.map((o) => `${o.jurisdiction}: ${o.status} (${o.share}% held by listed owners ${o.via.join(', ')}${o.unknown ? '; some stakes of unknown size' : ''})`).join('; ') };
    }
    return r;
  }

  /**
   * Best name agreement between the query's names and the candidate's. Pairs that cannot reach
   * `need` (when positive) are skipped or cut short: the caller drops such a candidate anyway.
   */
  private bestName(q: PreparedQuery, c: Indexed, forms: Set<number> | null, need = 0): { score: number; detail: string } {
    let best = 0;
    let bestQ: NameForm | undefined;
    let bestC: NameForm | undefined;
    let bestMethod = '';
    const all = c.names;
    const picked = forms ? formList(forms, all) : all;
    for (const qf of q.forms) {
      if (qf.nameOf !== c.kind) continue;
      for (let k = 0; k < picked.length; k++) {
        const cf = picked[k];
        const factor = NAME_KIND_FACTOR[cf.kind] * qf.certainty * cf.certainty;
        if (best >= NAME_KIND_FACTOR[cf.kind] || factor < need) continue;
        const r = compareForms(qf, cf, c.kind, c.korean && q.korean, need > 0 ? need / factor : 0);
        const s = r.score * NAME_KIND_FACTOR[cf.kind] * qf.certainty * cf.certainty;
        if (s > best) {
          best = s;
          bestQ = qf;
          bestC = cf;
          bestMethod = r.method;
        }
      }
    }
    // The explanation is written only for a name that can make a result (most candidates cannot).
    if (!bestQ || !bestC || (need > 0 && best < need)) return { score: best, detail: '' };
    const detail = `'${bestQ.text}' ~ '${bestC.text}' (${bestC.kind}; ${bestMethod}${bestQ.certainty * bestC.certainty < 1 ? '; read from Han/kana, uncertain' : ''})`;
    return { score: best, detail };
  }
}

// The name forms selected by blocking, in a reused array (set order, as before).
const pickedForms: NameForm[] = [];
function formList(forms: Set<number>, names: NameForm[]): NameForm[] {
  pickedForms.length = 0;
  for (const i of forms) {
    const f = names[i];
    if (f !== undefined) pickedForms.push(f);
  }
  return pickedForms;
}

interface PreparedQuery {
  kind: Kind | undefined;
  forms: NameForm[];
  imos: string[];
  invalidImos: string[];
  mmsis: string[];
  callsigns: string[];
  countries: Set<string>;
  flags: Set<string>;
  birthDates: string[];
  gender: string | undefined;
  korean: boolean;
}

function prepareQuery(query: MatchQuery): PreparedQuery {
  const p = query.properties;
  const vals = (k: string): string[] => (p[k] ?? []).filter((v) => typeof v === 'string' && v.trim() !== '');
  const rawImos = vals('imoNumber').map((v) => normaliseImo(v)).filter((v): v is string => !!v);
  const mmsis = vals('mmsi').map((v) => normaliseMmsi(v)).filter((v): v is string => !!v);
  const callsigns = vals('callSign').map((v) => normaliseCallSign(v)).filter((v): v is string => !!v);
  let kind: Kind | undefined = query.schema ? KIND_OF[query.schema as Schema] : undefined;
  if (!kind && (mmsis.length || callsigns.length || vals('flag').length)) kind = 'vessel';
  if (!kind && rawImos.some(isValidShipImo) && vals('name').length === 0) kind = 'vessel';
  const validImos = kind === 'vessel' ? rawImos.filter(isValidShipImo) : rawImos;
  const names = [...vals('name'), ...vals('alias'), ...vals('previousName')];
  const forms: NameForm[] = [];
  const kinds: Kind[] = kind ? [kind] : ['person', 'org', 'vessel'];
  for (const n of names) {
    for (const k of kinds) {
      const f = makeForm(k, n, 'name', true);
      if (f && !forms.some((x) => x.sortedJoined === f.sortedJoined && x.nameOf === f.nameOf)) {
        f.rows = new Map();
        if (f.inScript) f.inScript.rows = new Map();
        forms.push(f);
      }
    }
  }
  const countries = new Set([...vals('country'), ...vals('nationality'), ...vals('citizenship')].map((c) => countryCode(c)).filter((c): c is string => !!c));
  const flags = new Set(vals('flag').map((c) => countryCode(c)).filter((c): c is string => !!c));
  const g = vals('gender')[0]?.toLowerCase();
  return {
    kind,
    forms,
    imos: validImos,
    invalidImos: rawImos.filter((v) => !validImos.includes(v)),
    mmsis,
    callsigns,
    countries,
    flags,
    birthDates: vals('birthDate').map((d) => d.trim()),
    gender: g === 'm' ? 'male' : g === 'f' ? 'female' : g,
    korean: forms.some((f) => f.kkeys.length > 0),
  };
}

/** The length test of `tokenSimilarity`: could two tokens of these lengths be within its edit budget? */
function lengthsCompatible(n: number, m: number): boolean {
  const len = n > m ? n : m;
  const budget = len <= 2 ? 0 : len <= 4 ? 1 : len <= 7 ? 2 : Math.floor(len / 3);
  return budget > 0 && Math.abs(n - m) <= budget;
}

// Token pairs recur across candidates (common given names): remember their similarity.
// Nested maps: no key string is built per token pair.
const simCache = new Map<string, Map<string, number>>();
let simCacheSize = 0;
function cachedSimilarity(x: string, y: string): number {
  if (x === y) return 1;
  // Short tokens: the banded edit distance costs less than two map lookups (and an insertion).
  if (x.length <= 8 && y.length <= 8) return tokenSimilarity(x, y);
  const [lo, hi] = x < y ? [x, y] : [y, x];
  let inner = simCache.get(lo);
  if (!inner) {
    if (simCacheSize > 200_000) {
      simCache.clear();
      simCacheSize = 0;
    }
    inner = new Map();
    simCache.set(lo, inner);
  }
  let v = inner.get(hi);
  if (v === undefined) {
    v = tokenSimilarity(x, y);
    inner.set(hi, v);
    simCacheSize++;
  }
  return v;
}

const keyCache = new Map<string, string>();
function cachedConsonantKey(t: string): string {
  let k = keyCache.get(t);
  if (k === undefined) {
    if (keyCache.size > 100_000) keyCache.clear();
    k = consonantKey(t);
    keyCache.set(t, k);
  }
  return k;
}

/** Token similarity of names read from another script whose consonant keys agree. */
const PHONETIC_KEY_SCORE = 0.92;

/** Weight of name parts left unmatched, on the query side and on the listed side. */
const EXTRA_QUERY_WEIGHT = 0.8;
const EXTRA_RESULT_WEIGHT = 0.2;

// Buffers of the token alignment, reused across calls (compareForms is not re-entered while they are in use).
let pairScore = new Float64Array(256);
let pairI = new Int32Array(256);
let pairJ = new Int32Array(256);
const pairOrder: number[] = [];
let usedQuery = new Uint8Array(64);
let usedListed = new Uint8Array(64);
const byPairScore = (x: number, y: number): number => pairScore[y] - pairScore[x] || x - y;

// Plain token similarities of a query form's tokens to a listed token, in one arena reset per
// query: a listed token recurs across candidates ("joint", "stock", "federal", given names),
// so each (query token, listed token) pair is computed once per query, not once per candidate.
let rowArena = new Float64Array(4096);
let rowTop = 0;
let rowOff = new Int32Array(64);

/** `tokenSimilarity` as the alignment uses it: 1 when equal, 0 when the lengths are beyond the budget. */
function plainSimilarity(x: string, y: string): number {
  return x === y ? 1 : lengthsCompatible(x.length, y.length) ? cachedSimilarity(x, y) : 0;
}

/** The offset in `rowArena` of `y`'s plain similarity to each token of `a` (computed once per query). */
function similarityRow(a: NameForm, rows: Map<string, number>, y: string): number {
  let off = rows.get(y);
  if (off !== undefined) return off;
  const ta = a.tokens;
  if (rowTop + ta.length > rowArena.length) {
    const grown = new Float64Array(2 * (rowTop + ta.length));
    grown.set(rowArena.subarray(0, rowTop));
    rowArena = grown;
  }
  off = rowTop;
  let masks = a.masks;
  if (!masks) {
    masks = new Int32Array(ta.length);
    for (let i = 0; i < ta.length; i++) masks[i] = letterClassMask(ta[i]);
    a.masks = masks;
  }
  const my = letterClassMask(y);
  for (let i = 0; i < ta.length; i++) {
    const x = ta[i];
    let s = 0;
    if (x === y) s = 1;
    else if (lengthsCompatible(x.length, y.length)) {
      // Letter classes one side lacks cost an edit each: beyond the budget the similarity is 0
      // (as tokenSimilarity would find), without the edit distance or a cache lookup.
      const budget = tokenBudget(x.length > y.length ? x.length : y.length);
      s = classBound(masks[i], my) > budget ? 0 : cachedSimilarity(x, y);
    }
    rowArena[off + i] = s;
  }
  rowTop += ta.length;
  rows.set(y, off);
  return off;
}

/** Token weight: character mass, low for legal forms and particles. */
const mass = (t: string): number => (WEAK_TOKENS.has(t) ? 0.3 : 1) * Math.max(2, t.length);

/** A token pair's similarity in the alignment, from its plain similarity (a function, not a closure per comparison). */
function pairSimilarity(a: NameForm, b: NameForm, i: number, j: number, plain: number, kind: Kind, bothHangul: boolean, ka: string[] | undefined, kb: string[] | undefined): number {
  const x = a.tokens[i];
  const y = b.tokens[j];
  // Hangul against Hangul: each token is a syllable, and another syllable is another name.
  if (bothHangul) return x === y ? 1 : 0;
  // Tokens whose lengths differ beyond the edit budget are 0 without a cache lookup (as tokenSimilarity says).
  let s = plain;
  // Across scripts, romanisation systems disagree on vowels and clusters (Aleksandr /
  // Alexander, mhmd / Mohamed): an equal consonant key of some length is a near match.
  if (s < PHONETIC_KEY_SCORE && (a.phonetic || b.phonetic) && x.length >= 3 && y.length >= 3) {
    const kx = cachedConsonantKey(x);
    if (kx.length >= 3 && kx === cachedConsonantKey(y)) s = PHONETIC_KEY_SCORE;
  }
  // An initial stands for a given name ("V. Putin").
  if (s === 0 && kind === 'person' && ((x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y)))) s = 0.8;
  if (ka && kb && s < 1 && !WEAK_TOKENS.has(x)) {
    const kx = ka[i];
    const ky = kb[j];
    // Korean syllables are short: a one-letter change is another syllable, so short tokens
    // count only when their skeletons agree (longer joined given names keep fuzzy slack).
    if (kx === ky) s = Math.max(s, 0.92);
    else if (Math.max(x.length, y.length) < 6) s = 0;
  }
  return s;
}

/**
 * Compare two name forms: exact (order-free), Korean skeleton key, token alignment with fuzzy
 * tokens (extra query tokens cost 0.8 of their weight, extra listed tokens 0.2), and whole-string
 * similarity for merged/split tokens. Numbers must agree. Returns the best method's score.
 */
export function compareForms(a: NameForm, b: NameForm, kind: Kind, koreanContext: boolean, need = 0): { score: number; method: string } {
  // Two names in one consonantal script: the script itself says more than two readings of it.
  if (a.inScript && b.inScript) return compareForms(a.inScript, b.inScript, kind, koreanContext, need);
  const bothHangul = a.hangul && b.hangul;
  const korean = koreanContext && !bothHangul;
  if (a.sortedJoined === b.sortedJoined && a.tokens.length === b.tokens.length) return { score: 1, method: 'exact' };
  if (kind === 'vessel') return compareVesselNames(a, b, need);
  // A Han name against a Latin one: is the Latin name a reading of it (Mandarin, Japanese, Sino-Korean)?
  let hanScore = 0;
  let hanMethod = '';
  if ((a.han === undefined) !== (b.han === undefined)) {
    const h = a.han ? hanReadingMatch(a.han, b.tokens) : hanReadingMatch(b.han!, a.tokens);
    if (h) {
      hanScore = h.score;
      hanMethod = `Han name read as ${h.system}`;
    }
  }
  // Numbers in the name, sorted (computed with the form).
  const numsA = a.numbers;
  const numsB = b.numbers;
  const numberPenalty = numsA !== numsB ? 0.8 : 1;
  let best = hanScore;
  let method = hanMethod;
  if (korean && a.kkeys.length && b.kkeys.length && a.kkeys.some((k) => b.kkeys.includes(k)) && best < 0.95) {
    best = 0.95;
    method = 'Korean romanisation key (MR/RR/surname variants folded)';
  }
  // Token alignment (order-independent).
  const ka = korean ? a.ktokens : undefined;
  const kb = korean ? b.ktokens : undefined;
  const ta = a.tokens;
  const tb = b.tokens;
  // Greedy alignment in reused buffers (no allocation per candidate): pairs by score, ties in
  // (query token, listed token) order as a stable sort would leave them.
  const np0 = ta.length * tb.length;
  if (pairScore.length < np0) {
    pairScore = new Float64Array(2 * np0);
    pairI = new Int32Array(2 * np0);
    pairJ = new Int32Array(2 * np0);
  }
  if (usedQuery.length < ta.length || usedListed.length < tb.length) {
    usedQuery = new Uint8Array(2 * Math.max(ta.length, tb.length, 32));
    usedListed = new Uint8Array(usedQuery.length);
  }
  // Plain similarities from the query's rows (query forms), else computed per pair.
  const rows = bothHangul ? undefined : a.rows;
  if (rows) {
    if (rowOff.length < tb.length) rowOff = new Int32Array(2 * tb.length);
    for (let j = 0; j < tb.length; j++) rowOff[j] = similarityRow(a, rows, tb[j]);
  }
  let np = 0;
  for (let i = 0; i < ta.length; i++) for (let j = 0; j < tb.length; j++) {
    const s = pairSimilarity(a, b, i, j, rows ? rowArena[rowOff[j] + i] : bothHangul ? 0 : plainSimilarity(ta[i], tb[j]), kind, bothHangul, ka, kb);
    if (s > 0) {
      pairScore[np] = s;
      pairI[np] = i;
      pairJ[np] = j;
      np++;
    }
  }
  pairOrder.length = np;
  if (np <= 48) {
    // Few pairs (the usual case once the length and letter-class tests have ruled most out):
    // insertion sort in place, the same total order as the sort below, without its scratch copy.
    for (let k = 0; k < np; k++) {
      const s = pairScore[k];
      let m = k;
      while (m > 0 && pairScore[pairOrder[m - 1]] < s) {
        pairOrder[m] = pairOrder[m - 1];
        m--;
      }
      pairOrder[m] = k;
    }
  } else {
    for (let k = 0; k < np; k++) pairOrder[k] = k;
    pairOrder.sort(byPairScore);
  }
  usedQuery.fill(0, 0, ta.length);
  usedListed.fill(0, 0, tb.length);
  let matchedQuery = 0;
  let matchedListed = 0;
  let num = 0;
  let den = 0;
  for (let k = 0; k < np; k++) {
    const p = pairOrder[k];
    const i = pairI[p];
    const j = pairJ[p];
    if (usedQuery[i] || usedListed[j]) continue;
    usedQuery[i] = 1;
    usedListed[j] = 1;
    matchedQuery++;
    matchedListed++;
    const w = (mass(ta[i]) + mass(tb[j])) / 2;
    num += pairScore[p] * w;
    den += w;
  }
  for (let i = 0; i < ta.length; i++) if (!usedQuery[i]) den += EXTRA_QUERY_WEIGHT * mass(ta[i]);
  // Every syllable of a Korean name counts: an unmatched listed syllable weighs as a query one.
  const extraResult = korean ? EXTRA_QUERY_WEIGHT : EXTRA_RESULT_WEIGHT;
  for (let j = 0; j < tb.length; j++) if (!usedListed[j]) den += extraResult * mass(tb[j]);
  const align = den > 0 ? num / den : 0;
  if (align > best) {
    best = align;
    method = matchedQuery === ta.length && matchedListed === tb.length && np && align < 1 ? 'fuzzy tokens, order-free' : 'token alignment';
  }
  // Whole-string: catches merged and split tokens ("Jong-un" / "Jongun", "Abdul Rahman" / "Abdulrahman").
  // Only computed as far as it can beat the best so far (early exits in the edit distance).
  let whole = 0;
  if (a.tokens.length !== b.tokens.length) {
    // Below `need` (before the number penalty) the score does not matter to the caller.
    const floor = Math.max(best, need > 0 ? need / numberPenalty - 1e-9 : 0);
    whole = stringSimilarity(a.joined, b.joined, floor);
    whole = Math.max(whole, stringSimilarity(a.sortedJoined, b.sortedJoined, Math.max(floor, whole)));
  }
  if (whole > best) {
    best = whole;
    method = 'whole-name edit distance';
  }
  if (numberPenalty < 1) method += `; numbers differ (${numsA || '-'} vs ${numsB || '-'})`;
  return { score: best * numberPenalty, method };
}

/**
 * Vessel names, as logic-v2 treats object names: strict edit distance on the whole name (in
 * written and sorted token order), with numbers that must agree.
 */
function compareVesselNames(a: NameForm, b: NameForm, need = 0): { score: number; method: string } {
  const numsA = a.numbers;
  const numsB = b.numbers;
  // Scores below `need` (before the number penalty) do not matter to the caller.
  const floor = need > 0 ? need / (numsA !== numsB ? 0.6 : 1) - 1e-9 : 0;
  let s = stringSimilarity(a.letters, b.letters, floor);
  let method = 'vessel name edit distance';
  if (s < 1 && a.tokens.length > 1) {
    const sorted = stringSimilarity(a.lettersSorted, b.lettersSorted, Math.max(s, floor));
    if (sorted > s) {
      s = sorted;
      method = 'vessel name edit distance, words reordered';
    }
  }
  if (numsA !== numsB) {
    s *= 0.6;
    method += `; numbers differ (${numsA || '-'} vs ${numsB || '-'})`;
  }
  return { score: s, method };
}

function canonicalSurname(t: string): string {
  const keys = koreanKeys([t, 'a']);
  // koreanKeys gives "surname|given"; we only need the surname part in skeleton form.
  return keys[0]?.split('|')[0] ?? t;
}

/** Build a query from the flat CSV/CLI fields (`id,schema,name,imo,mmsi,callsign,flag,country,birth_date`). */
export function queryFromRow(row: Record<string, string | undefined>): MatchQuery {
  const v = (k: string): string[] => (row[k] && row[k].trim() ? [row[k].trim()] : []);
  return {
    schema: row['schema']?.trim() || undefined,
    properties: {
      name: v('name'),
      imoNumber: v('imo'),
      mmsi: v('mmsi'),
      callSign: v('callsign'),
      flag: v('flag'),
      country: v('country'),
      birthDate: v('birth_date'),
    },
  };
}

/**
 * Score two names pairwise with the screener's name rules (the name-benchmark harness):
 * Korean folding applies when both names look like romanised Korean names.
 */
export function compareNames(schema: string, a: string, b: string): { score: number; method: string } {
  const kind = KIND_OF[schema as Schema] ?? 'person';
  const fa = makeForm(kind, a, 'name', true);
  const fb = makeForm(kind, b, 'name', true);
  if (!fa || !fb) return { score: 0, method: 'empty name' };
  return compareForms(fa, fb, kind, fa.kkeys.length > 0 && fb.kkeys.length > 0);
}
