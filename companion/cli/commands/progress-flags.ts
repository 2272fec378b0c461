// `--quiet`, `--json` and `--jobs` for the commands that render clips.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { parsePositiveInt } from '../arguments';

export interface ProgressFlags {
  quiet?: boolean;
  json?: boolean;
}

export interface JobsFlags {
  jobs: number;
}

/**
 * Clips in flight by default: one per core. Measured with `npm run bench` (render-script rows): on 2 cores,
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
  return command.option(
    '--jobs <n>',
    'clips rendered at once (default: one per core)',
    parsePositiveInt,
    defaultJobs(),
  );
}
