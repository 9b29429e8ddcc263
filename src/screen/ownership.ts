/**
 * Effective ownership through Ownership chains, per jurisdiction:
 * - US (OFAC) and EU: an entity is blocked when blocked owners together hold 50% or more,
 *   directly or through entities that are themselves blocked (aggregated across owners);
 * - UK: more than 50% held by one designated person, directly or through entities that person
 *   controls (more than 50%); no aggregation across different designated persons.
 * Unknown percentages stay unknown: they can make a result "possibly" blocked, never blocked.
 * Ended stakes (an endDate on or before `asOf`) are ignored.
 */
import type { Entity } from './model.js';

export type Jurisdiction = 'US' | 'EU' | 'UK';
export const JURISDICTIONS: readonly Jurisdiction[] = ['US', 'EU', 'UK'];

/** One ownership edge: owner → asset with a percentage, or null when unknown. */
export interface Stake {
  owner: string;
  asset: string;
  percentage: number | null;
  ownershipId: string;
}

/** Per-jurisdiction outcome for one entity that is not listed itself. */
export interface OwnershipFinding {
  jurisdiction: Jurisdiction;
  status: 'blocked' | 'possibly';
  /** Known share held by blocked/designated owners (0–100), summed as the rule allows. */
  share: number;
  /** Whether stakes of unknown size from blocked owners exist. */
  unknown: boolean;
  /** The listed entities at the top of the chains. */
  via: string[];
  rule: string;
}

const RULES: Record<Jurisdiction, string> = {
  US: 'OFAC 50% rule: blocked persons own 50% or more, aggregated, directly or indirectly',
  EU: 'EU 50% rule (2024 best practices): 50% or more, aggregated, directly or indirectly',
  UK: 'UK rule: one designated person holds more than 50%, directly or through entities it controls; not aggregated',
};

/** Parse a percentage like `50`, `50.5%`, `0.5` (as 50% only when ≤ 1 and written with a decimal point). */
export function parsePercentage(v: string | undefined): number | null {
  if (v === undefined) return null;
  const m = /(\d+(?:[.,]\d+)?)/.exec(v);
  if (!m) return null;
  let n = Number(m[1].replace(',', '.'));
  if (!v.includes('%') && n > 0 && n < 1 && m[1].includes('.')) n *= 100;
  return n >= 0 && n <= 100 ? n : null;
}

/** Stakes from FtM Ownership entities, skipping ended ones. */
export function stakesFrom(entities: Iterable<Entity>, asOf: string): Stake[] {
  const out: Stake[] = [];
  for (const e of entities) {
    if (e.schema !== 'Ownership') continue;
    const end = e.properties['endDate']?.[0];
    if (end && end <= asOf) continue;
    const owner = e.properties['owner']?.[0];
    const asset = e.properties['asset']?.[0];
    if (!owner || !asset) continue;
    out.push({ owner, asset, percentage: parsePercentage(e.properties['percentage']?.[0]), ownershipId: e.id });
  }
  return out;
}

/**
 * Compute ownership findings for every entity reachable from the listed ones. `listed` maps
 * an entity id to the jurisdictions that list it (US/EU/UK); any listing counts for all three
 * when `listedEverywhere` is true (a screening simplification the caller may choose).
 */
export function effectiveOwnership(stakes: Stake[], listed: ReadonlyMap<string, ReadonlySet<Jurisdiction>>): Map<string, OwnershipFinding[]> {
  const byAsset = new Map<string, Stake[]>();
  for (const s of stakes) byAsset.set(s.asset, [...(byAsset.get(s.asset) ?? []), s]);
  const out = new Map<string, OwnershipFinding[]>();
  for (const j of JURISDICTIONS) {
    const seeds = new Set<string>();
    for (const [id, js] of listed) if (js.has(j)) seeds.add(id);
    const findings = j === 'UK' ? ukRule(byAsset, seeds) : aggregateRule(byAsset, seeds, j);
    for (const [id, f] of findings) out.set(id, [...(out.get(id) ?? []), f]);
  }
  return out;
}

/** US/EU: fixpoint — blocked if Σ stakes of blocked owners ≥ 50. */
function aggregateRule(byAsset: Map<string, Stake[]>, seeds: Set<string>, j: Jurisdiction): Map<string, OwnershipFinding> {
  const blocked = new Set(seeds);
  const result = new Map<string, OwnershipFinding>();
  const viaOf = (id: string): string[] => (seeds.has(id) ? [id] : (result.get(id)?.via ?? []));
  let changed = true;
  for (let round = 0; changed && round < 50; round++) {
    changed = false;
    for (const [asset, list] of byAsset) {
      if (seeds.has(asset)) continue;
      let share = 0;
      let unknown = false;
      const via = new Set<string>();
      for (const s of list) {
        if (!blocked.has(s.owner)) continue;
        if (s.percentage === null) unknown = true;
        else share += s.percentage;
        for (const v of viaOf(s.owner)) via.add(v);
      }
      if (via.size === 0) continue;
      const status = share >= 50 - 1e-9 ? 'blocked' : unknown ? 'possibly' : undefined;
      if (!status) continue;
      const prev = result.get(asset);
      if (!prev || prev.status !== status || Math.abs(prev.share - share) > 1e-9 || prev.via.length !== via.size) {
        result.set(asset, { jurisdiction: j, status, share: Math.min(100, share), unknown, via: [...via].sort(), rule: RULES[j] });
        if (status === 'blocked' && !blocked.has(asset)) blocked.add(asset);
        changed = true;
      }
    }
  }
  return result;
}

/** UK: per designated person, the entities it controls (>50%) through chains of controlled entities. */
function ukRule(byAsset: Map<string, Stake[]>, seeds: Set<string>): Map<string, OwnershipFinding> {
  const byOwner = new Map<string, Stake[]>();
  for (const list of byAsset.values()) for (const s of list) byOwner.set(s.owner, [...(byOwner.get(s.owner) ?? []), s]);
  const result = new Map<string, OwnershipFinding>();
  for (const person of seeds) {
    const controlled = new Set<string>([person]);
    const possibly = new Map<string, number>();
    let changed = true;
    for (let round = 0; changed && round < 50; round++) {
      changed = false;
      // Candidate assets: anything owned by a controlled entity.
      const assets = new Set<string>();
      for (const c of controlled) for (const s of byOwner.get(c) ?? []) assets.add(s.asset);
      for (const asset of assets) {
        if (controlled.has(asset) || seeds.has(asset)) continue;
        let share = 0;
        let unknown = false;
        for (const s of byAsset.get(asset) ?? []) {
          if (!controlled.has(s.owner)) continue;
          if (s.percentage === null) unknown = true;
          else share += s.percentage;
        }
        if (share > 50 + 1e-9) {
          controlled.add(asset);
          possibly.delete(asset);
          changed = true;
        } else if (unknown) possibly.set(asset, share);
      }
    }
    const put = (id: string, status: 'blocked' | 'possibly', share: number, unknown: boolean): void => {
      const prev = result.get(id);
      if (prev && (prev.status === 'blocked' || status === 'possibly')) {
        if (!prev.via.includes(person)) prev.via.push(person);
        return;
      }
      result.set(id, { jurisdiction: 'UK', status, share, unknown, via: [person], rule: RULES.UK });
    };
    for (const c of controlled) {
      if (c === person) continue;
      let share = 0;
      for (const s of byAsset.get(c) ?? []) if (controlled.has(s.owner) && s.percentage !== null) share += s.percentage;
      put(c, 'blocked', Math.min(100, share), false);
    }
    for (const [id, share] of possibly) put(id, 'possibly', share, true);
  }
  return result;
}

/** Which jurisdictions a sanction authority belongs to (US/EU/UK), from its text. */
export function jurisdictionsOfAuthority(authority: string, datasets: readonly string[] = []): Jurisdiction[] {
  const a = `${authority} ${datasets.join(' ')}`.toLowerCase();
  const out: Jurisdiction[] = [];
  if (/ofac|united states|\bus[_ -]|treasury/.test(a)) out.push('US');
  if (/european|\beu[_ -]|council of the eu/.test(a)) out.push('EU');
  if (/fcdo|ofsi|united kingdom|\bgb[_ -]|\buk[_ -]|hm treasury/.test(a)) out.push('UK');
  return out;
}
