/** Streams and environment a command runs with; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  /** Whether stderr is an interactive terminal (progress bars) and not under CI. */
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

/** One `koubei <name>` sub-command. `run` returns the process exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  /** The synopsis, without a leading "usage:" (`--help` and usage errors add it). */
  usage: string;
  /** What `--help` prints under the synopsis when the summary is not enough. */
  help?: string;
  run(argv: string[], io: CliIo): Promise<number>;
}
