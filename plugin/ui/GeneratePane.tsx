// Generation settings (backend, length, takes, seed) over the active sequence's format, and the Generate button.
import type { BackendInfo } from '../../shared/protocol';
import { formatFrameRate } from '../../shared/timecode';
import type { SequenceInfo } from '../host/host-adapter';
import { pickerLabel, type BackendCheck } from './backend-checks';
import type { GenerateSettings } from './shot-requests';
import { FALLBACK_FORMAT } from './shot-requests';
import { Button, SelectField, TextField } from './widgets';

export interface GeneratePaneProps {
  settings: GenerateSettings;
  onSettingsChange: (settings: GenerateSettings) => void;
  backends: BackendInfo[];
  /** Each backend's last preflight, by name: shown in the picker and under it for the chosen one. */
  checks: Readonly<Record<string, BackendCheck>>;
  sequence: SequenceInfo | null;
  onRefreshSequence: () => void;
  /** Why Generate is off, in one sentence; null when it can run. */
  blocked: string | null;
  selectedCount: number;
  /** Jobs the request becomes (shots × takes, or the variant matrix), shown before sending. */
  takeCount: number;
  onGenerate: () => void;
}

function formatLine(sequence: SequenceInfo | null): string {
  if (!sequence) {
    const { frameSize, frameRate } = FALLBACK_FORMAT;
    return `No open sequence: clips will be ${frameSize.width}×${frameSize.height} at ${formatFrameRate(frameRate)} fps.`;
  }
  const { frameSize, frameRate } = sequence;
  return `${sequence.name}: ${frameSize.width}×${frameSize.height}, ${formatFrameRate(frameRate)} fps`;
}

export function GeneratePane(props: GeneratePaneProps) {
  const { settings, onSettingsChange, backends, checks } = props;
  const chosen = checks[settings.backend];
  const unavailable = backends.filter((b) => !b.available);
  const set = (change: Partial<GenerateSettings>) => onSettingsChange({ ...settings, ...change });
  const number = (text: string, fallback: number) =>
    Number.isFinite(Number(text)) && text !== '' ? Number(text) : fallback;
  return (
    <section className="sl-pane" aria-label="Generate">
      <div className="sl-row">
        <Button
          testId="generate-button"
          variant="primary"
          onClick={props.onGenerate}
          disabled={props.blocked !== null}
        >
          Generate {props.selectedCount} {props.selectedCount === 1 ? 'shot' : 'shots'} ({props.takeCount}{' '}
          {props.takeCount === 1 ? 'take' : 'takes'})
        </Button>
        {props.blocked && (
          <span data-testid="generate-why" className="sl-why">
            {props.blocked}
          </span>
        )}
      </div>
      <div className="sl-row">
        <span data-testid="sequence-format" className="sl-muted">
          {formatLine(props.sequence)}
        </span>
        <Button testId="refresh-sequence-button" onClick={props.onRefreshSequence}>
          Refresh
        </Button>
      </div>
      <div className="sl-row">
        <SelectField
          testId="backend-select"
          label="Backend"
          value={settings.backend}
          onChange={(backend) => set({ backend })}
          emptyLabel="(connect first)"
          // Every offered backend stays pickable (UXP ignores <option disabled>); Generate says why one cannot run.
          options={backends
            .filter((b) => b.available)
            .map((b) => ({ value: b.name, label: pickerLabel(b, checks[b.name]) }))}
        />
        <TextField
          testId="duration-input"
          label="Seconds"
          type="number"
          value={String(settings.durationSeconds)}
          onChange={(text) => set({ durationSeconds: number(text, settings.durationSeconds) })}
        />
        <TextField
          testId="takes-input"
          label="Takes"
          type="number"
          value={String(settings.takes)}
          onChange={(text) => set({ takes: Math.round(number(text, settings.takes)) })}
        />
        <TextField
          testId="seed-input"
          label="Seed"
          placeholder="random"
          value={settings.seed}
          onChange={(seed) => set({ seed })}
        />
      </div>
      {chosen && (
        <div
          data-testid="backend-state"
          data-state={chosen.state}
          className={chosen.state === 'ready' || chosen.state === 'checking' ? 'sl-muted' : 'sl-why'}
        >
          {chosen.state === 'checking'
            ? `Checking what ${settings.backend} needs…`
            : chosen.sentences.map((sentence) => <div key={sentence}>{sentence}</div>)}
        </div>
      )}
      {unavailable.length > 0 && (
        <div className="sl-muted" data-testid="backends-unavailable">
          {unavailable.map((b) => `${b.label}: ${b.reason ?? 'unavailable'}`).join(' · ')}
        </div>
      )}
    </section>
  );
}
