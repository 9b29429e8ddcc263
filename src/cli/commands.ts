import type { Command } from './command.js';

/**
 * One line of the command table: what `lookout --help` lists, and how to load the command.
 * A command's module (and everything it imports) is loaded only when that command runs or
 * shows its help, so `lookout --help` and each command start without the others' code.
 */
export interface CommandEntry {
  name: string;
  /** One line for `lookout --help`: the same text as the command's own `summary` (a test checks). */
  summary: string;
  load(): Promise<Command>;
}

/** Every subcommand, in the order `lookout --help` lists them. Add a line per new command. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'decode',
    summary: 'decode AIS NMEA logs (files, gzip or stdin) to JSON lines or CSV',
    load: async () => (await import('./commands/decode.js')).decodeCommand,
  },
  {
    name: 'analyze',
    summary: 'detect behaviours in AIS logs or CSV exports: events as JSON lines, GeoJSON or CSV',
    load: async () => (await import('./commands/analyze.js')).analyzeCommand,
  },
  {
    name: 'serve',
    summary: 'live ingest, embedded store, HTTP API, live stream and the map',
    load: async () => (await import('./commands/serve.js')).serveCommand,
  },
  {
    name: 'simulate',
    summary: 'Simulate traffic with injected behaviours and ground truth (files or a live stream)',
    load: async () => (await import('./commands/simulate.js')).simulateCommand,
  },
  {
    name: 'score',
    summary: 'Score detected events against ground truth (precision, recall, timing)',
    load: async () => (await import('./commands/score.js')).scoreCommand,
  },
  {
    name: 'lists',
    summary: 'Import sanctions lists (OFAC, UN, EU, UK, Japan, FtM, custom) and show their status',
    load: async () => (await import('./commands/lists.js')).listsCommand,
  },
  {
    name: 'screen',
    summary: 'Screen names, IMO numbers or a CSV against the imported sanctions lists',
    load: async () => (await import('./commands/screen.js')).screenCommand,
  },
];
