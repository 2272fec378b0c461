// The variant matrix: variables × values × seeds, with the take count (and the cap) shown before sending.
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
  const setRow = (index: number, change: Partial<VariantRow>) =>
    onChange({
      ...settings,
      rows: settings.rows.map((row, i) => (i === index ? { ...row, ...change } : row)),
    });
  const active = activeRows(settings.rows).length > 0 || settings.seeds.trim() !== '';
  return (
    <section className="sl-pane" aria-label="Variants">
      <div className="sl-row">
        <strong>Variants</strong>
        <span className="sl-muted">
          Field (camera, 景别, wardrobe…) or a {'{placeholder}'} in the shot’s text.
        </span>
      </div>
      {settings.rows.map((row, index) => (
        <div key={index} className="sl-row sl-fields" data-testid="variant-row">
          <TextField
            testId={`variant-name-${index}`}
            label="Variable"
            placeholder="coat colour"
            value={row.name}
            onChange={(name) => setRow(index, { name })}
          />
          <TextField
            testId={`variant-values-${index}`}
            label="Values (comma-separated)"
            placeholder="black, blue, red"
            value={row.values}
            onChange={(values) => setRow(index, { values })}
          />
          <Button
            testId={`variant-remove-${index}`}
            onClick={() => onChange({ ...settings, rows: settings.rows.filter((_, i) => i !== index) })}
          >
            Remove
          </Button>
        </div>
      ))}
      <div className="sl-row sl-fields">
        <Button
          testId="variant-add"
          onClick={() => onChange({ ...settings, rows: [...settings.rows, { name: '', values: '' }] })}
        >
          Add variable
        </Button>
        <TextField
          testId="variant-seeds"
          label="Seeds"
          placeholder="7, 8 or 10-14"
          value={settings.seeds}
          onChange={(seeds) => onChange({ ...settings, seeds })}
        />
        <TextField
          testId="variant-cap"
          label="Take cap"
          type="number"
          value={String(settings.maxTakes)}
          onChange={(text) => onChange({ ...settings, maxTakes: Math.round(Number(text) || 0) })}
        />
      </div>
      <div data-testid="variant-count" className={count.problem ? 'sl-warning' : 'sl-muted'}>
        {count.problem ??
          (active
            ? `${count.perShot} takes per shot × ${shotCount} shots = ${count.total} takes (cap ${settings.maxTakes}).`
            : `No variables: ${count.total} takes (the Takes setting per shot).`)}
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
