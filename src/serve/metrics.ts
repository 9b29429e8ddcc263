/**
 * Counters, gauges and latency histograms rendered in the Prometheus text exposition format
 * for GET /metrics.
 */

const BUCKETS_MS = [0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

interface Histogram { buckets: number[]; sum: number; count: number }

function labelKey(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  return keys.map((k) => `${k}="${labels[k].replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',');
}

/** A registry of named metrics with labels. */
export class Metrics {
  private readonly counters = new Map<string, Map<string, number>>();
  private readonly histograms = new Map<string, Map<string, Histogram>>();
  private readonly help = new Map<string, { help: string; type: string }>();
  private readonly gauges = new Map<string, () => number | Record<string, number>>();

  /** Add to a counter. */
  inc(name: string, by = 1, labels: Record<string, string> = {}): void {
    let m = this.counters.get(name);
    if (!m) this.counters.set(name, (m = new Map()));
    const k = labelKey(labels);
    m.set(k, (m.get(k) ?? 0) + by);
  }

  /** Record one latency observation in milliseconds. */
  observe(name: string, ms: number, labels: Record<string, string> = {}): void {
    let m = this.histograms.get(name);
    if (!m) this.histograms.set(name, (m = new Map()));
    const k = labelKey(labels);
    let h = m.get(k);
    if (!h) m.set(k, (h = { buckets: new Array<number>(BUCKETS_MS.length).fill(0), sum: 0, count: 0 }));
    for (let i = 0; i < BUCKETS_MS.length; i++) if (ms <= BUCKETS_MS[i]) h.buckets[i]++;
    h.sum += ms;
    h.count++;
  }

  /** A gauge read when scraped; a record gives one series per label value of `label`. */
  gauge(name: string, read: () => number | Record<string, number>): void {
    this.gauges.set(name, read);
  }

  /** Describe a metric (HELP and TYPE lines). */
  describe(name: string, type: 'counter' | 'gauge' | 'histogram', help: string): void {
    this.help.set(name, { help, type });
  }

  /** The Prometheus text format. */
  render(gaugeLabel: Record<string, string> = {}): string {
    const out: string[] = [];
    const head = (name: string, type: string): void => {
      const h = this.help.get(name);
      out.push(`# HELP ${name} ${h?.help ?? name}`, `# TYPE ${name} ${h?.type ?? type}`);
    };
    for (const [name, series] of this.counters) {
      head(name, 'counter');
      for (const [k, v] of series) out.push(`${name}${k ? `{${k}}` : ''} ${v}`);
    }
    for (const [name, read] of this.gauges) {
      head(name, 'gauge');
      const v = read();
      if (typeof v === 'number') out.push(`${name} ${v}`);
      else for (const [lv, n] of Object.entries(v)) out.push(`${name}{${labelKey({ [gaugeLabel[name] ?? 'name']: lv })}} ${n}`);
    }
    for (const [name, series] of this.histograms) {
      head(name, 'histogram');
      for (const [k, h] of series) {
        const pre = k ? `${k},` : '';
        BUCKETS_MS.forEach((b, i) => out.push(`${name}_bucket{${pre}le="${b / 1000}"} ${h.buckets[i]}`));
        out.push(`${name}_bucket{${pre}le="+Inf"} ${h.count}`);
        out.push(`${name}_sum${k ? `{${k}}` : ''} ${h.sum / 1000}`);
        out.push(`${name}_count${k ? `{${k}}` : ''} ${h.count}`);
      }
    }
    return out.join('\n') + '\n';
  }
}
