// Parsers for CLI option values; each throws commander's InvalidArgumentError with a one-line reason.
import { InvalidArgumentError, Option } from 'commander';
import type { FrameRate, FrameSize } from '../../shared/protocol';
// frame-rate.ts directly: the timecode module's schemas would load zod for every `--help`.
import { parseFrameRate } from '../../shared/timecode/frame-rate';

export function parseSize(value: string): FrameSize {
  const match = /^(\d+)x(\d+)$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`size "${value}" is not WIDTHxHEIGHT, e.g. 1280x720.`);
  const width = Number(match[1]);
  const height = Number(match[2]);
  if (width < 16 || height < 16 || width > 8192 || height > 8192) {
    throw new InvalidArgumentError(`size ${width}x${height} is outside 16x16 … 8192x8192.`);
  }
  if (width % 2 || height % 2)
    throw new InvalidArgumentError(`size ${width}x${height}: width and height must be even.`);
  return { width, height };
}

export function parseDurationSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new InvalidArgumentError(`duration "${value}" must be a number of seconds above 0.`);
  }
  return seconds;
}

export function parseFps(value: string): FrameRate {
  try {
    return parseFrameRate(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message + '.');
  }
}

export function parseSeed(value: string): number {
  const seed = Number(value);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2147483647) {
    throw new InvalidArgumentError(`seed "${value}" must be a whole number from 0 to 2147483647.`);
  }
  return seed;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(`port "${value}" must be a whole number from 0 to 65535.`);
  }
  return port;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`"${value}" must be a whole number of 1 or more.`);
  return n;
}

export function parseWaitSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new InvalidArgumentError(`"${value}" must be a number of seconds, 0 or more.`);
  }
  return seconds;
}

/** `--fps` with an exact-rate default shown as people write it. */
export function fpsOption(description: string): Option {
  return new Option('--fps <rate>', description).argParser(parseFps).default({ num: 24, den: 1 }, '24');
}

export function sizeOption(description: string): Option {
  return new Option('--size <WxH>', description)
    .argParser(parseSize)
    .default({ width: 1280, height: 720 }, '1280x720');
}
