// Placement settings: saved to and read back from storage, damaged entries falling back to defaults.
import { placeRequest } from '../../../plugin/ui/place-jobs';
import {
  AI_DRAFT_COLOR_LABEL,
  DEFAULT_PLACEMENT,
  loadPlacement,
  parseTrackText,
  PLACEMENT_STORAGE_KEY,
  savePlacement,
  toPlacementSettings,
  trackText,
  type KeyValueStore,
} from '../../../plugin/ui/placement-settings';

const memory = (): KeyValueStore & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
};

test('settings survive a reload', () => {
  const store = memory();
  const chosen = {
    ...DEFAULT_PLACEMENT,
    mode: 'gaps' as const,
    edit: 'insert' as const,
    track: { kind: 'named' as const, name: 'AI' },
    gapTrack: 2,
    gapIn: '00:00:10:00',
    splitLongGaps: true,
  };
  savePlacement(store, chosen);
  expect(loadPlacement(store)).toEqual(chosen);
});

test('missing, damaged or partly wrong entries fall back field by field', () => {
  const store = memory();
  expect(loadPlacement(undefined)).toEqual(DEFAULT_PLACEMENT);
  store.setItem(PLACEMENT_STORAGE_KEY, '{not json');
  expect(loadPlacement(store)).toEqual(DEFAULT_PLACEMENT);
  store.setItem(PLACEMENT_STORAGE_KEY, JSON.stringify({ mode: 'teleport', edit: 'insert', gapTrack: -1 }));
  expect(loadPlacement(store)).toEqual({ ...DEFAULT_PLACEMENT, edit: 'insert' });
});

test('the track field: empty is lowest free, V2 or 2 a track index, anything else a name', () => {
  expect(parseTrackText('')).toEqual({ kind: 'lowest-free' });
  expect(parseTrackText('V2')).toEqual({ kind: 'index', index: 1 });
  expect(parseTrackText('3')).toEqual({ kind: 'index', index: 2 });
  expect(parseTrackText('AI drafts')).toEqual({ kind: 'named', name: 'AI drafts' });
  expect(trackText({ kind: 'index', index: 1 })).toBe('V2');
});

test('every placement carries the AI-draft colour label and the take provenance for the clip metadata', () => {
  const settings = toPlacementSettings({ ...DEFAULT_PLACEMENT, promptMarker: true });
  const provenance = { prompt: 'Kai leaps', seed: 7, backend: 'slate', model: 'slate-v1' };
  const request = placeRequest(
    {
      jobId: 'job_abcdefgh',
      shotId: 'S1-01',
      take: 1,
      status: 'done',
      provenance,
      output: {
        path: '/out/S1-01_take1.mp4',
        sidecarPath: '/out/S1-01_take1.json',
        frames: 24,
        fps: { num: 24, den: 1 },
        width: 64,
        height: 64,
        durationSeconds: 1,
        codec: 'h264',
        sha256: 'a'.repeat(64),
      },
    },
    undefined,
    settings,
  );
  expect(request.labels).toEqual({ colorLabel: AI_DRAFT_COLOR_LABEL, promptMarker: true, provenance });
});
