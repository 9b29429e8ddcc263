import type { Command } from './command.js';
import { analyzeCommand } from './commands/analyze.js';
import { decodeCommand } from './commands/decode.js';
import { serveCommand } from './commands/serve.js';
import { simulateCommand } from './commands/simulate.js';
import { scoreCommand } from './commands/score.js';
import { listsCommand } from './commands/lists.js';
import { screenCommand } from './commands/screen.js';

/** Every subcommand, in the order `lookout --help` lists them. Add a line per new command. */
export const COMMANDS: readonly Command[] = [
  decodeCommand,
  analyzeCommand,
  serveCommand,
  simulateCommand,
  scoreCommand,
  listsCommand,
  screenCommand,
];
