/**
 * The real sanctions lists both screening benchmarks load, from ../shared/data/sanctions
 * (restricted licences: not copied into the repository, so a user's clone has none and the
 * benchmarks say so and stop).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeListBytes, importFiles } from '../../src/screen/importers/index.js';
import type { Entity } from '../../src/screen/model.js';
import { SHARED_DATA } from '../../test/support/paths.js';

export const SANCTIONS_DIR = join(SHARED_DATA, 'sanctions');

/** Every list file (≥ 50,000 names together), in import order. */
export const LIST_FILES = [
  'ofac/sdn_2024-05-03.csv', 'ofac/alt_2025-12.csv', 'un/un_consolidated_2026-02-27.xml', 'eu/eu_oj_32014R0833.csv',
  'eu/eu_oj_32017R1509.csv', 'eu/eu_oj_32014R0269.csv', 'uk/uk_list_2026-04-29_subjects.csv',
  'uk/uk_list_2026-04-29_subject_names.csv', 'uk/uk_list_2026-04-29_subject_identifiers.csv',
  'jp/meti_russia_entities_2025-09-12.txt', 'jp/meti_third_country_entities_2025-09-12.txt', 'ftm/yente_fixture_zala_entities.ftm.json',
] as const;

/** Stop the benchmark with a message when the data is absent. */
export function requireSanctionsData(bench: string): void {
  if (existsSync(SANCTIONS_DIR)) return;
  process.stdout.write(`${bench}: ${SANCTIONS_DIR} is absent (restricted-licence data); nothing to measure\n`);
  process.exit(0);
}

/** One file under ../shared/data/sanctions as text (its encoding detected as the importers do). */
export const readSanctionsFile = (f: string): string => decodeListBytes(readFileSync(join(SANCTIONS_DIR, f)));

/** Every entity of LIST_FILES, and how long reading and importing took. */
export function importLists(): { entities: Entity[]; importMs: number } {
  const t0 = performance.now();
  const entities = importFiles(LIST_FILES.map((f) => ({ name: f, text: readSanctionsFile(f) }))).results.flatMap((r) => r.entities);
  return { entities, importMs: performance.now() - t0 };
}
