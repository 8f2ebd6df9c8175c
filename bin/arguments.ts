// A small command-line option reader shared by the bfmap commands: `--name value`, `--name=value`
// and `--flag`; everything else is positional, and `--` ends the options.

export interface OptionSpec {
  name: string;
  /** Whether the option takes a value. */
  takesValue: boolean;
}

export type ParsedArguments =
  | { ok: true; options: Map<string, string | true>; positionals: string[] }
  | { ok: false; error: string };

export function parseArguments(argumentsGiven: readonly string[], specs: readonly OptionSpec[]): ParsedArguments {
  const options = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let position = 0; position < argumentsGiven.length; position += 1) {
    const argument = argumentsGiven[position] as string;
    if (argument === '--') {
      positionals.push(...argumentsGiven.slice(position + 1));
      break;
    }
    if (!argument.startsWith('--') || argument === '--') {
      if (argument.startsWith('-') && argument.length > 1 && !/^-\d/.test(argument)) return { ok: false, error: `unknown option ${argument}` };
      positionals.push(argument);
      continue;
    }
    const [name, inlineValue] = argument.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const spec = specs.find((candidate) => candidate.name === name);
    if (!spec) return { ok: false, error: `unknown option --${name}` };
    if (!spec.takesValue) {
      if (inlineValue !== undefined) return { ok: false, error: `--${name} takes no value` };
      options.set(name, true);
      continue;
    }
    const value = inlineValue ?? argumentsGiven[position + 1];
    if (value === undefined || (inlineValue === undefined && value.startsWith('--'))) return { ok: false, error: `--${name} needs a value` };
    if (inlineValue === undefined) position += 1;
    options.set(name, value);
  }
  return { ok: true, options, positionals };
}
