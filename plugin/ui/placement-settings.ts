// The panel's placement choices (mode, edit, track, gap filling) and how they persist in localStorage.
import type { EditMode, TrackChoice } from '../host/host-adapter';
import type { PlacementSettings } from './place-jobs';

/** Where "Place" puts a finished clip. */
export type PlacementMode = 'playhead' | 'markers' | 'gaps' | 'replace';

// Their names on screen are in the catalogues (placement.mode.*).
export const PLACEMENT_MODES: readonly { mode: PlacementMode }[] = Object.freeze([
  { mode: 'playhead' },
  { mode: 'markers' },
  { mode: 'gaps' },
  { mode: 'replace' },
]);

export interface PanelPlacement {
  mode: PlacementMode;
  edit: EditMode;
  track: TrackChoice;
  /** Gap filling: the video track searched, 0-based. */
  gapTrack: number;
  /** Gap filling: in and out as typed timecode; empty means the sequence's start or end. */
  gapIn: string;
  gapOut: string;
  splitLongGaps: boolean;
  /** Add a marker carrying the prompt on each placed clip. */
  promptMarker: boolean;
}

export const DEFAULT_PLACEMENT: Readonly<PanelPlacement> = Object.freeze<PanelPlacement>({
  mode: 'markers',
  edit: 'overwrite',
  track: { kind: 'lowest-free' },
  gapTrack: 0,
  gapIn: '',
  gapOut: '',
  splitLongGaps: false,
  promptMarker: false,
});

/** Premiere's colour label index for "Rose": AI drafts stand out in the bin and on the timeline. */
export const AI_DRAFT_COLOR_LABEL = 6;

export const PLACEMENT_STORAGE_KEY = 'shotline.placement.v1';

/** The subset of Storage used here, so tests can pass a plain object. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

function isTrackChoice(value: unknown): value is TrackChoice {
  const track = value as Partial<Record<string, unknown>> | null;
  if (!track || typeof track !== 'object') return false;
  if (track.kind === 'lowest-free') return true;
  if (track.kind === 'index') return Number.isInteger(track.index) && (track.index as number) >= 0;
  return track.kind === 'named' && typeof track.name === 'string';
}

/** Reads saved settings field by field: a damaged or older entry falls back to defaults, never throws. */
export function loadPlacement(store: KeyValueStore | undefined): PanelPlacement {
  let saved: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(store?.getItem(PLACEMENT_STORAGE_KEY) ?? '{}');
    if (parsed && typeof parsed === 'object') saved = parsed as Record<string, unknown>;
  } catch {
    // Unreadable JSON is treated as no saved settings.
  }
  const d = DEFAULT_PLACEMENT;
  const pick = <T>(key: keyof PanelPlacement, ok: (v: unknown) => boolean, fallback: T): T =>
    ok(saved[key]) ? (saved[key] as T) : fallback;
  return {
    mode: pick('mode', (v) => PLACEMENT_MODES.some((m) => m.mode === v), d.mode),
    edit: pick('edit', (v) => v === 'overwrite' || v === 'insert', d.edit),
    track: pick('track', isTrackChoice, d.track),
    gapTrack: pick('gapTrack', (v) => Number.isInteger(v) && (v as number) >= 0, d.gapTrack),
    gapIn: pick('gapIn', (v) => typeof v === 'string', d.gapIn),
    gapOut: pick('gapOut', (v) => typeof v === 'string', d.gapOut),
    splitLongGaps: pick('splitLongGaps', (v) => typeof v === 'boolean', d.splitLongGaps),
    promptMarker: pick('promptMarker', (v) => typeof v === 'boolean', d.promptMarker),
  };
}

export function savePlacement(store: KeyValueStore | undefined, placement: PanelPlacement): void {
  try {
    store?.setItem(PLACEMENT_STORAGE_KEY, JSON.stringify(placement));
  } catch {
    // A full or disabled storage only costs remembering the settings.
  }
}

/** localStorage where the host has one (UXP and browsers do; jest's node environment does not). */
export function browserStore(): KeyValueStore | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** What place-jobs needs for a normal placement; gap fills override edit and track (see gap-fill). */
export function toPlacementSettings(
  placement: PanelPlacement,
  sceneOf?: (shotId: string) => string | undefined,
): PlacementSettings {
  return {
    ...(sceneOf && { sceneOf }),
    edit: placement.edit,
    track: placement.track,
    // Every placed clip is marked as an AI draft: colour label plus prompt/seed/backend/model in its metadata.
    labels: { colorLabel: AI_DRAFT_COLOR_LABEL, ...(placement.promptMarker && { promptMarker: true }) },
    provenance: (job) => job.provenance,
  };
}

/** Track choice as a single text field: empty is lowest-free, "V2" or "2" an index, anything else a name. */
export function parseTrackText(text: string): TrackChoice {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'lowest-free' };
  const number = /^[Vv]?(\d+)$/.exec(trimmed);
  if (number && Number(number[1]) >= 1) return { kind: 'index', index: Number(number[1]) - 1 };
  return { kind: 'named', name: trimmed };
}

export function trackText(track: TrackChoice): string {
  if (track.kind === 'lowest-free') return '';
  return track.kind === 'index' ? `V${track.index + 1}` : track.name;
}
