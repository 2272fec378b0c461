// `--quiet`, `--json` and `--jobs` for the commands that render clips.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { parsePositiveInt } from '../arguments';

export interface ProgressFlags {
  quiet?: boolean;
  json?: boolean;
}

export interface JobsFlags {
  /** Absent: slate runs defaultJobs() at once, other backends their own limit. */
  jobs?: number;
}

/**
 * Slate clips in flight by default: one per core. Measured with `npm run bench` (render-script rows): on 2 cores,
 * 2 at a time beats 1 because one clip's drawing overlaps another's encode; more only queue for the same cores.
 */
export function defaultJobs(cores = availableParallelism()): number {
  return Math.max(1, cores);
}

export function progressOptions(command: Command): Command {
  return command
    .option('--quiet', 'print nothing but errors')
    .option('--json', 'print one JSON event per line (start, clip.*, summary) instead of progress');
}

export function jobsOption(command: Command): Command {
  // No commander default: a GPU or a paid API keeps its own limit unless the user asks for more.
  return command.option(
    '--jobs <n>',
    "clips rendered at once (default: one per core for slate, the backend's own limit for others)",
    parsePositiveInt,
  );
}
