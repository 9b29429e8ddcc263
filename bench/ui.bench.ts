/**
 * `npm run bench:ui`: the analyst map with 50,000 live vessels, in Debian's Chromium on software
 * WebGL (SwiftShader). A real `lookout serve` is fed 50,000 synthetic vessels (type 1 + type 5
 * sentences) through a tcp-listen source; then the page is loaded and measured:
 * - time from navigation to the first frame with the vessels drawn (baseline: the basemap's load);
 * - frame time while panning at zoom 2 with every vessel on screen (baseline: the same pan with
 *   the vessel layer hidden, in the same page);
 * - the page's JS heap.
 * Targets (issue 6): first frame < 2 s, pan ≥ 30 fps.
 */
import { connect, createServer } from 'node:net';
import { toSentences } from '../src/ais/sentence-encode.js';
import { BROWSER_SKIP, inPage, launchBrowser, startServer } from '../test/browser/support.js';

const N = Number(process.env.UI_BENCH_VESSELS ?? 50_000);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Deterministic pseudo-random numbers (so every run feeds the same fleet). */
function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const SHIP_TYPES = [70, 71, 80, 81, 60, 30, 31, 52, 37, 50, 40, 90];

/** The fed fleet as live-stream vessels (same positions and types as feed()). */
function syntheticFleet(): object[] {
  const r = rng(42);
  const out: object[] = [];
  const now = Date.now();
  for (let i = 0; i < N; i++) {
    const lat = -55 + r() * 120, lon = -180 + r() * 360;
    const course = Math.round(r() * 3599) / 10;
    const speed = Math.round(r() * 200) / 10;
    out.push({ mmsi: 200_000_000 + i * 7, lat: Number(lat.toFixed(5)), lon: Number(lon.toFixed(5)), time: now, speed, course, heading: Math.round(course) % 360, name: `BENCH ${i}`, ship_type: SHIP_TYPES[i % SHIP_TYPES.length], class: 'A', status: 0 });
  }
  return out;
}

async function feed(port: number): Promise<number> {
  const r = rng(42);
  const sock = connect(port, '127.0.0.1');
  await new Promise<void>((res, rej) => sock.once('connect', res).once('error', rej));
  let lines = 0;
  let buf = '';
  for (let i = 0; i < N; i++) {
    const mmsi = 200_000_000 + i * 7;
    const lat = -55 + r() * 120, lon = -180 + r() * 360;
    const course = Math.round(r() * 3599) / 10;
    const msgs = [
      { type: 5, repeat: 0, mmsi, shipname: `BENCH ${i}`, callsign: `B${i % 100000}`, imo: 0, ship_type: SHIP_TYPES[i % SHIP_TYPES.length], to_bow: 50, to_stern: 50, to_port: 10, to_starboard: 10, draught: 8, destination: 'NOWHERE', ais_version: 0, epfd: 1, month: 1, day: 1, hour: 0, minute: 0, dte: false },
      { type: 1, repeat: 0, mmsi, status: 0, turn: 0, speed: Math.round(r() * 200) / 10, accuracy: false, lon: Number(lon.toFixed(5)), lat: Number(lat.toFixed(5)), course, heading: Math.round(course) % 360, second: 10, maneuver: 0, raim: false, radio: 0 },
    ];
    for (const m of msgs) for (const s of toSentences(m)) {
      buf += `${s}\n`;
      lines++;
    }
    if (buf.length > 256 * 1024) {
      if (!sock.write(buf)) await new Promise((res) => sock.once('drain', res));
      buf = '';
    }
  }
  sock.end(buf);
  return lines;
}

async function main(): Promise<void> {
  if (BROWSER_SKIP) {
    process.stdout.write(`bench:ui skipped: ${BROWSER_SKIP}\n`);
    return;
  }
  const port = await freePort();
  const server = await startServer(['--source', `feed=tcp-listen://127.0.0.1:${port}`, '--thin-seconds', '0'], 60_000);
  const browser = await launchBrowser();
  try {
    const t0 = Date.now();
    const lines = await feed(port);
    let live = 0;
    let stable = 0;
    while (Date.now() - t0 < 90_000) {
      if (server.proc.exitCode !== null) throw new Error(`lookout serve exited:\n${server.stderr().slice(-2000)}`);
      // A busy server (ingesting the burst) may reset a poll: try again.
      const st = await fetch(`${server.url}/api/status`).then((r) => r.json() as Promise<{ live_vessels: number }>, () => undefined);
      if (st && st.live_vessels === live && live > 0) stable++;
      else stable = 0;
      if (st) live = st.live_vessels;
      // Done when all arrived, or when the count has stopped growing for 10 s (the rest was refused by the server).
      if (live >= N || stable >= 20) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    process.stdout.write(`fed ${N} vessels (${lines} sentences); server has ${live} live vessels (the picture the page loads) after ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // If the server did not take the whole fleet in (its ingest refused or is slow), the page's stream is
    // replaced by the same fleet as one synthetic snapshot, so the UI is still measured with N vessels.
    const synthetic = live < N * 0.9;
    if (synthetic) {
      const fleet = syntheticFleet();
      await page.routeWebSocket(/\/api\/live/, (ws) => {
        ws.send(JSON.stringify({ type: 'hello', cursor: 0, vessels: fleet.length }));
        ws.send(JSON.stringify({ type: 'snapshot', cursor: 0, vessels: fleet }));
        ws.onMessage(() => undefined);
      });
      live = fleet.length;
    }
    process.stdout.write(`stream: ${synthetic ? `synthetic snapshot of ${live} vessels (routed WebSocket; the server held too few)` : `the server's /api/live with ${live} vessels`}\n`);
    page.setDefaultTimeout(180_000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const runs: { first: number; load: number }[] = [];
    for (let run = 0; run < 2; run++) {
      // Run 0 warms the HTTP cache and the browser's code caches; run 1 is reported.
      // A different query string forces a full navigation (the SPA fallback serves the same page).
      await page.goto(`${server.url}/?run=${run}#map=2.00/20.0000/0.0000`);
      await page.waitForFunction(`window.__lookout && window.__lookout.ready && window.__lookout.vesselsDrawn >= ${Math.floor(live * 0.95)}`, undefined, { timeout: 180_000 });
      runs.push(await inPage<{ first: number; load: number }>(page, `
        const l = window.__lookout; const m = l.map;
        if (!m.loaded()) await new Promise((r) => m.once('load', r));
        return { first: l.firstVesselFrameMs, load: window.__mapLoadMs ?? performance.getEntriesByType('navigation')[0].duration };`));
    }
    const { first } = runs[1];
    const basemap = await inPage<number>(page, `return window.__lookout.basemapReadyMs ?? -1;`);
    await inPage(page, 'window.__lookout.paused = true;');
    const pan = (hidden: boolean): Promise<{ frames: number; meanMs: number; p95Ms: number; fps: number }> => inPage(page, `
      const m = window.__lookout.map;
      for (const id of ['vessels-dots', 'vessels']) m.setLayoutProperty(id, 'visibility', arg.hidden ? 'none' : 'visible');
      await new Promise((r) => { m.once('idle', r); m.triggerRepaint(); });
      const times = [];
      const onRender = () => times.push(performance.now());
      m.on('render', onRender);
      const start = performance.now();
      await new Promise((done) => {
        const step = () => {
          m.panBy([6, 2], { duration: 0 });
          if (performance.now() - start < 3000) requestAnimationFrame(step); else done();
        };
        requestAnimationFrame(step);
      });
      m.off('render', onRender);
      m.jumpTo({ center: [0, 20] });
      const d = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
      const mean = d.reduce((a, b) => a + b, 0) / Math.max(1, d.length);
      return { frames: times.length, meanMs: mean, p95Ms: d[Math.floor(d.length * 0.95)] ?? 0, fps: 1000 / mean };`, { hidden });
    await pan(false); // warm-up
    const withVessels = await pan(false);
    const baseline = await pan(true);
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const heap = metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0;
    const renderer = await inPage<string>(page, `const gl = window.__lookout.map.painter?.context?.gl; const e = gl && gl.getExtension('WEBGL_debug_renderer_info'); return e ? gl.getParameter(e.UNMASKED_RENDERER_WEBGL) : 'unknown';`);
    const drawn = await inPage<number>(page, 'return window.__lookout.vesselsDrawn;');
    const f = (x: number): string => x.toFixed(1);
    process.stdout.write([
      `renderer: ${renderer}`,
      `first frame with ${drawn} vessels: ${f(first)} ms after navigation (target < 2000 ms); basemap ready: ${basemap >= 0 ? `${f(basemap)} ms` : 'n/a'}; cold run: ${f(runs[0].first)} ms`,
      `pan with vessels:    ${withVessels.frames} frames in 3 s, mean ${f(withVessels.meanMs)} ms, p95 ${f(withVessels.p95Ms)} ms, ${f(withVessels.fps)} fps (target ≥ 30)`,
      `pan basemap only:    ${baseline.frames} frames in 3 s, mean ${f(baseline.meanMs)} ms, p95 ${f(baseline.p95Ms)} ms, ${f(baseline.fps)} fps (baseline)`,
      `ratio: vessel frame time / basemap frame time = ${(withVessels.meanMs / baseline.meanMs).toFixed(2)}×`,
      `page JS heap: ${(heap / 2 ** 20).toFixed(1)} MiB`,
      `checksum: vessels drawn ${drawn}`,
      '',
    ].join('\n'));
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
