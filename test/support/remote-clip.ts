// A real small H.264 MP4 made with ffmpeg, for the fake remote servers to deliver.
import { execFileSync } from 'node:child_process';
import { locateTool } from '../../companion/media/tool-locator';

export function makeTestClip(
  path: string,
  options: { width: number; height: number; fps: number; frames: number },
): string {
  execFileSync(
    locateTool('ffmpeg'),
    [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=${options.width}x${options.height}:rate=${options.fps}`,
      '-frames:v',
      String(options.frames),
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      path,
    ],
    { stdio: 'pipe' },
  );
  return path;
}
