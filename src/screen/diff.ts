/**
 * What changed between two imports of one list: entities added, removed and changed, compared
 * by id and by a content hash of their canonical JSON.
 */
import { canonicalJson, contentHash, type Entity } from './model.js';

/** The outcome of comparing a new import with what was stored. */
export interface ListDiff {
  added: Entity[];
  removed: string[];
  changed: Entity[];
  unchanged: number;
}

/** Content hash of an entity (stable under property and value order). */
export function entityHash(e: Entity): string {
  return contentHash(canonicalJson(e));
}

/** Compare stored hashes (id → hash) with a new set of entities. */
export function diffEntities(previous: ReadonlyMap<string, string>, next: readonly Entity[]): ListDiff {
  const added: Entity[] = [];
  const changed: Entity[] = [];
  const seen = new Set<string>();
  let unchanged = 0;
  for (const e of next) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const before = previous.get(e.id);
    if (before === undefined) added.push(e);
    else if (before !== entityHash(e)) changed.push(e);
    else unchanged++;
  }
  const removed = [...previous.keys()].filter((id) => !seen.has(id)).sort();
  return { added, removed, changed, unchanged };
}
