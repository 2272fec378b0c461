// Placement controls: mode, overwrite or insert, track; and for "Fill gaps" the gap list and its Generate button.
import { usePanelT } from '../i18n/use-t';
import { t } from '../i18n/i18n';
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
  const where = t('placement.gapWhere', { timecode: row.startTimecode, track: row.trackIndex + 1 });
  const frames = t('placement.frames', { count: row.frames });
  const length = t('placement.gapLength', { frames, timecode: row.lengthTimecode });
  if (row.reason) return t('placement.gapUnfillable', { where, length, reason: row.reason });
  return row.shots > 1
    ? t('placement.gapShots', { where, length, count: row.shots })
    : t('placement.gap', { where, length });
}

function GapList({ gaps }: { gaps: GapRow[] }) {
  const t = usePanelT();
  if (gaps.length === 0)
    return (
      <div data-testid="gap-list-empty" className="sl-muted">
        {t('placement.noGaps')}
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
  const t = usePanelT();
  const set = (change: Partial<PanelPlacement>) => onChange({ ...placement, ...change });
  const fillable = props.gaps?.reduce((sum, row) => sum + row.shots, 0) ?? 0;
  return (
    <section className="sl-pane" aria-label={t('placement.pane')}>
      <div className="sl-row sl-fields">
        <SelectField
          testId="placement-mode"
          label={t('placement.place')}
          value={placement.mode}
          onChange={(mode) => set({ mode: mode as PlacementMode })}
          options={PLACEMENT_MODES.map(({ mode }) => ({ value: mode, label: t(`placement.mode.${mode}`) }))}
        />
        <SelectField
          testId="placement-edit"
          label={t('placement.edit')}
          value={placement.edit}
          // Gaps are always overwritten exactly; insert there would move the clips that bound the gap.
          disabled={placement.mode === 'gaps' || placement.mode === 'replace'}
          onChange={(edit) => set({ edit: edit === 'insert' ? 'insert' : 'overwrite' })}
          options={[
            { value: 'overwrite', label: t('placement.overwrite') },
            { value: 'insert', label: t('placement.insert') },
          ]}
        />
        <TextField
          testId="placement-track"
          label={t('placement.track')}
          placeholder={t('placement.trackPlaceholder')}
          value={trackText(placement.track)}
          onChange={(text) => set({ track: parseTrackText(text) })}
        />
        <CheckboxField
          testId="prompt-marker"
          label={t('placement.promptMarker')}
          checked={placement.promptMarker}
          onChange={(promptMarker) => set({ promptMarker })}
          text={t('placement.promptMarkerText')}
        />
      </div>
      {placement.mode === 'gaps' && (
        <>
          <div className="sl-row sl-fields">
            <TextField
              testId="gap-track"
              label={t('placement.gapTrack')}
              type="number"
              value={String(placement.gapTrack + 1)}
              onChange={(text) => {
                const number = Number(text);
                if (Number.isInteger(number) && number >= 1) set({ gapTrack: number - 1 });
              }}
            />
            <TextField
              testId="gap-in"
              label={t('placement.in')}
              placeholder={t('placement.inPlaceholder')}
              value={placement.gapIn}
              onChange={(gapIn) => set({ gapIn })}
            />
            <TextField
              testId="gap-out"
              label={t('placement.out')}
              placeholder={t('placement.outPlaceholder')}
              value={placement.gapOut}
              onChange={(gapOut) => set({ gapOut })}
            />
            <CheckboxField
              testId="gap-split"
              label={t('placement.longGaps')}
              checked={placement.splitLongGaps}
              onChange={(splitLongGaps) => set({ splitLongGaps })}
              text={t('placement.split')}
            />
          </div>
          <div className="sl-row">
            <Button testId="find-gaps-button" onClick={props.onFindGaps}>
              {t('placement.findGaps')}
            </Button>
            <Button
              testId="fill-gaps-button"
              variant="primary"
              onClick={props.onFillGaps}
              disabled={props.fillProblem !== null || fillable === 0}
            >
              {t('placement.fillGaps', { count: fillable })}
            </Button>
            {props.pendingSlots > 0 && (
              <span data-testid="gap-pending" className="sl-muted">
                {t('placement.pending', { count: props.pendingSlots })}
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
