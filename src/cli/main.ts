import { isInteractive, readProcessEnv } from '../config.js';
import { AppError } from '../errors.js';
import { COMMANDS } from './commands/index.js';
import { UsageError } from './options.js';
import type { CliIo } from './types.js';

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `koubei — social listening and sentiment for Chinese and English\n\nusage: koubei <command> [options]\n\n${lines.join('\n')}\n\nRun \`koubei <command> --help\` for a command's usage.\n`;
}

/** Dispatches `koubei <command> …`; errors become a one-line message on stderr (see `describeFailure`). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`koubei: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`usage: ${command.usage}\n\n${command.help ?? command.summary}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    const failure = describeFailure(err, io.env.LOG_LEVEL === 'debug');
    io.stderr.write(`koubei ${name}: ${failure.message}${failure.code === 2 ? ` (usage: ${command.usage})` : ''}\n`);
    return failure.code;
  }
}

/**
 * One line and an exit code for an error a command threw: 2 for a bad command line, 1 otherwise.
 * Expected errors (typed, file system, argument parsing) print just their message; anything else
 * is a bug, whose stack only LOG_LEVEL=debug prints, so a user never gets a trace by default.
 */
export function describeFailure(err: unknown, debug: boolean): { message: string; code: 1 | 2 } {
  const error = err instanceof Error ? err : new Error(String(err));
  const code = (error as { code?: unknown }).code;
  // node:util parseArgs spreads its hints over several lines
  const oneLine = error.message.replace(/\s*\n\s*/g, ' ');
  if (error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_'))) return { message: oneLine, code: 2 };
  if (error instanceof AppError) return { message: error.message, code: 1 };
  if (typeof (error as { syscall?: unknown }).syscall === 'string') return { message: oneLine, code: 1 };
  if (debug) return { message: error.stack ?? oneLine, code: 1 };
  return { message: `${oneLine} (${error.name}; LOG_LEVEL=debug prints the stack trace)`, code: 1 };
}

/** Entry used by `bin/koubei.js`: real streams, the process environment, exit code set. */
export async function runFromProcess(): Promise<void> {
  const env = readProcessEnv();
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    isTTY: isInteractive(env, Boolean(process.stderr.isTTY)),
    env,
  };
  process.exitCode = await main(process.argv.slice(2), io);
}
