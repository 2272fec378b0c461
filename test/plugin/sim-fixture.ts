// Builds a simulated Premiere with one active sequence and a Premiere adapter wired to it.
import type { FrameRate } from '../../shared/protocol';
import { framesToTicks } from '../../shared/timecode';
import type { PlaceClipRequest } from '../../plugin/host/host-adapter';
import type { JobRow } from '../../plugin/ui/jobs-state';
import { createPremiereAdapter } from '../../plugin/host/premiere/premiere-adapter';
import { SimulatedPremiere, type SimOptions } from '../../plugin/host/simulated';

export const FPS_23976: FrameRate = { num: 24000, den: 1001 };
export const FPS_25: FrameRate = { num: 25, den: 1 };

export function setUp(frameRate: FrameRate = FPS_25, options: SimOptions = {}) {
  const sim = new SimulatedPremiere(options);
  sim.addSequence({ name: 'Cut 1', frameSize: { width: 1920, height: 1080 }, frameRate, videoTracks: 3 });
  const adapter = createPremiereAdapter(sim.api, {
    hostName: 'Simulated Premiere',
    retry: { attempts: 5, delayMs: 0, sleep: async () => undefined },
    beforeImport: (request) => sim.registerMedia(request.path, { frames: request.frames, fps: request.fps }),
  });
  const at = (frames: number) => framesToTicks(frames, frameRate);
  const clip = (shotId: string, frames: number, extra: Partial<PlaceClipRequest> = {}): PlaceClipRequest => ({
    path: `/out/${shotId}.mp4`,
    shotId,
    name: shotId,
    frames,
    fps: frameRate,
    ...extra,
  });
  return { sim, adapter, at, clip };
}

/** A finished take as the panel holds it: a clip of `frames` frames at `fps` and `size`. */
export function doneJob(
  shotId: string,
  take: number,
  frames: number,
  fps: FrameRate,
  size: { width: number; height: number },
): JobRow {
  return {
    jobId: `job_${shotId}_${take}`,
    shotId,
    take,
    status: 'done',
    output: {
      path: `/out/${shotId}_t${take}.mp4`,
      sidecarPath: `/out/${shotId}_t${take}.json`,
      frames,
      fps,
      ...size,
      durationSeconds: (frames * fps.den) / fps.num,
      codec: 'h264',
      sha256: '0'.repeat(64),
    },
  };
}
