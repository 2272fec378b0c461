// `--json`: one JSON event per line, for scripts that follow a batch.
import type { ProgressEvent, ProgressReporter } from './progress-event';

export function jsonReporter(write: (line: string) => void): ProgressReporter {
  return { report: (event: ProgressEvent) => write(JSON.stringify(event)), stop() {} };
}
