export interface Progress {
  update(done: number, total?: number): void;
  /** Clears the bar and prints the final summary line. */
  finish(summary: string): void;
}

const WIDTH = 28;

/**
 * A single-line progress bar on an interactive stderr; elsewhere (CI, pipes) only the summary
 * line is printed, so logs stay readable.
 */
export function createProgress(stream: NodeJS.WritableStream, interactive: boolean, label: string): Progress {
  let lastDraw = 0;
  return {
    update(done, total) {
      if (!interactive) return;
      const now = Date.now();
      if (now - lastDraw < 80 && done !== total) return;
      lastDraw = now;
      stream.write(`\r${label} ${renderBar(done, total)}`);
    },
    finish(summary) {
      if (interactive) stream.write('\r\x1b[2K');
      stream.write(`${summary}\n`);
    },
  };
}

function renderBar(done: number, total?: number): string {
  if (!total) return `${done}`;
  const ratio = Math.min(1, done / total);
  const filled = Math.round(ratio * WIDTH);
  return `[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${done}/${total} ${Math.round(ratio * 100)}%`;
}
