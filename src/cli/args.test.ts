import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readArgs } from './args.js';
import { UsageError } from './command.js';

function walk(argv: string[], valued: string[]): string[] {
  const out: string[] = [];
  for (const a of readArgs(argv)) out.push(a.operand ? `file:${a.name}` : valued.includes(a.name) ? `${a.name}=${a.value()}` : a.name);
  return out;
}

test('options take values after = or from the next argument, operands are files', () => {
  assert.deepEqual(walk(['--format=csv', '-o', 'out', 'a.nmea', '-', '--quiet'], ['--format', '-o']), [
    '--format=csv', '-o=out', 'file:a.nmea', 'file:-', '--quiet',
  ]);
});

test('everything after -- is a file, even when it looks like an option', () => {
  assert.deepEqual(walk(['--quiet', '--', '--types', 'x'], []), ['--quiet', 'file:--types', 'file:x']);
});

test('a missing option value is a usage error naming the option', () => {
  assert.throws(() => walk(['--ports'], ['--ports']), (e: unknown) => e instanceof UsageError && /--ports needs a value/.test(e.message));
});
