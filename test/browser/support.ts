/**
 * Browser-test support: a real `lookout serve` on loopback, Debian's Chromium through playwright-core
 * with the flags that make WebGL render headless (SwiftShader), and pixel checks on screenshots.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../support/paths.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(REPO_ROOT, 'artifacts');

/** Why browser tests cannot run here, or false. */
export const BROWSER_SKIP: string | false = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is absent (apt-get install chromium): browser tests skipped`
  : !existsSync(join(REPO_ROOT, 'dist', 'web', 'index.html'))
    ? 'dist/web is not built (node scripts/build-web.mjs): browser tests skipped'
    : false;

/** Chromium flags from ../shared/research/geo-ui.md §3.2. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

/** The software WebGL renderers Chromium can use here: SwiftShader (its own) or Mesa's llvmpipe through ANGLE's OpenGL ES backend. */
export type SoftwareGl = 'swiftshader' | 'llvmpipe';

/** Flags per renderer: llvmpipe needs ANGLE on EGL (the Vulkan, GL and plain EGL choices fell back to SwiftShader here). */
export const GL_ARGS: Record<SoftwareGl, string[]> = {
  swiftshader: ['--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  llvmpipe: ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist'],
};

/** Launch Debian's Chromium (never a downloaded browser); `LOOKOUT_BROWSER_GL=llvmpipe` picks Mesa's renderer. */
export async function launchBrowser(gl: SoftwareGl = process.env.LOOKOUT_BROWSER_GL === 'llvmpipe' ? 'llvmpipe' : 'swiftshader'): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const args = gl === 'swiftshader' ? CHROMIUM_ARGS : [...CHROMIUM_ARGS.filter((a) => !GL_ARGS.swiftshader.includes(a)), ...GL_ARGS[gl]];
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args });
}

export interface Server { url: string; proc: ChildProcess; stop(): Promise<void>; stderr(): string }

/** Spawn `lookout serve ARGS --port 0` with a temporary database; resolves when /readyz answers 200. */
export async function startServer(args: string[], timeoutMs = 30_000): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-web-'));
  const proc = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'lookout.js'), 'serve', '--host', '127.0.0.1', '--port', '0', '--db', join(dir, 'db.sqlite'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    proc.kill('SIGTERM');
    const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(t);
    rmSync(dir, { recursive: true, force: true });
  };
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`lookout serve did not start:\n${err}`)), timeoutMs);
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^(http:\/\/\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then(() => reject(new Error(`lookout serve exited:\n${err}`)));
  });
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ok) return { url, proc, stop, stderr: () => err };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error('lookout serve never became ready');
}

/** Save a screenshot of the page under artifacts/. */
export async function screenshot(page: Page, name: string): Promise<Buffer> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return page.screenshot({ path: join(ARTIFACTS, name) });
}

/** Run a function body in the page (a string, so this Node-side file needs no DOM types). */
export function inPage<T>(page: Page, body: string, arg?: unknown): Promise<T> {
  return page.evaluate<T>(`(async (arg) => { ${body} })(${JSON.stringify(arg ?? null)})`);
}

/** Wait until the map has stopped moving and has drawn everything it has loaded. */
export function settle(page: Page): Promise<void> {
  return inPage(page, `const m = window.__lookout.map;
    if (m.isMoving()) await new Promise((r) => m.once('moveend', r));
    await new Promise((r) => { m.once('idle', r); m.triggerRepaint(); });`);
}

/** Pixels that differ (sum of RGB differences ≥ 30) between two screenshots of the same size. */
export function pixelDiff(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return inPage<number>(page, `${DECODE}
    const [x, y] = await Promise.all([decode(arg.a), decode(arg.b)]);
    let n = 0;
    for (let i = 0; i < x.length; i += 4) if (Math.abs(x[i] - y[i]) + Math.abs(x[i + 1] - y[i + 1]) + Math.abs(x[i + 2] - y[i + 2]) >= 30) n++;
    return n;`, { a: a.toString('base64'), b: b.toString('base64') });
}

/** In-page function `decode(base64 PNG)` → RGBA bytes. */
const DECODE = `const decode = async (b64) => {
      const bmp = await createImageBitmap(await (await fetch('data:image/png;base64,' + b64)).blob());
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const g = c.getContext('2d');
      g.drawImage(bmp, 0, 0);
      return g.getImageData(0, 0, bmp.width, bmp.height).data;
    };`;

/**
 * Pixels map layers contribute: screenshot with the layers shown and hidden, then count pixels
 * that differ and (when colours are given) lie near one of them. A blank canvas gives 0.
 */
export async function layerPixels(page: Page, layers: string[], colors: string[] = []): Promise<number> {
  const toggle = `window.__lookout.paused = true; const m = window.__lookout.map; for (const id of arg.ids) m.setLayoutProperty(id, 'visibility', arg.v);
    await new Promise((r) => { m.once('idle', r); m.triggerRepaint(); });`;
  const shown = await page.screenshot();
  await inPage(page, toggle, { ids: layers, v: 'none' });
  const hidden = await page.screenshot();
  await inPage(page, toggle, { ids: layers, v: 'visible' });
  return inPage<number>(page, `${DECODE}
    const [x, y] = await Promise.all([decode(arg.a), decode(arg.b)]);
    const rgb = arg.colors.map((h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)]);
    let n = 0;
    for (let i = 0; i < x.length; i += 4) {
      if (Math.abs(x[i] - y[i]) + Math.abs(x[i + 1] - y[i + 1]) + Math.abs(x[i + 2] - y[i + 2]) < 30) continue;
      if (rgb.length && !rgb.some(([r, g, b]) => Math.abs(x[i] - r) + Math.abs(x[i + 1] - g) + Math.abs(x[i + 2] - b) < 60)) continue;
      n++;
    }
    return n;`, { a: shown.toString('base64'), b: hidden.toString('base64'), colors });
}
