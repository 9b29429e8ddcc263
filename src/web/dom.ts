/** DOM helpers. */

/** Escape text for HTML. */
export function esc(s: unknown): string {
  const text = typeof s === 'string' ? s : typeof s === 'number' || typeof s === 'boolean' ? String(s) : s === undefined || s === null ? '' : JSON.stringify(s);
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The element with this id (throws if the page is not ours). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
}

/** Short UTC time. */
export function fmtTime(iso: string | number | undefined): string {
  if (iso === undefined) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : d.toISOString().replace('T', ' ').slice(0, 16) + 'Z';
}

/** A number with fixed decimals, or a dash. */
export function fmtNum(v: unknown, digits = 1): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '—';
}
