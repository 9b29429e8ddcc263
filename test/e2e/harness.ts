/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect JSON response bodies structurally */
/**
 * Starts a real `lookout serve` process on loopback (port 0) for end-to-end tests, and small
 * helpers to call it. The process prints its URL on stdout once listening.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths.js';

export const DEMO_NMEA = join(REPO_ROOT, 'data', 'demo', 'nmea');

export interface ServeProcess {
  url: string;
  proc: ChildProcess;
  stderr: () => string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<number | null>;
  /** SIGKILL (kill -9) and wait for exit. */
  kill9(): Promise<void>;
}

/** A temporary folder removed by the returned function. */
export function tempDir(prefix = 'lookout-e2e-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Spawn `lookout serve --port 0 --host 127.0.0.1 ARGS…` and resolve once it prints its URL. */
export function startServe(args: string[], timeoutMs = 15_000): Promise<ServeProcess> {
  const proc = spawn(process.execPath, ['--enable-source-maps', join(REPO_ROOT, 'bin', 'lookout.js'), 'serve', '--host', '127.0.0.1', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr.on('data', (c: Buffer) => { err += c.toString(); });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`lookout serve did not start within ${timeoutMs} ms:\n${err}`));
    }, timeoutMs);
    let out = '';
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^(http:\/\/\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1], proc, stderr: () => err,
          stop: async () => { proc.kill('SIGTERM'); return exited; },
          kill9: async () => { proc.kill('SIGKILL'); await exited; },
        });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`lookout serve exited with ${code} before listening:\n${err}`));
    });
  });
}

/** GET (or another method) and parse JSON; returns status, headers and body. */
export async function call(url: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; json: any; text: string }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** Poll `check` every 20 ms until it returns a truthy value (or throw after `timeoutMs`). */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Wait until the server reports every (finite) source read and detection finished. */
export async function waitFinished(url: string, timeoutMs = 20_000): Promise<any> {
  return waitFor('ingest to finish', async () => {
    const s = await call(`${url}/api/status`);
    return s.json?.finished ? s.json : undefined;
  }, timeoutMs);
}
