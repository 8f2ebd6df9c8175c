// What every bfmap command provides; each command is one file in bin/commands/, listed in index.ts.

export interface CommandOutput {
  /** A line of results, on standard output. */
  out(line: string): void;
  /** A line of errors, warnings and help, on standard error. */
  error(line: string): void;
}

export interface Command {
  name: string;
  /** One line for `bfmap --help`. */
  summary: string;
  /** The full usage text for `bfmap <command> --help`. */
  usage: string;
  /** Runs the command; resolves to the process exit code: 0 done, 1 failed, 2 wrong usage. */
  run(argumentsGiven: readonly string[], output: CommandOutput): Promise<number>;
}

/** Says what was wrong with the command line and where the usage is; returns exit code 2. */
export function reportUsageError(output: CommandOutput, commandName: string, message: string): 2 {
  output.error(`bfmap ${commandName}: ${message}`);
  output.error(`Run "bfmap ${commandName} --help" for usage.`);
  return 2;
}
