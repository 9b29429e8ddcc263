/**
 * Small, dependency-free readers for the list formats: an RFC 4180 CSV parser and a
 * non-validating XML element-tree parser (enough for the UN, EU, UK and OFAC XML files).
 */

/** Parse CSV text into rows of fields. Handles quotes, doubled quotes, CRLF and embedded newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  const n = text.length;
  // Strip a BOM; the DOS end-of-file byte OFAC appends is dropped where it appears.
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    // One field starting at i.
    let j = i;
    while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
    let field: string;
    let k: number;
    if (text.charCodeAt(j) === 34) {
      // Quoted: find the closing quote, un-doubling "" on the way.
      let out = '';
      let from = j + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) {
          out += text.slice(from);
          k = n;
          break;
        }
        out += text.slice(from, q);
        if (text.charCodeAt(q + 1) === 34) {
          out += '"';
          from = q + 2;
          continue;
        }
        k = q + 1;
        break;
      }
      // Anything between the closing quote and the delimiter is kept (malformed but not lost).
      let e = k;
      while (e < n && text[e] !== ',' && text[e] !== '\n' && text[e] !== '\r') e++;
      field = e > k ? out + text.slice(k, e).trim() : out;
      k = e;
    } else {
      k = i;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === 44 || c === 10 || c === 13) break;
        k++;
      }
      field = text.slice(i, k);
      if (field.includes('\x1a')) field = field.split('\u001a').join('');
    }
    row.push(field);
    if (k >= n) break;
    const d = text.charCodeAt(k);
    if (d === 44) {
      i = k + 1;
      if (i >= n) row.push('');
      continue;
    }
    // End of line.
    rows.push(row);
    row = [];
    i = d === 13 && text.charCodeAt(k + 1) === 10 ? k + 2 : k + 1;
  }
  if (row.length > 0) rows.push(row);
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

/** CSV with a header row → objects keyed by header names. */
export function parseCsvObjects(text: string): Record<string, string>[] {
  const rows = parseCsv(text);
  const header = rows[0]?.map((h) => h.trim()) ?? [];
  const out: Record<string, string>[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const o: Record<string, string> = {};
    for (let c = 0; c < header.length; c++) o[header[c]] = row[c] ?? '';
    out.push(o);
  }
  return out;
}

/** One XML element: name (namespace prefix removed), attributes, children and direct text. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decode XML character and entity references. */
export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return ENTITY[ref] ?? m;
  });
}

const localName = (qname: string): string => {
  const i = qname.indexOf(':');
  return i >= 0 ? qname.slice(i + 1) : qname;
};

/** Parse XML into an element tree. Throws on input that is not XML at all (no root element). */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>/g;
  const attrRe = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(xml)) !== null) {
    const top = stack[stack.length - 1];
    if (m.index > last) top.text += decodeXml(xml.slice(last, m.index));
    last = tag.lastIndex;
    if (m[5] !== undefined) {
      top.text += m[5];
      continue;
    }
    if (m[2] === undefined) continue; // comment, declaration
    const name = localName(m[2]);
    if (m[1] === '/') {
      // Close the nearest open element of that name (tolerates stray closers).
      for (let k = stack.length - 1; k > 0; k--) {
        if (stack[k].name === name) {
          stack.length = k;
          break;
        }
      }
      continue;
    }
    const attrs: Record<string, string> = {};
    if (m[3]) for (const a of m[3].matchAll(attrRe)) attrs[localName(a[1])] = decodeXml(a[2] ?? a[3] ?? '');
    const el: XmlElement = { name, attrs, children: [], text: '' };
    top.children.push(el);
    if (m[4] !== '/') stack.push(el);
  }
  const docRoot = root.children[0];
  if (!docRoot) throw new Error('not XML: no root element');
  return docRoot;
}

/** Direct children with a given name. */
export function kids(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** First direct child with a given name. */
export function kid(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Trimmed text of the first child with that name ('' if absent). */
export function kidText(el: XmlElement | undefined, name: string): string {
  return kid(el, name)?.text.trim() ?? '';
}

/** All descendants with a given name, depth first. */
export function descendants(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}

/** Dates as ISO `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) from `D.M.YYYY`, `DD/MM/YYYY` or ISO input. */
export function isoDate(s: string): string | undefined {
  const t = s.trim();
  let m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/.exec(t);
  if (m) return [m[1], m[2]?.padStart(2, '0'), m[3]?.padStart(2, '0')].filter(Boolean).join('-');
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
  if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  m = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$/.exec(t);
  if (m) {
    const mon = 'janfebmaraprmayjunjulaugsepoctnovdec'.indexOf(m[2].toLowerCase()) / 3 + 1;
    if (mon >= 1) return `${m[3]}-${String(mon).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  }
  m = /^(?:[a-z]+\s+)?(\d{4})$/i.exec(t);
  if (m) return m[1];
  return undefined;
}
