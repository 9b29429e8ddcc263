/**
 * The analyst's map in a real browser (Debian Chromium, SwiftShader WebGL) against a real
 * `lookout serve --demo` on loopback. Screenshots go to artifacts/ (look at them).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BROWSER_SKIP, inPage, launchBrowser, layerPixels, pixelDiff, screenshot, settle, startServer } from './support.js';
import type { Server } from './support.js';

const VESSEL_COLORS = ['#2f9e44', '#e03131', '#1c7ed6', '#f08c00', '#9c36b5', '#0ca678', '#e8590c', '#d6336c', '#495057', '#7048e8'];

describe('the analyst map', { skip: BROWSER_SKIP, timeout: 240_000 }, () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  const external: string[] = [];
  const errors: string[] = [];

  before(async () => {
    [server, browser] = await Promise.all([startServer(['--demo', '--demo-speed', '600']), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(60_000);
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:')) external.push(u);
    });
    page.on('pageerror', (e) => errors.push(e.message));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws the live vessels on the offline basemap, with nothing fetched from outside', async () => {
    await page.goto(`${server.url}/#map=4.00/35.0000/127.0000`);
    await page.waitForFunction('window.__lookout && window.__lookout.ready', undefined, { timeout: 90_000 });
    const drawn = await inPage<number>(page, 'return window.__lookout.vesselsDrawn;');
    assert.ok(drawn > 10, `vessels in the source: ${drawn}`);
    await inPage(page, 'window.__lookout.paused = true;');
    await settle(page);
    await screenshot(page, 'map.png');
    const px = await layerPixels(page, await inPage<string[]>(page, 'return window.__lookout.vesselLayers;'), VESSEL_COLORS);
    assert.ok(px > 100, `vessel-coloured pixels on the map: ${px}`);
    // While the map pans, the vessels are copied from a cached picture (src/web/vessel-layer.ts): after a
    // pan, the screen must be the one the vessels drawn directly give (but for sprite edges rounded to
    // whole pixels).
    const frames0 = await inPage<number>(page, 'return window.__lookout.vesselLayer.cacheFrames;');
    await inPage(page, `const m = window.__lookout.map;
      for (let i = 0; i < 12; i++) { m.panBy([23, 9], { duration: 0 }); await new Promise((r) => requestAnimationFrame(r)); }`);
    await settle(page);
    // The map's canvas only: the header's event counter moves on with the demo's stream.
    const canvas = page.locator('#map canvas.maplibregl-canvas');
    const cached = await canvas.screenshot();
    const frames = await inPage<number>(page, 'return window.__lookout.vesselLayer.cacheFrames;') - frames0;
    await inPage(page, 'window.__lookout.vesselLayer.cacheEnabled = false;');
    await settle(page);
    const direct = await canvas.screenshot();
    await inPage(page, 'window.__lookout.vesselLayer.cacheEnabled = true;');
    assert.ok(frames >= 1, `frames of the pan that copied the cached picture: ${frames}`);
    const diff = await pixelDiff(page, cached, direct);
    assert.ok(diff < 40, `pixels that differ between the cached and the direct picture after a pan: ${diff} (${frames} frames from the cache)`);
    // Hover a drawn vessel for its label, click it for its dossier (picked from the vessel layer's own index).
    const target = await inPage<{ x: number; y: number; mmsi: number } | null>(page, `const l = window.__lookout; const m = l.map; const b = m.getBounds(); const R = m.getCanvas().getBoundingClientRect();
      for (const v of l.drawnVessels()) { if (!b.contains([v.lon, v.lat])) continue; const p = m.project([v.lon, v.lat]);
        if (p.x > 100 && p.x < 800 && p.y > 100 && p.y < 650) return { x: p.x + R.left, y: p.y + R.top, mmsi: v.mmsi }; }
      return null;`);
    assert.ok(target, 'a vessel inside the view');
    await page.mouse.move(target.x + 1, target.y + 1);
    await page.waitForFunction(`!document.getElementById('tooltip').hidden && document.getElementById('tooltip').textContent.includes('MMSI ${target.mmsi}')`);
    await page.mouse.click(target.x + 1, target.y + 1);
    await page.waitForFunction(`location.hash.includes('vessel=${target.mmsi}')`);
    await page.click('#panel-close');
    const land = await layerPixels(page, ['land']);
    assert.ok(land > 10_000, `land pixels: ${land}`);
    assert.deepEqual(external, []);
    assert.deepEqual(errors, []);
  });

  it('searches a vessel by name, opens its dossier and plays its track', async () => {
    // Every vessel, not the 200 heard last: the demo's replays of real logs (few named vessels, few
    // fixes each yet) can fill those before the simulated scenario's named vessels come round.
    const list = (await (await fetch(`${server.url}/api/vessels?limit=100000`)).json()) as { mmsi: number; name?: string; fixes?: number }[];
    const target = list.filter((v) => v.name && (v.fixes ?? 0) > 5).sort((a, b) => (b.fixes ?? 0) - (a.fixes ?? 0))[0];
    assert.ok(target, 'the demo has a named vessel with a track');
    await page.click('#search');
    await page.fill('#search', target.name!);
    await page.waitForSelector('#search-results li[data-mmsi]');
    await page.press('#search', 'Enter');
    await page.waitForFunction(`document.getElementById('dossier-title')?.textContent === ${JSON.stringify(target.name)}`);
    assert.match(page.url(), new RegExp(`vessel=${target.mmsi}`));
    await page.waitForSelector('#play');
    await settle(page);
    await page.click('#play');
    await page.waitForFunction('window.__lookout.playing === true');
    const before = await page.inputValue('#slider');
    await page.waitForFunction(`document.getElementById('slider').value !== ${JSON.stringify(before)}`);
    await page.click('#play');
    await settle(page);
    await screenshot(page, 'dossier.png');
    const px = await layerPixels(page, ['track', 'trackhead'], ['#00b4d8', '#ff006e']);
    assert.ok(px > 20, `track pixels: ${px}`);
  });

  it('opens an event from the inbox and shows its evidence on the map', async () => {
    const t0 = Date.now();
    while (Date.now() - t0 < 20_000) {
      const r = (await (await fetch(`${server.url}/api/events?limit=1`)).json()) as { items: unknown[] };
      if (r.items.length) break;
      await new Promise((res) => setTimeout(res, 500));
    }
    await page.click('[data-panel="events"]');
    await page.waitForSelector('#inbox li[data-i]');
    await page.click('#inbox li[data-i="0"]');
    await page.waitForFunction('window.__lookout.lastEvidence !== undefined');
    assert.match(page.url(), /event=/);
    await page.waitForSelector('#panel h2');
    await settle(page);
    await screenshot(page, 'event.png');
    const px = await layerPixels(page, ['evidence-point', 'evidence-line']);
    assert.ok(px > 20, `evidence pixels: ${px}`);
  });

  it('draws a zone, saves it and reads its report with charts', async () => {
    await page.click('[data-panel="zones"]');
    await page.waitForSelector('#draw');
    await inPage(page, 'window.__lookout.map.jumpTo({ center: [127, 35], zoom: 5 });');
    await settle(page);
    await page.click('#draw');
    for (const [x, y] of [[300, 250], [700, 250], [700, 600], [300, 600]] as const) await page.mouse.click(x, y);
    await page.fill('#zone-name', 'Test box');
    await page.click('#finish');
    await page.waitForFunction('window.__lookout.reportReady === true', undefined, { timeout: 20_000 });
    assert.match(page.url(), /zone=user-test-box/);
    const charts = await page.locator('#report svg.chart').count();
    assert.equal(charts, 4);
    const text = await page.textContent('#report');
    const m = /(\d+) events, (\d+) vessels present, (\d+) transits, (\d+) inside now/.exec(text ?? '');
    assert.ok(m, `report summary: ${text ?? ''}`);
    // The charts come from the server's report: the totals the endpoint gives for the period (the demo
    // keeps running, and the new zone gets events at once, so a later answer may count more).
    const period = await inPage<{ from: string; to: string }>(page, `return { from: document.getElementById('r-from').value + ':00Z', to: document.getElementById('r-to').value + ':00Z' };`);
    const report = (await (await fetch(`${server.url}/api/zones/user-test-box/report?from=${period.from}&to=${period.to}`)).json()) as { totals: { vessels: number; events: number } };
    assert.ok(Number(m[1]) <= report.totals.events && Number(m[1]) >= report.totals.events - 20, `events ${m[1]} vs ${report.totals.events}`);
    assert.ok(Number(m[2]) <= report.totals.vessels && Number(m[2]) > 0, `vessels present ${m[2]} vs ${report.totals.vessels}`);
    const zones = (await (await fetch(`${server.url}/api/zones?source=user`)).json()) as { features: { properties: { name: string } }[] };
    assert.deepEqual(zones.features.map((f) => f.properties.name), ['Test box']);
    await page.locator('#report figure').last().scrollIntoViewIfNeeded();
    await screenshot(page, 'zone-report.png');
    assert.deepEqual(external, []);
  });
});
