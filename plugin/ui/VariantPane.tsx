// The variant matrix: variables × values × seeds, with the take count (and the cap) shown before sending.
import { usePanelT } from '../i18n/use-t';
import { activeRows, type TakeCount, type VariantRow, type VariantSettings } from './variant-form';
import { Button, TextField } from './widgets';

export interface VariantPaneProps {
  settings: VariantSettings;
  onChange: (settings: VariantSettings) => void;
  count: TakeCount;
  shotCount: number;
  /** The first few take labels of the focused shot, so the user sees what each take will be called. */
  previewLabels: string[];
}

export function VariantPane({ settings, onChange, count, shotCount, previewLabels }: VariantPaneProps) {
  const t = usePanelT();
  const setRow = (index: number, change: Partial<VariantRow>) =>
    onChange({
      ...settings,
      rows: settings.rows.map((row, i) => (i === index ? { ...row, ...change } : row)),
    });
  const active = activeRows(settings.rows).length > 0 || settings.seeds.trim() !== '';
  return (
    <section className="sl-pane" aria-label={t('variants.pane')}>
      <div className="sl-row">
        <strong>{t('variants.title')}</strong>
        <span className="sl-muted">{t('variants.hint')}</span>
      </div>
      {settings.rows.map((row, index) => (
        <div key={index} className="sl-row sl-fields" data-testid="variant-row">
          <TextField
            testId={`variant-name-${index}`}
            label={t('variants.variable')}
            placeholder={t('variants.variablePlaceholder')}
            value={row.name}
            onChange={(name) => setRow(index, { name })}
          />
          <TextField
            testId={`variant-values-${index}`}
            label={t('variants.values')}
            placeholder={t('variants.valuesPlaceholder')}
            value={row.values}
            onChange={(values) => setRow(index, { values })}
          />
          <Button
            testId={`variant-remove-${index}`}
            onClick={() => onChange({ ...settings, rows: settings.rows.filter((_, i) => i !== index) })}
          >
            {t('variants.remove')}
          </Button>
        </div>
      ))}
      <div className="sl-row sl-fields">
        <Button
          testId="variant-add"
          onClick={() => onChange({ ...settings, rows: [...settings.rows, { name: '', values: '' }] })}
        >
          {t('variants.add')}
        </Button>
        <TextField
          testId="variant-seeds"
          label={t('variants.seeds')}
          placeholder={t('variants.seedsPlaceholder')}
          value={settings.seeds}
          onChange={(seeds) => onChange({ ...settings, seeds })}
        />
        <TextField
          testId="variant-cap"
          label={t('variants.cap')}
          type="number"
          value={String(settings.maxTakes)}
          onChange={(text) => onChange({ ...settings, maxTakes: Math.round(Number(text) || 0) })}
        />
      </div>
      <div data-testid="variant-count" className={count.problem ? 'sl-warning' : 'sl-muted'}>
        {count.problem ??
          (active
            ? t('variants.count', {
                perShot: t('variants.takes', { count: count.perShot }),
                shots: t('variants.shots', { count: shotCount }),
                total: t('variants.takes', { count: count.total }),
                cap: settings.maxTakes,
              })
            : t('variants.noVariables', { total: t('variants.takes', { count: count.total }) }))}
      </div>
      {active && previewLabels.length > 0 && (
        <ul className="sl-muted sl-variant-labels" data-testid="variant-labels">
          {previewLabels.map((label) => (
            <li key={label}>{label}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
