import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../test/support/paths.js';
import { COMMANDS } from './commands.js';

const BIN = join(REPO_ROOT, 'bin', 'lookout.js');

test('lookout --help lists every subcommand', () => {
  const r = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`\\b${c.name}\\b`));
});

test('every subcommand answers --help with its own text', () => {
  for (const c of COMMANDS) {
    const r = spawnSync(process.execPath, [BIN, c.name, '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0, c.name);
    assert.ok(r.stdout.includes(c.name), `${c.name} help names the command`);
  }
});

test("the command table's names and summaries are the commands' own", async () => {
  for (const entry of COMMANDS) {
    const command = await entry.load();
    assert.equal(command.name, entry.name);
    assert.equal(command.summary, entry.summary, `${entry.name}: the summary in commands.ts`);
  }
});

test('lookout --help loads no command module, and a command loads only its own', (t) => {
  // The command modules import the whole pipeline; the overview must not pay for them.
  // Node's ESM loader names every module it stores when NODE_DEBUG=esm.
  const loaded = (args: string[]): string[] => {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'esm' } });
    assert.equal(r.status, 0);
    return [...r.stderr.matchAll(/cli\/(\S+?)\.js/g)].map((m) => m[1]);
  };
  const overview = loaded(['--help']);
  if (!overview.includes('main')) {
    t.skip('this Node does not name loaded modules under NODE_DEBUG=esm');
    return;
  }
  assert.deepEqual(overview.filter((m) => m.startsWith('commands/')), []);
  assert.deepEqual([...new Set(loaded(['decode', '--help']).filter((m) => m.startsWith('commands/')))], ['commands/decode']);
});

test('an unknown subcommand is a usage error', () => {
  const r = spawnSync(process.execPath, [BIN, 'no-such-command'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command/);
});
