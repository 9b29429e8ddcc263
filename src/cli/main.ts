import { UsageError, type Command } from './command.js';
import { COMMANDS } from './commands.js';

const USAGE = `lookout: an open maritime security picture

Usage: lookout <command> [options]

Commands:
`;

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 8);
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `${USAGE}${lines.join('\n')}\n\nRun 'lookout <command> --help' for a command's options.\n`;
}

/** Entry point of the `lookout` command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(overview());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write('lookout 0.1.0\n');
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    process.stderr.write(`lookout: unknown command '${name}'\n\n${overview()}`);
    return 2;
  }
  let command: Command;
  try {
    // Only this command's module is loaded (see commands.ts).
    command = await entry.load();
  } catch (err) {
    process.stderr.write(`lookout ${name}: cannot load the command: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`lookout ${name}: ${err.message}\nRun 'lookout ${name} --help' for usage.\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`lookout ${name}: ${message}\n`);
    return 1;
  }
}
