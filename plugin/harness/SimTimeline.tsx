// Live view of the simulated timeline: markers, tracks with clips and gaps, take bins, and the undo stack.
import { useSyncExternalStore } from 'react';
import type { FrameRate } from '../../shared/protocol';
import {
  formatDuration,
  formatTimecode,
  frameRateFromTimebase,
  ticksToFrames,
  type TimecodeStyle,
} from '../../shared/timecode';
import { timecodeStyleOf } from '../host/premiere/time-display';
import type { SimulatedPremiere, SimSnapshot } from '../host/simulated';
import { gapsBetween } from '../host/timeline/gaps';

function useSnapshot(sim: SimulatedPremiere): SimSnapshot {
  const store = snapshotStore(sim);
  // The same getter serves server rendering, so tests can render the simulated Timeline to HTML.
  return useSyncExternalStore(store.subscribe, store.get, store.get);
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

// Inline: panel.css belongs to the panel; these two looks exist only in the harness.
const GAP_STYLE = { border: '1px dashed #999', color: '#777', padding: '0 4px', marginRight: 4 } as const;
const MARKER_STYLE = { color: '#b07d00', marginRight: 8 } as const;

/** Start ticks scaled down to a flex order: raw ticks pass the 32-bit integers browsers keep for it. */
function orderOf(startTicks: string): number {
  return Number(BigInt(startTicks) / 10_000_000n);
}

/** Gaps up to the end of the longest track, as findGaps reports them over the whole sequence. */
function trackGaps(
  clips: SimSnapshot['videoTracks'][number],
  timebase: string,
  trackIndex: number,
  end: bigint,
) {
  const spans = clips.map((c) => ({ start: BigInt(c.startTicks), end: BigInt(c.endTicks) }));
  return gapsBetween(spans, { start: 0n, end }, BigInt(timebase), trackIndex);
}

function sequenceEnd(snapshot: SimSnapshot): bigint {
  const ends = [...snapshot.videoTracks, ...snapshot.audioTracks].flat().map((c) => BigInt(c.endTicks));
  return ends.reduce((max, e) => (e > max ? e : max), 0n);
}

interface Display {
  rate: FrameRate;
  style: TimecodeStyle;
}

/** A position as Premiere's Timeline shows it: from the sequence's start timecode, drop-frame or not. */
function timecode(ticks: string, display: Display | null): string {
  return display
    ? formatTimecode(ticksToFrames(BigInt(ticks), display.rate), display.rate, display.style)
    : ticks;
}

/** A length: counted from zero, in the sequence's counting mode. */
function length(ticks: string, display: Display | null): string {
  return display
    ? formatDuration(ticksToFrames(BigInt(ticks), display.rate), display.rate, display.style)
    : ticks;
}

export function SimTimeline({ sim }: { sim: SimulatedPremiere }) {
  const snapshot = useSnapshot(sim);
  const sequence = snapshot.sequence;
  const rate = sequence ? frameRateFromTimebase(sequence.timebaseTicks) : null;
  const display =
    sequence && rate
      ? { rate, style: timecodeStyleOf(sequence.zeroPointTicks, sequence.videoDisplayFormat, rate) }
      : null;
  return (
    <section data-testid="sim-timeline" className="sim-timeline" aria-label="Simulated timeline">
      <h2>
        Simulated Premiere: {snapshot.sequence?.name ?? 'no sequence'}
        {snapshot.sequence && ` — playhead ${timecode(snapshot.sequence.playheadTicks, display)}`}
      </h2>
      <div className="sim-markers" data-testid="sim-markers">
        {snapshot.markers.map((marker, index) => (
          <span
            key={index}
            data-testid="sim-marker"
            data-start-ticks={marker.startTicks}
            data-duration-ticks={marker.durationTicks}
            className="sim-marker"
            style={MARKER_STYLE}
          >
            ◆ {marker.name} @ {timecode(marker.startTicks, display)}
            {marker.durationTicks !== '0' && ` (${length(marker.durationTicks, display)})`}
          </span>
        ))}
      </div>
      {[...snapshot.videoTracks.entries()].reverse().map(([trackIndex, clips]) => (
        <div key={trackIndex} className="sim-track" data-testid="sim-track" data-track={trackIndex}>
          <span className="sim-track-name" title={snapshot.videoTrackNames[trackIndex]}>
            V{trackIndex + 1}
          </span>
          {snapshot.sequence &&
            trackGaps(clips, snapshot.sequence.timebaseTicks, trackIndex, sequenceEnd(snapshot)).map(
              (gap) => (
                <span
                  key={`gap-${gap.startTicks}`}
                  data-testid="sim-gap"
                  data-track={trackIndex}
                  data-start-ticks={gap.startTicks}
                  data-end-ticks={gap.endTicks}
                  data-frames={gap.frames}
                  className="sim-gap"
                  // Flex order by start time, so gaps sit between the clips they separate.
                  style={{ ...GAP_STYLE, order: orderOf(gap.startTicks) }}
                >
                  gap {gap.frames} f [{timecode(gap.startTicks, display)} – {timecode(gap.endTicks, display)}]
                </span>
              ),
            )}
          {clips.map((clip) => (
            <span
              key={`${clip.startTicks}-${clip.name}`}
              data-testid="sim-clip"
              data-track={trackIndex}
              data-start-ticks={clip.startTicks}
              data-end-ticks={clip.endTicks}
              data-name={clip.name}
              data-path={clip.mediaPath}
              data-selected={clip.selected ? 'true' : undefined}
              className="sim-clip"
              style={{ order: orderOf(clip.startTicks) }}
            >
              {clip.name} [{timecode(clip.startTicks, display)} – {timecode(clip.endTicks, display)}]
            </span>
          ))}
        </div>
      ))}
      <div className="sim-bins">
        {snapshot.bins
          .filter((bin) => bin.path)
          .map((bin) => (
            <div key={bin.path} data-testid="sim-bin" data-path={bin.path} data-takes={bin.items.length}>
              Bin {bin.path}:{' '}
              {bin.items
                .map(
                  (item) =>
                    `${item.name}${item.colorLabel === undefined ? '' : ` [label ${item.colorLabel}]`}`,
                )
                .join(', ') || '(empty)'}
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
