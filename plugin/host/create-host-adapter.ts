// Builds the panel's HostAdapter: Premiere's when the real module loaded, else one over the simulated host.
import type { FrameRate, FrameSize } from '../../shared/protocol';
import { framesToTicks } from '../../shared/timecode';
import type { HostAdapter } from './host-adapter';
import { createPremiereAdapter } from './premiere/premiere-adapter';
import { loadPremiere } from './premiere-module';
import type { SimulatedPremiere } from './simulated';

export interface HostSetup {
  adapter: HostAdapter;
  /** Spectrum widgets exist only inside the real host. */
  isRealHost: boolean;
  simulated: SimulatedPremiere | null;
}

export interface SimulatedSequenceOptions {
  frameRate?: FrameRate;
  frameSize?: FrameSize;
  /** The sequence's start timecode, e.g. "01:00:00;00" (`;` makes the display drop-frame). */
  startTimecode?: string;
}

export function createHostSetup(simOptions: SimulatedSequenceOptions = {}): HostSetup {
  const loaded = loadPremiere();
  const simulated = loaded.simulated;
  if (!simulated) return { adapter: createPremiereAdapter(loaded.api), isRealHost: true, simulated: null };

  const frameRate = simOptions.frameRate ?? { num: 24000, den: 1001 };
  simulated.addSequence({
    name: 'Harness sequence',
    frameSize: simOptions.frameSize ?? { width: 1920, height: 1080 },
    frameRate,
    videoTracks: 3,
    audioTracks: 2,
    ...(simOptions.startTimecode ? { startTimecode: simOptions.startTimecode } : {}),
    // One nominal second in, on a frame boundary, so placements visibly follow the playhead.
    playheadTicks: framesToTicks(Math.round(frameRate.num / frameRate.den), frameRate),
  });
  const adapter = createPremiereAdapter(simulated.api, {
    hostName: 'Simulated Premiere',
    // The simulated host cannot read the file: the job output's frame count and rate stand in for probing.
    beforeImport: (request) =>
      simulated.registerMedia(request.path, { frames: request.frames, fps: request.fps }),
  });
  return { adapter, isRealHost: false, simulated };
}
