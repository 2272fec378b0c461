// Generation settings (backend, length, takes, seed) over the active sequence's format, and the Generate button.
import { usePanelT } from '../i18n/use-t';
import { t } from '../i18n/i18n';
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
    return t('generate.noSequence', { ...frameSize, fps: formatFrameRate(frameRate) });
  }
  const { frameSize, frameRate } = sequence;
  return t('generate.sequence', { name: sequence.name, ...frameSize, fps: formatFrameRate(frameRate) });
}

export function GeneratePane(props: GeneratePaneProps) {
  const { settings, onSettingsChange, backends, checks } = props;
  const t = usePanelT();
  const chosen = checks[settings.backend];
  const unavailable = backends.filter((b) => !b.available);
  const set = (change: Partial<GenerateSettings>) => onSettingsChange({ ...settings, ...change });
  const number = (text: string, fallback: number) =>
    Number.isFinite(Number(text)) && text !== '' ? Number(text) : fallback;
  return (
    <section className="sl-pane" aria-label={t('generate.pane')}>
      <div className="sl-row">
        <Button
          testId="generate-button"
          variant="primary"
          onClick={props.onGenerate}
          disabled={props.blocked !== null}
        >
          {t('generate.button', {
            count: props.selectedCount,
            takes: t('generate.takes', { count: props.takeCount }),
          })}
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
          {t('generate.refresh')}
        </Button>
      </div>
      <div className="sl-row">
        <SelectField
          testId="backend-select"
          label={t('generate.backend')}
          value={settings.backend}
          onChange={(backend) => set({ backend })}
          emptyLabel={t('generate.connectFirst')}
          // Every offered backend stays pickable (UXP ignores <option disabled>); Generate says why one cannot run.
          options={backends
            .filter((b) => b.available)
            .map((b) => ({ value: b.name, label: pickerLabel(b, checks[b.name]) }))}
        />
        <TextField
          testId="duration-input"
          label={t('generate.seconds')}
          type="number"
          value={String(settings.durationSeconds)}
          onChange={(text) => set({ durationSeconds: number(text, settings.durationSeconds) })}
        />
        <TextField
          testId="takes-input"
          label={t('generate.takesLabel')}
          type="number"
          value={String(settings.takes)}
          onChange={(text) => set({ takes: Math.round(number(text, settings.takes)) })}
        />
        <TextField
          testId="seed-input"
          label={t('generate.seed')}
          placeholder={t('generate.seedPlaceholder')}
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
            ? t('generate.checking', { backend: settings.backend })
            : chosen.sentences.map((sentence) => <div key={sentence}>{sentence}</div>)}
        </div>
      )}
      {unavailable.length > 0 && (
        <div className="sl-muted" data-testid="backends-unavailable">
          {unavailable
            .map((b) =>
              t('generate.backendReason', {
                backend: b.label,
                reason: b.reason ?? t('generate.unavailable'),
              }),
            )
            .join(' · ')}
        </div>
      )}
    </section>
  );
}
