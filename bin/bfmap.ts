// bfmap: command-line tools for district data. `bfmap --help` lists the commands; each command
// is a file in bin/commands/. Run with `npx tsx bin/bfmap.ts …`, or `bfmap …` once installed
// (bin/bfmap.js loads this file through tsx).
import { COMMANDS } from './commands/index.ts';
import type { CommandOutput } from './commands/command.ts';

function help(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'Usage: bfmap <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run "bfmap <command> --help" for the options of a command.',
  ].join('\n');
}

export async function runCli(argumentsGiven: readonly string[], output: CommandOutput): Promise<number> {
  const [name, ...rest] = argumentsGiven;
  if (name === '--help' || name === '-h' || name === 'help') {
    output.out(help());
    return 0;
  }
  if (name === undefined) {
    output.error(help());
    return 2;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    output.error(`bfmap: unknown command ${JSON.stringify(name)}`);
    output.error(help());
    return 2;
  }
  // Every command takes --help the same way: its usage on standard error, exit 0.
  if (rest.includes('--help') || rest.includes('-h')) {
    output.error(command.usage);
    return 0;
  }
  return command.run(rest, output);
}

const consoleOutput: CommandOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};

process.exitCode = await runCli(process.argv.slice(2), consoleOutput);
