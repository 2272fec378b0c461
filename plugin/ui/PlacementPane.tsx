// Placement controls: mode, overwrite or insert, track; and for "Fill gaps" the gap list and its Generate button.
import type { GapRow } from './gap-fill';
import {
  PLACEMENT_MODES,
  parseTrackText,
  trackText,
  type PanelPlacement,
  type PlacementMode,
} from './placement-settings';
import { Button, CheckboxField, SelectField, TextField } from './widgets';

export interface PlacementPaneProps {
  placement: PanelPlacement;
  onChange: (placement: PanelPlacement) => void;
  /** Gaps last found, or null before "Find gaps". */
  gaps: GapRow[] | null;
  onFindGaps: () => void;
  onFillGaps: () => void;
  /** Why "Generate for gaps" cannot run now (not connected, no line selected…); null when it can. */
  fillProblem: string | null;
  /** Gap shots still being made or placed. */
  pendingSlots: number;
}

function gapLine(row: GapRow): string {
  const where = `${row.startTimecode} on V${row.trackIndex + 1}`;
  const length = `${row.frames} ${row.frames === 1 ? 'frame' : 'frames'} (${row.lengthTimecode})`;
  if (row.reason) return `${where}: ${length}, cannot fill: ${row.reason}.`;
  return `${where}: ${length}${row.shots > 1 ? `, ${row.shots} shots` : ''}`;
}

function GapList({ gaps }: { gaps: GapRow[] }) {
  if (gaps.length === 0)
    return (
      <div data-testid="gap-list-empty" className="sl-muted">
        No gaps on that track in that range.
      </div>
    );
  return (
    <ul className="sl-gaps" data-testid="gap-list">
      {gaps.map((row) => (
        <li
          key={row.key}
          data-testid="gap-row"
          data-status={row.status}
          data-frames={row.frames}
          className={row.reason ? 'sl-warning' : undefined}
        >
          {gapLine(row)}
        </li>
      ))}
    </ul>
  );
}

export function PlacementPane(props: PlacementPaneProps) {
  const { placement, onChange } = props;
  const set = (change: Partial<PanelPlacement>) => onChange({ ...placement, ...change });
  const fillable = props.gaps?.reduce((sum, row) => sum + row.shots, 0) ?? 0;
  return (
    <section className="sl-pane" aria-label="Placement">
      <div className="sl-row sl-fields">
        <SelectField
          testId="placement-mode"
          label="Place"
          value={placement.mode}
          onChange={(mode) => set({ mode: mode as PlacementMode })}
          options={PLACEMENT_MODES.map(({ mode, label }) => ({ value: mode, label }))}
        />
        <SelectField
          testId="placement-edit"
          label="Edit"
          value={placement.edit}
          // Gaps are always overwritten exactly; insert there would move the clips that bound the gap.
          disabled={placement.mode === 'gaps' || placement.mode === 'replace'}
          onChange={(edit) => set({ edit: edit === 'insert' ? 'insert' : 'overwrite' })}
          options={[
            { value: 'overwrite', label: 'Overwrite' },
            { value: 'insert', label: 'Insert (ripple)' },
          ]}
        />
        <TextField
          testId="placement-track"
          label="Track"
          placeholder="lowest free"
          value={trackText(placement.track)}
          onChange={(text) => set({ track: parseTrackText(text) })}
        />
        <CheckboxField
          testId="prompt-marker"
          label="Prompt marker"
          checked={placement.promptMarker}
          onChange={(promptMarker) => set({ promptMarker })}
          text="add a marker with the prompt on placed clips"
        />
      </div>
      {placement.mode === 'gaps' && (
        <>
          <div className="sl-row sl-fields">
            <TextField
              testId="gap-track"
              label="Gaps on video track"
              type="number"
              value={String(placement.gapTrack + 1)}
              onChange={(text) => {
                const number = Number(text);
                if (Number.isInteger(number) && number >= 1) set({ gapTrack: number - 1 });
              }}
            />
            <TextField
              testId="gap-in"
              label="In"
              placeholder="sequence start"
              value={placement.gapIn}
              onChange={(gapIn) => set({ gapIn })}
            />
            <TextField
              testId="gap-out"
              label="Out"
              placeholder="sequence end"
              value={placement.gapOut}
              onChange={(gapOut) => set({ gapOut })}
            />
            <CheckboxField
              testId="gap-split"
              label="Long gaps"
              checked={placement.splitLongGaps}
              onChange={(splitLongGaps) => set({ splitLongGaps })}
              text="split into several shots"
            />
          </div>
          <div className="sl-row">
            <Button testId="find-gaps-button" onClick={props.onFindGaps}>
              Find gaps
            </Button>
            <Button
              testId="fill-gaps-button"
              variant="primary"
              onClick={props.onFillGaps}
              disabled={props.fillProblem !== null || fillable === 0}
            >
              Generate for {fillable} {fillable === 1 ? 'gap shot' : 'gap shots'}
            </Button>
            {props.pendingSlots > 0 && (
              <span data-testid="gap-pending" className="sl-muted">
                {props.pendingSlots} waiting to be placed
              </span>
            )}
          </div>
          {props.fillProblem && props.gaps && (
            <div data-testid="gap-fill-problem" className="sl-muted">
              {props.fillProblem}
            </div>
          )}
          {props.gaps && <GapList gaps={props.gaps} />}
        </>
      )}
    </section>
  );
}
