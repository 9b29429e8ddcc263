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

test('an unknown subcommand is a usage error', () => {
  const r = spawnSync(process.execPath, [BIN, 'no-such-command'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command/);
});
