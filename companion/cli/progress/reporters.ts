// The progress styles, one registry: bars on a terminal, lines in a pipe, JSON for scripts, or silence.
import type { ProgressReporter } from './progress-event';

export type ProgressMode = 'bars' | 'lines' | 'json' | 'quiet';

/** Lazy: only the bar style loads cli-progress. */
export const progressReporters: Readonly<Record<ProgressMode, () => Promise<ProgressReporter>>> =
  Object.freeze({
    bars: async () => {
      const { barReporter } = await import('./bar-reporter');
      return barReporter(process.stderr, writeOut);
    },
    lines: async () => (await import('./line-reporter')).lineReporter(writeOut),
    json: async () => (await import('./json-reporter')).jsonReporter(writeOut),
    quiet: async () => ({ report() {}, stop() {} }),
  });

function writeOut(line: string): void {
  process.stdout.write(line + '\n');
}

/** `--json` wins over `--quiet`; otherwise bars only where a person watches stderr. */
export function progressMode(
  flags: { json?: boolean; quiet?: boolean },
  tty = process.stderr.isTTY,
): ProgressMode {
  if (flags.json) return 'json';
  if (flags.quiet) return 'quiet';
  return tty ? 'bars' : 'lines';
}
