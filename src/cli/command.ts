/** One `lookout` subcommand. Each lives in its own file under src/cli/commands/. */
export interface Command {
  name: string;
  /** One line for `lookout --help`. */
  summary: string;
  /** Full text for `lookout NAME --help`. */
  help: string;
  /** Runs with the arguments after the subcommand name; resolves to the exit code. */
  run(argv: string[]): Promise<number>;
}

/** A usage error: printed with the command's help hint, exit code 2. */
export class UsageError extends Error {}
