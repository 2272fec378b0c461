// The focused shot's fields with bilingual labels, and the prompt the selected backend would receive.
import {
  getShotField,
  SHOT_FIELD_LABEL_KEYS,
  SHOT_FIELD_LABELS,
  type CompiledPrompt,
  type ShotDescription,
  type ShotFieldPath,
} from '../../shared/shots';
import { promptLength, PROMPT_TARGETS } from '../../shared/shots';
import { usePanelT } from '../i18n/use-t';
import { t } from '../i18n/i18n';
import type { ScriptShot } from './script-shots';
import { Button, TextArea, TextField } from './widgets';

export interface ShotFormProps {
  shot: ScriptShot | null;
  description: ShotDescription | null;
  edited: (path: ShotFieldPath) => boolean;
  onFieldChange: (path: ShotFieldPath, value: string) => void;
  onReset: () => void;
  compiled: CompiledPrompt | null;
  /** Why no preview could be made (e.g. a broken template), in words. */
  compileError?: string;
  /** Shown as the negative prompt's placeholder: what applies when the field is empty. */
  defaultNegativePrompt: string;
}

const SHORT_FIELDS: ShotFieldPath[][] = [
  ['subject.who', 'subject.wardrobe'],
  ['environment', 'timeOfDay', 'weather'],
  ['camera.shotSize', 'camera.angle', 'camera.movement', 'camera.lens'],
  ['lighting', 'style'],
];

export function fieldLabel(path: ShotFieldPath): string {
  // Both languages, the panel's first: the Chinese term beside the English one helps mixed crews.
  return t('shot.fieldLabel', SHOT_FIELD_LABELS[SHOT_FIELD_LABEL_KEYS[path]]);
}

function limitText(compiled: CompiledPrompt): string {
  const max = PROMPT_TARGETS[compiled.target].maxPromptChars;
  const length = promptLength(compiled.prompt);
  return max === null ? t('shot.chars', { count: length }) : t('shot.charsOf', { count: length, max });
}

export function ShotForm(props: ShotFormProps) {
  const { shot, description, compiled } = props;
  const t = usePanelT();
  const edited = (path: ShotFieldPath) =>
    props.edited(path) ? t('shot.edited', { label: fieldLabel(path) }) : fieldLabel(path);
  if (!shot || !description) {
    return (
      <section className="sl-pane" aria-label={t('shot.pane')}>
        <span className="sl-muted">{t('shot.empty')}</span>
      </section>
    );
  }
  const field = (path: ShotFieldPath) => (
    <TextField
      key={path}
      testId={`shot-field-${path}`}
      label={edited(path)}
      value={getShotField(description, path)}
      onChange={(value) => props.onFieldChange(path, value)}
    />
  );
  return (
    <section className="sl-pane" aria-label={t('shot.pane')} data-testid="shot-form">
      <div className="sl-row">
        <strong>{shot.shotId}</strong>
        <span className="sl-muted sl-ellipsis">{shot.sceneHeading ?? t('shot.noScene')}</span>
        <Button testId="shot-reset-button" onClick={props.onReset}>
          {t('shot.reset')}
        </Button>
      </div>
      <TextArea
        testId="shot-field-action"
        label={edited('action')}
        value={description.action}
        onChange={(value) => props.onFieldChange('action', value)}
      />
      {SHORT_FIELDS.map((row) => (
        <div key={row.join()} className="sl-row sl-fields">
          {row.map(field)}
        </div>
      ))}
      <TextArea
        testId="shot-field-negativePrompt"
        label={fieldLabel('negativePrompt')}
        value={description.negativePrompt}
        placeholder={t('shot.negativePlaceholder', { prompt: props.defaultNegativePrompt })}
        onChange={(value) => props.onFieldChange('negativePrompt', value)}
      />
      <div className="sl-preview" data-testid="prompt-preview-box">
        {props.compileError && (
          <div role="alert" className="sl-warning">
            {props.compileError}
          </div>
        )}
        {compiled && (
          <>
            <div className="sl-muted">
              {t('shot.promptFor', { target: compiled.target, limit: limitText(compiled) })}
            </div>
            <div data-testid="prompt-preview" className="sl-prompt">
              {compiled.prompt}
            </div>
            <div className="sl-muted">{t('shot.negative', { prompt: compiled.negativePrompt })}</div>
            {compiled.warnings.map((warning) => (
              <div key={warning.code} data-testid="prompt-warning" role="alert" className="sl-warning">
                {warning.message}
              </div>
            ))}
          </>
        )}
      </div>
    </section>
  );
}
