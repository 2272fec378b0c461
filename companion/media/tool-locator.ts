// Finds ffmpeg and ffprobe: an explicit env variable, then the bundled npm binary, then PATH.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ShotlineError } from '../../shared/protocol';

type Tool = 'ffmpeg' | 'ffprobe';

const ENV: Record<Tool, string> = { ffmpeg: 'SHOTLINE_FFMPEG', ffprobe: 'SHOTLINE_FFPROBE' };
const BUNDLED: Record<Tool, string> = {
  ffmpeg: '@ffmpeg-installer/ffmpeg',
  ffprobe: '@ffprobe-installer/ffprobe',
};

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function bundledPath(tool: Tool): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(BUNDLED[tool]) as { path?: string };
    return mod.path && isExecutable(mod.path) ? mod.path : undefined;
  } catch {
    return undefined;
  }
}

function onPath(tool: Tool): string | undefined {
  const names = process.platform === 'win32' ? [`${tool}.exe`] : [tool];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (dir && isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

const cache = new Map<string, string>();

export function locateTool(tool: Tool): string {
  const fromEnv = process.env[ENV[tool]];
  const key = `${tool}:${fromEnv ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let found: string | undefined;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new ShotlineError(
        'FFMPEG_MISSING',
        `${ENV[tool]} points to ${fromEnv}, which is not an executable file.`,
        { params: { env: ENV[tool], path: fromEnv, case: 'notExecutable' } },
      );
    }
    found = fromEnv;
  } else {
    found = bundledPath(tool) ?? onPath(tool);
  }
  if (!found) {
    throw new ShotlineError(
      'FFMPEG_MISSING',
      `${tool} was not found: set ${ENV[tool]}, reinstall the ${BUNDLED[tool]} package, or install ${tool} on PATH.`,
      { params: { tool, env: ENV[tool], package: BUNDLED[tool], case: 'notFound' } },
    );
  }
  cache.set(key, found);
  return found;
}
