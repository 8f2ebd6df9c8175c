// bfmap user add | list | disable: the accounts of inspectors, reviewers, responsible units and
// admins (issue 6, "Accounts"), in the storage the server uses (SQLite under a data directory, or
// PostgreSQL). Passwords are read from standard input or a file, never from the command line,
// where other users of the machine could see them (ps, shell history).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ROLES, type Role, type User } from '../../src/domain/reports/model.ts';
import { newPasswordProblem, hashPassword } from '../../server/api/passwords.ts';
import { UsernameTaken, type Repository } from '../../server/db/repository.ts';
import { openStorage, storageOptionsFromEnvironment, DEFAULT_DATA_DIRECTORY, type StorageOptions } from '../../server/db/storage.ts';
import { parseArguments, type OptionSpec } from '../arguments.ts';
import { type Command, type CommandOutput, reportUsageError } from './command.ts';

/** Residents have no accounts: they file and follow reports anonymously. */
export const ACCOUNT_ROLES = ROLES.filter((role): role is Exclude<Role, 'resident'> => role !== 'resident');
/** Letters (any script), digits, ".", "_" and "-": names that read the same in a log, a URL and a shell. */
const USERNAME_PATTERN = /^[\p{L}\p{N}._-]{1,64}$/u;
const MAXIMUM_DISPLAY_NAME_LENGTH = 100;

const USAGE = `Usage:
  bfmap user add --username <name> --role <role> [--unit <unit id>] [--display-name <text>] [--password-file <file>] [storage]
  bfmap user list [--role <role>] [--unit <unit id>] [storage]
  bfmap user disable <username> [storage]

Manages the accounts that sign in to the map's API. Roles: ${ACCOUNT_ROLES.join(', ')}
(residents need no account). A responsible_unit account needs --unit, the unit it acts for;
reports are assigned to that unit id.

The password of "add" is read from standard input (one line; typed without echo on a terminal,
twice) or from --password-file, never from the command line. At least 15 characters.
  printf '%s\\n' "$PASSWORD" | bfmap user add --username li.ming --role inspector --data-dir var

Storage (as the server chooses it):
  --data-dir <folder>     SQLite in <folder>/bfmap.sqlite3
  --database-url <url>    PostgreSQL
  neither                 DATABASE_URL or DATA_DIR from the environment, else ./${DEFAULT_DATA_DIRECTORY}

"add" and "disable" print the account as a JSON line; "list" prints one JSON line per account.
Disabling ends the account's sessions at once; its reports and history stay.

Exit status: 0 done, 1 failed (taken username, weak password, unknown account), 2 wrong usage.`;

const STORAGE_OPTIONS: OptionSpec[] = [{ name: 'data-dir', takesValue: true }, { name: 'database-url', takesValue: true }];

/** The account as printed: never the password hash. */
function printable(user: User): Record<string, unknown> {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, unitId: user.unitId, disabled: user.disabled, createdAt: user.createdAt };
}

function storageOptionsOf(options: Map<string, string | true>, output: CommandOutput): StorageOptions | string {
  const dataDirectory = options.get('data-dir');
  const databaseUrl = options.get('database-url');
  if (typeof dataDirectory === 'string' && typeof databaseUrl === 'string') return 'give --data-dir or --database-url, not both';
  if (typeof databaseUrl === 'string') return { databaseUrl };
  if (typeof dataDirectory === 'string') return { dataDirectory: resolve(dataDirectory) };
  const fromEnvironment = storageOptionsFromEnvironment();
  if (fromEnvironment.databaseUrl === undefined && fromEnvironment.dataDirectory === undefined) {
    output.error(`bfmap user: no --data-dir, --database-url, DATA_DIR or DATABASE_URL given; using ${resolve(DEFAULT_DATA_DIRECTORY)}, as the server would`);
  }
  return fromEnvironment;
}

/** Strips the one line ending `echo` or a text editor adds; anything else is part of the password. */
function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** One line typed on the terminal without echoing it; null when cancelled (Ctrl-C, Ctrl-D). */
function readHiddenLine(prompt: string): Promise<string | null> {
  const input = process.stdin;
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  let typed = '';
  return new Promise((resolvePromise) => {
    const finish = (value: string | null): void => {
      input.removeListener('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      resolvePromise(value);
    };
    const onData = (characters: string): void => {
      for (const character of characters) {
        if (character === '\r' || character === '\n') return finish(typed);
        if (character === '\u0003' || character === '\u0004') return finish(null);
        if (character === '\u007f' || character === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += character;
      }
    };
    input.on('data', onData);
  });
}

async function readPassword(passwordFile: string | true | undefined): Promise<{ password: string } | { problem: string }> {
  if (typeof passwordFile === 'string') {
    try {
      return { password: withoutFinalNewline(await readFile(passwordFile, 'utf8')) };
    } catch (error) {
      return { problem: `the password file ${passwordFile} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
    }
  }
  if (process.stdin.isTTY) {
    const first = await readHiddenLine('Password: ');
    if (first === null) return { problem: 'cancelled' };
    const second = await readHiddenLine('Password again: ');
    if (second !== first) return { problem: 'the two passwords differ' };
    return { password: first };
  }
  const text = await readStandardInput();
  if (text.includes('\n') && withoutFinalNewline(text).includes('\n')) return { problem: 'standard input has more than one line; send only the password' };
  return { password: withoutFinalNewline(text) };
}

async function withStorage(options: StorageOptions, output: CommandOutput, work: (repository: Repository) => Promise<number>): Promise<number> {
  let repository: Repository;
  try {
    repository = await openStorage(options);
  } catch (error) {
    output.error(`bfmap user: cannot open the storage: ${(error as Error).message}`);
    return 1;
  }
  try {
    return await work(repository);
  } finally {
    await repository.close();
  }
}

async function addUser(options: Map<string, string | true>, positionals: string[], output: CommandOutput): Promise<number> {
  const usageError = (message: string): number => reportUsageError(output, 'user', message);
  if (positionals.length > 0) return usageError(`unexpected ${JSON.stringify(positionals[0])}; the password is read from standard input, never from the command line`);
  const username = options.get('username');
  if (typeof username !== 'string') return usageError('--username <name> is required');
  if (!USERNAME_PATTERN.test(username.normalize('NFKC'))) {
    return usageError(`--username must be 1 to 64 letters, digits, ".", "_" or "-", not ${JSON.stringify(username)}`);
  }
  const role = options.get('role');
  if (typeof role !== 'string' || !(ACCOUNT_ROLES as readonly string[]).includes(role)) {
    return usageError(`--role must be one of ${ACCOUNT_ROLES.join(', ')}${typeof role === 'string' ? `, not ${JSON.stringify(role)}` : ''}`);
  }
  const unit = options.get('unit');
  if (role === 'responsible_unit' && (typeof unit !== 'string' || unit.trim() === '')) return usageError('a responsible_unit account needs --unit <unit id>');
  if (role !== 'responsible_unit' && unit !== undefined) return usageError('--unit is only for responsible_unit accounts');
  const displayName = options.get('display-name');
  if (displayName === true || (typeof displayName === 'string' && (displayName.trim() === '' || [...displayName].length > MAXIMUM_DISPLAY_NAME_LENGTH))) {
    return usageError(`--display-name must be 1 to ${MAXIMUM_DISPLAY_NAME_LENGTH} characters`);
  }
  const storage = storageOptionsOf(options, output);
  if (typeof storage === 'string') return usageError(storage);

  const read = await readPassword(options.get('password-file'));
  if ('problem' in read) {
    output.error(`bfmap user add: ${read.problem}; nothing was created`);
    return 1;
  }
  const weakness = newPasswordProblem(read.password);
  if (weakness !== null) {
    output.error(`bfmap user add: ${weakness.en}; nothing was created`);
    return 1;
  }
  const passwordHash = await hashPassword(read.password);
  return withStorage(storage, output, async (repository) => {
    try {
      const user = await repository.createUser({
        id: randomUUID(),
        username,
        displayName: typeof displayName === 'string' ? displayName.trim() : username,
        role: role as Role,
        unitId: role === 'responsible_unit' && typeof unit === 'string' ? unit.trim() : null,
        passwordHash,
        disabled: false,
        createdAt: new Date().toISOString(),
      });
      output.out(JSON.stringify(printable(user)));
      return 0;
    } catch (error) {
      if (error instanceof UsernameTaken) {
        output.error(`bfmap user add: ${error.message}; nothing was created`);
        return 1;
      }
      throw error;
    }
  });
}

async function listUsers(options: Map<string, string | true>, positionals: string[], output: CommandOutput): Promise<number> {
  const usageError = (message: string): number => reportUsageError(output, 'user', message);
  if (positionals.length > 0) return usageError(`unexpected ${JSON.stringify(positionals[0])}`);
  const role = options.get('role');
  if (role !== undefined && (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))) return usageError(`--role must be one of ${ROLES.join(', ')}`);
  const unit = options.get('unit');
  if (unit === true) return usageError('--unit needs a value');
  const storage = storageOptionsOf(options, output);
  if (typeof storage === 'string') return usageError(storage);
  return withStorage(storage, output, async (repository) => {
    const users = await repository.listUsers({ ...(typeof role === 'string' ? { role: role as Role } : {}), ...(typeof unit === 'string' ? { unitId: unit } : {}) });
    for (const user of users) output.out(JSON.stringify(printable(user)));
    if (users.length === 0) output.error('bfmap user list: no accounts match');
    return 0;
  });
}

async function disableUser(options: Map<string, string | true>, positionals: string[], output: CommandOutput): Promise<number> {
  const usageError = (message: string): number => reportUsageError(output, 'user', message);
  const [username, ...extra] = positionals;
  if (username === undefined) return usageError('name the account: bfmap user disable <username>');
  if (extra.length > 0) return usageError(`one username at a time; unexpected ${JSON.stringify(extra[0])}`);
  const storage = storageOptionsOf(options, output);
  if (typeof storage === 'string') return usageError(storage);
  return withStorage(storage, output, async (repository) => {
    const user = await repository.findUserByUsername(username);
    if (!user) {
      output.error(`bfmap user disable: there is no account ${JSON.stringify(username)}; nothing changed`);
      return 1;
    }
    if (user.disabled) output.error(`bfmap user disable: ${user.username} was already disabled`);
    const disabled = await repository.disableUser(user.id);
    output.out(JSON.stringify(printable(disabled ?? user)));
    return 0;
  });
}

const SUBCOMMANDS: Record<string, { options: OptionSpec[]; run: typeof addUser }> = {
  add: {
    options: [
      ...STORAGE_OPTIONS, { name: 'username', takesValue: true }, { name: 'role', takesValue: true }, { name: 'unit', takesValue: true },
      { name: 'display-name', takesValue: true }, { name: 'password-file', takesValue: true },
    ],
    run: addUser,
  },
  list: { options: [...STORAGE_OPTIONS, { name: 'role', takesValue: true }, { name: 'unit', takesValue: true }], run: listUsers },
  disable: { options: STORAGE_OPTIONS, run: disableUser },
};

export const userCommand: Command = {
  name: 'user',
  summary: 'add, list or disable the accounts that sign in to the API (password from stdin)',
  usage: USAGE,
  async run(argumentsGiven, output) {
    const [subcommandName, ...rest] = argumentsGiven;
    const subcommand = subcommandName === undefined ? undefined : SUBCOMMANDS[subcommandName];
    if (!subcommand) {
      return reportUsageError(output, 'user', subcommandName === undefined ? 'say what to do: add, list or disable' : `unknown subcommand ${JSON.stringify(subcommandName)}; use add, list or disable`);
    }
    const parsed = parseArguments(rest, subcommand.options);
    if (!parsed.ok) {
      const hint = parsed.error.includes('--password') && !parsed.error.includes('--password-file')
        ? `${parsed.error} (passwords are read from standard input or --password-file, never from the command line)`
        : parsed.error;
      return reportUsageError(output, 'user', hint);
    }
    return subcommand.run(parsed.options, parsed.positionals, output);
  },
};
