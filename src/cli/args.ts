import { UsageError } from './command.js';

/** One command-line argument: an option (`--name`, `--name=value`, `-o value`) or a file operand. */
export interface Arg {
  /** The option's name without `=value`, or the operand itself. */
  name: string;
  /** The argument as typed (for error messages). */
  raw: string;
  /** True for a file operand (anything not starting with `-`, a lone `-`, or everything after `--`). */
  operand: boolean;
  /** The option's value: after `=`, else the next argument (consumed); a usage error when missing. */
  value: () => string;
}

/** Walks argv the way every `lookout` subcommand reads it, so each command only says what an option means. */
export function* readArgs(argv: readonly string[]): Generator<Arg> {
  let i = 0;
  const noValue = (): string => {
    throw new UsageError('an operand takes no value');
  };
  while (i < argv.length) {
    const a = argv[i++];
    if (a === '--') {
      while (i < argv.length) {
        const f = argv[i++];
        yield { name: f, raw: f, operand: true, value: noValue };
      }
      return;
    }
    if (a === '-' || !a.startsWith('-')) {
      yield { name: a, raw: a, operand: true, value: noValue };
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    yield {
      name,
      raw: a,
      operand: false,
      value: () => {
        if (eq > 0) return a.slice(eq + 1);
        const v = argv[i++];
        if (v === undefined) throw new UsageError(`${name} needs a value`);
        return v;
      },
    };
  }
}
