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
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { toSentences } from '../src/ais/sentence-encode.js';
import { BROWSER_SKIP, inPage, launchBrowser, startServer } from '../test/browser/support.js';
import type { SoftwareGl } from '../test/browser/support.js';
import { columnarSnapshot } from '../src/serve/live-stream.js';
import type { VesselRecord } from '../src/store/store.js';

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

const PAN_MS = 3000;
/**
 * The fast pan: a quick drag (px per frame) at zoom 3. The vessels' cached picture has a margin of
 * half the viewport (640 × 400 px here): at zoom 2 it holds the whole world (2,048 px wide), so no
 * pan there ever redraws it; at zoom 3 this pan leaves it every dozen frames and pays the redraw.
 */
const FAST_STEP = [48, 16];
const FAST_ZOOM = 3;
/** Another build of the web UI to measure in the same run as a baseline (a dist/web folder). */
const BASELINE_WEB = process.env.UI_BENCH_BASELINE_WEB;
const tStart = Date.now();
const log = (msg: string): void => void process.stderr.write(`[bench:ui ${((Date.now() - tStart) / 1000).toFixed(0)} s] ${msg}\n`);

/**
 * CPU time (user + system, ms) of this process's descendant browser processes, by Chromium process
 * type, from /proc: frame costs that do not depend on how much of the machine the page got
 * (SwiftShader rasterises in the GPU process, MapLibre runs in the renderer). Empty off Linux.
 */
function browserCpu(): Record<string, number> {
  const out: Record<string, number> = {};
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  const procs = new Map<number, { ppid: number; cpu: number; type: string }>();
  for (const d of entries) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? (cmd.includes('chromium') ? 'browser' : 'other');
      procs.set(Number(d), { ppid: Number(f[1]), cpu: ((Number(f[11]) + Number(f[12])) * 1000) / 100, type });
    } catch {
      // the process ended while we read
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = procs.get(pid), n = 0; p && n < 20; p = procs.get(p.ppid), n++) if (p.ppid === process.pid) return true;
    return false;
  };
  for (const [pid, p] of procs) {
    if (p.type === 'other' || !mine(pid)) continue;
    const key = p.type === 'gpu-process' ? 'gpu' : p.type === 'renderer' ? 'renderer' : 'other';
    out[key] = (out[key] ?? 0) + p.cpu;
    out.total = (out.total ?? 0) + p.cpu;
  }
  return out;
}

interface Pan { frames: number; meanMs: number; p95Ms: number; fps: number; cpuMsPerFrame: number; gpuMsPerFrame: number; rendererMsPerFrame: number; cacheDraws: number }
interface UiResult { first: number; vesselsSet: number; snapshot: number; snapshotStats?: { chars: number; receivedMs: number; parseMs: number }; cold: number; objects: { first: number; stats?: { chars: number; receivedMs: number; parseMs: number } }; basemap: number; vessels: Pan; vesselsDirect: Pan; vesselsFast: Pan; vesselsFastDirect: Pan; basemapOnly: Pan; empty: Pan; heap: number; heapTotal: number; drawn: number; renderer: string }

/** In-page wait for the map to be idle, bounded (a busy map may never go idle). */
const IDLE = `await Promise.race([new Promise((r) => { m.once('idle', r); m.triggerRepaint(); }), new Promise((r) => setTimeout(r, 20000))]);`;

/** Load the page twice (the second, warm run is reported) and measure the first frame, the pans and the heap. */
async function measureUi(browser: Browser, url: string, live: number, synthetic: boolean): Promise<UiResult> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    if (synthetic) {
      const fleet = syntheticFleet();
      const records = (fleet as { time: number }[]).map(({ time, ...v }) => ({ ...v, fix_time: time, first_seen: time, last_seen: time, fixes: 1 }) as VesselRecord);
      await page.routeWebSocket(/\/api\/live/, (ws) => {
        ws.send(JSON.stringify({ type: 'hello', cursor: 0, vessels: fleet.length }));
        // The form the page asks for, as the server would answer it (docs/api.md).
        if (/[?&]format=columns/.test(ws.url())) ws.send(columnarSnapshot(records, undefined, 0));
        else ws.send(JSON.stringify({ type: 'snapshot', cursor: 0, vessels: fleet }));
        ws.onMessage(() => undefined);
      });
    }
    page.setDefaultTimeout(180_000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const runs: { first: number; set: number; snapshot: number; stats?: { chars: number; receivedMs: number; parseMs: number } }[] = [];
    for (let run = 0; run < 3; run++) {
      // Run 0 warms the HTTP cache and the browser's code caches; run 1 is reported; run 2 is the same
      // warm load with the live stream's object snapshot (`?live=objects`, the form before the columnar one).
      // A different query string forces a full navigation (the SPA fallback serves the same page).
      log(`${url}: load ${['cold', 'warm', 'warm, object snapshot'][run]}`);
      await page.goto(`${url}/?run=${run}${run === 2 ? '&live=objects' : ''}#map=2.00/20.0000/0.0000`);
      await page.waitForFunction(`window.__lookout && window.__lookout.ready && window.__lookout.vesselsDrawn >= ${Math.floor(live * 0.95)}`, undefined, { timeout: 180_000 });
      runs.push(await inPage(page, 'const l = window.__lookout; return { first: l.firstVesselFrameMs, set: l.vesselsSetMs ?? -1, snapshot: l.snapshotMs ?? -1, stats: l.live.snapshotStats };'));
    }
    const basemap = await inPage<number>(page, `const m = window.__lookout.map;
      if (!m.loaded()) await Promise.race([new Promise((r) => m.once('load', r)), new Promise((r) => setTimeout(r, 60000))]);
      return window.__lookout.basemapReadyMs ?? -1;`);
    // The layers as the page shows them (overlays without data are hidden: src/web/map.ts); each pan
    // hides some of these and shows the others as they were.
    await inPage(page, `window.__lookout.paused = true; const m = window.__lookout.map;
      window.__benchVisible = m.getLayersOrder().filter((id) => m.getLayoutProperty(id, 'visibility') !== 'none');`);
    const pan = async (mode: 'vessels' | 'vessels-direct' | 'vessels-fast' | 'vessels-fast-direct' | 'basemap' | 'empty'): Promise<Pan> => {
      const fast = mode.startsWith('vessels-fast');
      log(`${url}: pan (${mode})`);
      await inPage(page, `
      const m = window.__lookout.map;
      const vesselLayers = window.__lookout.vesselLayers ?? ['vessels-dots', 'vessels'];
      const vessels = arg.mode.startsWith('vessels');
      for (const id of m.getLayersOrder()) {
        // 'sea': a background layer in builds before the sea became the container's colour.
        const show = id === 'sea' || (window.__benchVisible.includes(id) && (vesselLayers.includes(id) ? vessels : arg.mode !== 'empty'));
        m.setLayoutProperty(id, 'visibility', show ? 'visible' : 'none');
      }
      // The vessels' cached picture (src/web/vessel-layer.ts) off for the direct row, on otherwise.
      if (window.__lookout.vesselLayer) window.__lookout.vesselLayer.cacheEnabled = !arg.mode.endsWith('-direct');
      m.jumpTo({ center: [0, 20], zoom: arg.fast ? ${FAST_ZOOM} : 2 });
      ${IDLE}`, { mode, fast });
      const step = fast ? FAST_STEP : [6, 2];
      const cacheDraws0 = await inPage<number>(page, 'return window.__lookout.vesselLayer?.cacheDraws ?? 0;');
      const c0 = browserCpu();
      const r = await inPage<{ frames: number; meanMs: number; p95Ms: number; fps: number; cacheDraws: number }>(page, `
      const m = window.__lookout.map;
      const times = [];
      const onRender = () => times.push(performance.now());
      m.on('render', onRender);
      const start = performance.now();
      await new Promise((done) => {
        let n = 0;
        const step = () => {
          // The fast pan turns back every 20 frames (≈ 1,000 px) so it stays over the world.
          const k = ${fast ? 'Math.floor(n++ / 20) % 2 ? -1 : 1' : '1'};
          m.panBy([${step[0]} * k, ${step[1]} * k], { duration: 0 });
          if (performance.now() - start < ${PAN_MS}) requestAnimationFrame(step); else done();
        };
        requestAnimationFrame(step);
      });
      m.off('render', onRender);
      const d = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
      const mean = d.reduce((a, b) => a + b, 0) / Math.max(1, d.length);
      return { frames: times.length, meanMs: mean, p95Ms: d[Math.floor(d.length * 0.95)] ?? 0, fps: 1000 / mean, cacheDraws: 0 };`);
      const c1 = browserCpu();
      const cacheDraws = await inPage<number>(page, 'return window.__lookout.vesselLayer?.cacheDraws ?? 0;');
      r.cacheDraws = cacheDraws - cacheDraws0;
      await inPage(page, `const m = window.__lookout.map; m.jumpTo({ center: [0, 20], zoom: 2 }); ${IDLE}`);
      const per = (k: string): number => ((c1[k] ?? 0) - (c0[k] ?? 0)) / Math.max(1, r.frames);
      return { ...r, cpuMsPerFrame: per('total'), gpuMsPerFrame: per('gpu'), rendererMsPerFrame: per('renderer') };
    };
    await pan('vessels'); // warm-up
    const vessels = await pan('vessels');
    const vesselsDirect = await pan('vessels-direct');
    const vesselsFast = await pan('vessels-fast');
    const vesselsFastDirect = await pan('vessels-fast-direct');
    const basemapOnly = await pan('basemap');
    const empty = await pan('empty');
    await inPage(page, `const m = window.__lookout.map; for (const id of m.getLayersOrder()) m.setLayoutProperty(id, 'visibility', window.__benchVisible.includes(id) ? 'visible' : 'none');`);
    await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const heap = metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0;
    const heapTotal = metrics.find((x) => x.name === 'JSHeapTotalSize')?.value ?? 0;
    const renderer = await inPage<string>(page, `const gl = window.__lookout.map.painter?.context?.gl; const e = gl && gl.getExtension('WEBGL_debug_renderer_info'); return e ? gl.getParameter(e.UNMASKED_RENDERER_WEBGL) : 'unknown';`);
    const drawn = await inPage<number>(page, 'return window.__lookout.vesselsDrawn;');
    return { first: runs[1].first, vesselsSet: runs[1].set, snapshot: runs[1].snapshot, snapshotStats: runs[1].stats, cold: runs[0].first, objects: { first: runs[2].first, stats: runs[2].stats }, basemap, vessels, vesselsDirect, vesselsFast, vesselsFastDirect, basemapOnly, empty, heap, heapTotal, drawn, renderer };
  } finally {
    await page.close();
  }
}

/**
 * The renderer's floor without MapLibre: a bare WebGL2 canvas of the page's size that only clears
 * and draws one full-screen triangle per animation frame, at two sizes (fill rate vs fixed cost).
 */
async function bareWebGl(browser: Browser, width: number, height: number, depthStencil = false): Promise<{ fps: number; cpuMsPerFrame: number; gpuMsPerFrame: number }> {
  const page = await browser.newPage({ viewport: { width, height } });
  try {
    await page.setContent(`<canvas id="c" width="${width}" height="${height}" style="position:fixed;inset:0"></canvas>`);
    await inPage(page, `window.gl = document.getElementById('c').getContext('webgl2', { antialias: false, preserveDrawingBuffer: false, depth: ${depthStencil}, stencil: ${depthStencil} });
      const gl = window.gl;
      const sh = (t, src) => { const s = gl.createShader(t); gl.shaderSource(s, src); gl.compileShader(s); return s; };
      const p = gl.createProgram();
      gl.attachShader(p, sh(gl.VERTEX_SHADER, '#version 300 es\\nvoid main(){ vec2 v = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2)); gl_Position = vec4(v * 2.0 - 1.0, 0.0, 1.0); }'));
      gl.attachShader(p, sh(gl.FRAGMENT_SHADER, '#version 300 es\\nprecision mediump float; out vec4 o; void main(){ o = vec4(0.8, 0.87, 0.94, 1.0); }'));
      gl.linkProgram(p); gl.useProgram(p); window.prog = p;`);
    const frames = (): Promise<{ frames: number; meanMs: number }> => inPage(page, `const gl = window.gl; const times = []; const start = performance.now();
      await new Promise((done) => { const step = (t) => { gl.clearColor(0, 0, 0, 1); gl.clear(gl.COLOR_BUFFER_BIT${depthStencil ? ' | gl.DEPTH_BUFFER_BIT | gl.STENCIL_BUFFER_BIT' : ''}); gl.drawArrays(gl.TRIANGLES, 0, 3); times.push(t);
        if (performance.now() - start < ${PAN_MS}) requestAnimationFrame(step); else done(); }; requestAnimationFrame(step); });
      const d = times.slice(1).map((t, i) => t - times[i]); return { frames: times.length, meanMs: d.reduce((a, b) => a + b, 0) / Math.max(1, d.length) };`);
    await frames();
    const c0 = browserCpu();
    const r = await frames();
    const c1 = browserCpu();
    return { fps: 1000 / r.meanMs, cpuMsPerFrame: ((c1.total ?? 0) - (c0.total ?? 0)) / r.frames, gpuMsPerFrame: ((c1.gpu ?? 0) - (c0.gpu ?? 0)) / r.frames };
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  if (BROWSER_SKIP) {
    process.stdout.write(`bench:ui skipped: ${BROWSER_SKIP}\n`);
    return;
  }
  const port = await freePort();
  const server = await startServer(['--source', `feed=tcp-listen://127.0.0.1:${port}`, '--thin-seconds', '0'], 60_000);
  // Each renderer gets its own browser; the first one's is the main row (UI_BENCH_RENDERERS=swiftshader,llvmpipe).
  const renderers = (process.env.UI_BENCH_RENDERERS ?? 'swiftshader,llvmpipe').split(',').filter((x): x is SoftwareGl => x === 'swiftshader' || x === 'llvmpipe');
  if (renderers.length === 0) renderers.push('swiftshader');
  let browser = await launchBrowser(renderers[0]);
  try {
    const t0 = Date.now();
    const lines = await feed(port);
    let live = 0;
    let stable = 0;
    while (Date.now() - t0 < 90_000) {
      if (server.proc.exitCode !== null) throw new Error(`lookout serve exited:\n${server.stderr().slice(-2000)}`);
      // A busy server (ingesting the burst) may reset a poll: try again.
      const st = await fetch(`${server.url}/api/status`).then((r) => r.json() as Promise<{ live_vessels: number }>, () => undefined);
      if (st && st.live_vessels === live) stable++;
      else stable = 0;
      if (st) live = st.live_vessels;
      // Done when all arrived, or when the count has stopped growing for 10 s (the rest was refused by the server).
      if (live >= N || stable >= 20) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    log('fed');
    process.stdout.write(`fed ${N} vessels (${lines} sentences); server has ${live} live vessels (the picture the page loads) after ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

    // If the server did not take the whole fleet in (its ingest refused or is slow), the page's stream is
    // replaced by the same fleet as one synthetic snapshot, so the UI is still measured with N vessels.
    const synthetic = live < N * 0.9;
    if (synthetic) live = N;
    process.stdout.write(`stream: ${synthetic ? `synthetic snapshot of ${live} vessels (routed WebSocket; the server held too few)` : `the server's /api/live with ${live} vessels`}\n`);
    log('bare WebGL canvas');
    const bare = [await bareWebGl(browser, 1280, 800), await bareWebGl(browser, 640, 400), await bareWebGl(browser, 1280, 800, true)];
    const results: [string, UiResult][] = [[`this UI (vector tiles, WebGL vessel layer), ${renderers[0]}`, await measureUi(browser, server.url, live, synthetic)]];
    const otherBare: [SoftwareGl, Awaited<ReturnType<typeof bareWebGl>>][] = [];
    for (const gl of renderers.slice(1)) {
      await browser.close();
      log(`renderer ${gl}`);
      browser = await launchBrowser(gl);
      otherBare.push([gl, await bareWebGl(browser, 1280, 800)]);
      results.push([`this UI, ${gl}`, await measureUi(browser, server.url, live, synthetic)]);
    }
    if (BASELINE_WEB) {
      // The same fleet and machine, another build of the UI (e.g. the GeoJSON basemap it replaced).
      const base = await startServer(['--web', BASELINE_WEB], 60_000);
      try {
        results.push([`baseline UI from ${BASELINE_WEB}`, await measureUi(browser, base.url, N, true)]);
      } finally {
        await base.stop();
      }
    }
    const f = (x: number): string => x.toFixed(1);
    const out = [
      `renderer floor, a bare WebGL2 canvas that clears and fills itself each frame (no MapLibre): 1280×800 ${f(bare[0].fps)} fps, CPU ${f(bare[0].cpuMsPerFrame)} ms per frame (GPU process ${f(bare[0].gpuMsPerFrame)}); 640×400 ${f(bare[1].fps)} fps, CPU ${f(bare[1].cpuMsPerFrame)} ms (GPU ${f(bare[1].gpuMsPerFrame)}); 1280×800 with depth and stencil buffers cleared too ${f(bare[2].fps)} fps, CPU ${f(bare[2].cpuMsPerFrame)} ms (GPU ${f(bare[2].gpuMsPerFrame)})`,...otherBare.map(([gl, b]) => `renderer floor with ${gl}: 1280×800 ${f(b.fps)} fps, CPU ${f(b.cpuMsPerFrame)} ms per frame (GPU process ${f(b.gpuMsPerFrame)}); vs ${renderers[0]} ${(bare[0].gpuMsPerFrame / Math.max(0.01, b.gpuMsPerFrame)).toFixed(2)}× less GPU-process CPU`),
      ...results.map(([label, r]) => `renderer of ${label}: ${r.renderer}`), `machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (at the end)`];
    for (const [label, r] of results) {
      out.push(
        `${label}:`,
        `  first frame with ${r.drawn} vessels: ${f(r.first)} ms after navigation (target < 2000 ms); snapshot parsed: ${r.snapshot >= 0 ? `${f(r.snapshot)} ms` : 'n/a'}; vessels in the layer: ${r.vesselsSet >= 0 ? `${f(r.vesselsSet)} ms` : 'n/a'}; basemap loaded: ${r.basemap >= 0 ? `${f(r.basemap)} ms` : 'n/a'}; cold run: ${f(r.cold)} ms`,
        ...(r.snapshotStats ? [`  snapshot (columnar): ${(r.snapshotStats.chars / 2 ** 20).toFixed(1)} MiB of JSON, received ${f(r.snapshotStats.receivedMs)} ms after navigation, parsed and checked in ${f(r.snapshotStats.parseMs)} ms`] : []),
        `  first frame with the object snapshot (?live=objects, the form before): ${f(r.objects.first)} ms` +
          (r.objects.stats ? `; ${(r.objects.stats.chars / 2 ** 20).toFixed(1)} MiB, received ${f(r.objects.stats.receivedMs)} ms, parsed in ${f(r.objects.stats.parseMs)} ms` : '') +
          ` → columnar first frame ${(r.objects.first / r.first).toFixed(2)}× faster` +
          (r.objects.stats && r.snapshotStats ? `, ${(r.snapshotStats.chars / r.objects.stats.chars).toFixed(2)}× the bytes, ${(r.snapshotStats.parseMs / Math.max(0.1, r.objects.stats.parseMs)).toFixed(2)}× the parse time` : ''),
        `  pan with vessels:    ${r.vessels.frames} frames in ${PAN_MS / 1000} s, mean ${f(r.vessels.meanMs)} ms, p95 ${f(r.vessels.p95Ms)} ms, ${f(r.vessels.fps)} fps (target ≥ 30; cached picture redrawn ${r.vessels.cacheDraws} times)`,
        `  pan with vessels drawn directly every frame (no cached picture; the same page): ${r.vesselsDirect.frames} frames, mean ${f(r.vesselsDirect.meanMs)} ms, p95 ${f(r.vesselsDirect.p95Ms)} ms, ${f(r.vesselsDirect.fps)} fps; GPU process ${f(r.vesselsDirect.gpuMsPerFrame)} ms per frame`,
        `  fast pan with vessels at zoom ${FAST_ZOOM} (${FAST_STEP.join('×')} px per frame, the cached picture redrawn ${r.vesselsFast.cacheDraws} times): ${r.vesselsFast.frames} frames, mean ${f(r.vesselsFast.meanMs)} ms, p95 ${f(r.vesselsFast.p95Ms)} ms, ${f(r.vesselsFast.fps)} fps; GPU process ${f(r.vesselsFast.gpuMsPerFrame)} ms per frame; drawn directly: ${r.vesselsFastDirect.frames} frames, mean ${f(r.vesselsFastDirect.meanMs)} ms, p95 ${f(r.vesselsFastDirect.p95Ms)} ms, ${f(r.vesselsFastDirect.fps)} fps; GPU process ${f(r.vesselsFastDirect.gpuMsPerFrame)} ms per frame`,
        `  pan basemap only:    ${r.basemapOnly.frames} frames, mean ${f(r.basemapOnly.meanMs)} ms, p95 ${f(r.basemapOnly.p95Ms)} ms, ${f(r.basemapOnly.fps)} fps (vessel layer hidden)`,
        `  pan empty map:       ${r.empty.frames} frames, mean ${f(r.empty.meanMs)} ms, p95 ${f(r.empty.p95Ms)} ms, ${f(r.empty.fps)} fps (every layer hidden; the sea is the container's background: the renderer's floor)`,
        `  CPU per frame (all browser processes; GPU process = the software rasteriser, renderer = MapLibre): with vessels ${f(r.vessels.cpuMsPerFrame)} ms (GPU ${f(r.vessels.gpuMsPerFrame)}, renderer ${f(r.vessels.rendererMsPerFrame)}) → ${f(1000 / Math.max(r.vessels.gpuMsPerFrame, r.vessels.rendererMsPerFrame))} fps if each process had a core; basemap only ${f(r.basemapOnly.cpuMsPerFrame)} ms (GPU ${f(r.basemapOnly.gpuMsPerFrame)}); empty ${f(r.empty.cpuMsPerFrame)} ms (GPU ${f(r.empty.gpuMsPerFrame)})`,
        `  frame time ratios: vessels / basemap = ${(r.vessels.meanMs / r.basemapOnly.meanMs).toFixed(2)}×, basemap / empty = ${(r.basemapOnly.meanMs / r.empty.meanMs).toFixed(2)}×`,
        `  page JS heap: ${(r.heap / 2 ** 20).toFixed(1)} MiB used of ${(r.heapTotal / 2 ** 20).toFixed(1)} MiB`,
        `  checksum: vessels drawn ${r.drawn}`,
      );
    }
    for (let i = 1; i <= otherBare.length; i++) {
      const [a, b] = [results[0][1], results[i][1]];
      out.push(`${otherBare[i - 1][0]} vs ${renderers[0]}: pan with vessels ${(b.vessels.fps / a.vessels.fps).toFixed(2)}× the fps, GPU-process CPU per frame with vessels ${(b.vessels.gpuMsPerFrame / a.vessels.gpuMsPerFrame).toFixed(2)}×, basemap only ${(b.basemapOnly.gpuMsPerFrame / a.basemapOnly.gpuMsPerFrame).toFixed(2)}×, empty map ${(b.empty.gpuMsPerFrame / a.empty.gpuMsPerFrame).toFixed(2)}×`);
    }
    if (BASELINE_WEB) {
      const [a, b] = [results[renderers.length - 1][1], results[results.length - 1][1]];
      out.push(`this UI vs baseline: first frame ${(b.first / a.first).toFixed(1)}× faster, pan with vessels ${(a.vessels.fps / b.vessels.fps).toFixed(1)}× the fps, JS heap ${(a.heap / b.heap).toFixed(2)}×`);
    }
    out.push(`bench:ui took ${((Date.now() - tStart) / 1000).toFixed(0)} s`, '');
    process.stdout.write(out.join('\n'));
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
