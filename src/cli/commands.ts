import type { Command } from './command.js';
import { decodeCommand } from './commands/decode.js';

/** Every subcommand, in the order `lookout --help` lists them. Add a line per new command. */
export const COMMANDS: readonly Command[] = [
  decodeCommand,
];
