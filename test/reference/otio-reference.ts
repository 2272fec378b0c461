// Builds OpenTimelineIO's opentime library (vendored from v0.19, Apache-2.0) with a tiny driver into test-output/.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../support/repo-root';

const SOURCES = join(REPO_ROOT, 'test', 'reference');
const BUILD = join(REPO_ROOT, 'test-output', 'otio-reference');

export function buildOtioTimecode(): string {
  mkdirSync(BUILD, { recursive: true });
  const binary = join(BUILD, 'otio-timecode');
  const cxx = process.env.CXX ?? 'g++';
  try {
    execFileSync(cxx, [
      '-O2',
      '-std=c++17',
      `-I${SOURCES}`,
      '-o',
      binary,
      join(SOURCES, 'otio-timecode.cpp'),
      join(SOURCES, 'opentime', 'rationalTime.cpp'),
      join(SOURCES, 'opentime', 'errorStatus.cpp'),
    ]);
  } catch (err) {
    throw new Error(
      `building OpenTimelineIO's opentime needs a C++17 compiler (${cxx}; Debian: g++): ${String(err)}`,
      { cause: err },
    );
  }
  return binary;
}

/** Streams OTIO's to_timecode label of every frame in [0, count) to `onLabel`; resolves with its from_timecode mismatch count. */
export async function otioLabels(
  binary: string,
  rate: number,
  dropFrame: boolean,
  count: number,
  onLabel: (frame: number, label: string) => void,
): Promise<number> {
  const child = spawn(binary, [String(rate), dropFrame ? '1' : '0', String(count)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let frame = 0;
  for await (const line of createInterface({ input: child.stdout })) onLabel(frame++, line);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`otio-timecode exited ${code}: ${stderr}`);
  if (frame !== count) throw new Error(`otio-timecode printed ${frame} labels, expected ${count}`);
  return Number(/mismatches: (\d+)/.exec(stderr)?.[1] ?? NaN);
}
