import { isInteractive, readProcessEnv } from '../config.js';
import { AppError } from '../errors.js';
import { COMMANDS } from './commands/index.js';
import type { CliIo } from './types.js';

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `koubei — social listening and sentiment for Chinese and English\n\nusage: koubei <command> [options]\n\n${lines.join('\n')}\n\nRun \`koubei <command> --help\` for a command's usage.\n`;
}

/** Dispatches `koubei <command> …`; errors become a one-line message on stderr and exit code 1. */
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
    io.stdout.write(`usage: ${command.usage}\n\n${command.summary}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    const message = err instanceof AppError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? (err as Error).message
      : (err as Error).stack ?? String(err);
    io.stderr.write(`koubei ${name}: ${message}\n`);
    return 1;
  }
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
