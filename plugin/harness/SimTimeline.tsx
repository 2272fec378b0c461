// Live view of the simulated timeline: tracks, clips with timecodes, the bin, and the undo stack.
import { useSyncExternalStore } from 'react';
import type { FrameRate } from '../../shared/protocol';
import { formatTimecode, frameRateFromTimebase, ticksToFrames } from '../../shared/timecode';
import type { SimulatedPremiere, SimSnapshot } from '../host/simulated';

function useSnapshot(sim: SimulatedPremiere): SimSnapshot {
  const store = snapshotStore(sim);
  return useSyncExternalStore(store.subscribe, store.get);
}

/** One store per sim: useSyncExternalStore needs the same snapshot object until something changes. */
const caches = new WeakMap<
  SimulatedPremiere,
  { subscribe: (l: () => void) => () => void; get: () => SimSnapshot }
>();
function snapshotStore(sim: SimulatedPremiere) {
  let cache = caches.get(sim);
  if (!cache) {
    let current = sim.snapshot();
    cache = {
      subscribe: (listener) =>
        sim.subscribe(() => {
          current = sim.snapshot();
          listener();
        }),
      get: () => current,
    };
    caches.set(sim, cache);
  }
  return cache;
}

function timecode(ticks: string, rate: FrameRate | null): string {
  return rate ? formatTimecode(ticksToFrames(BigInt(ticks), rate), rate) : ticks;
}

export function SimTimeline({ sim }: { sim: SimulatedPremiere }) {
  const snapshot = useSnapshot(sim);
  const rate = snapshot.sequence ? frameRateFromTimebase(snapshot.sequence.timebaseTicks) : null;
  return (
    <section data-testid="sim-timeline" className="sim-timeline" aria-label="Simulated timeline">
      <h2>
        Simulated Premiere: {snapshot.sequence?.name ?? 'no sequence'}
        {snapshot.sequence && ` — playhead ${timecode(snapshot.sequence.playheadTicks, rate)}`}
      </h2>
      {[...snapshot.videoTracks.entries()].reverse().map(([trackIndex, clips]) => (
        <div key={trackIndex} className="sim-track" data-testid="sim-track" data-track={trackIndex}>
          <span className="sim-track-name">V{trackIndex + 1}</span>
          {clips.map((clip) => (
            <span
              key={`${clip.startTicks}-${clip.name}`}
              data-testid="sim-clip"
              data-track={trackIndex}
              data-start-ticks={clip.startTicks}
              data-end-ticks={clip.endTicks}
              data-name={clip.name}
              data-path={clip.mediaPath}
              className="sim-clip"
            >
              {clip.name} [{timecode(clip.startTicks, rate)} – {timecode(clip.endTicks, rate)}]
            </span>
          ))}
        </div>
      ))}
      <div className="sim-bins">
        {snapshot.bins
          .filter((bin) => bin.path)
          .map((bin) => (
            <div key={bin.path} data-testid="sim-bin" data-path={bin.path}>
              Bin {bin.path}: {bin.items.map((item) => item.name).join(', ') || '(empty)'}
            </div>
          ))}
      </div>
      <div className="sim-undo">
        <button
          type="button"
          data-testid="sim-undo-button"
          onClick={() => sim.undo()}
          disabled={!snapshot.undoStack.length}
        >
          Undo
        </button>
        <ol data-testid="sim-undo-stack">
          {snapshot.undoStack.map((name, index) => (
            <li key={index}>{name}</li>
          ))}
        </ol>
      </div>
    </section>
  );
}
