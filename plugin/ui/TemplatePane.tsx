// The project's prompt templates (kept by the companion, shared by all panels): apply, edit, save, delete, share.
import { useState } from 'react';
import { codedText } from '../i18n/coded-text';
import { usePanelT } from '../i18n/use-t';
import type { WireTemplate } from '../../shared/protocol';
import { checkTemplateText, TEMPLATE_PLACEHOLDERS, WAN_DEFAULT_NEGATIVE_PROMPT } from '../../shared/shots';
import { TEMPLATE_TYPES, type TextFiles } from '../host/text-files';
import { exportTemplates, importTemplates } from './template-io';
import { Button, TextArea, TextField } from './widgets';

export interface TemplatePaneProps {
  project: string;
  onProjectChange: (project: string) => void;
  /** null until the companion has answered. */
  templates: WireTemplate[] | null;
  /** The template prompts are laid out with; null: Wan's one-paragraph layout. */
  active: string | null;
  onApply: (name: string | null) => void;
  onSave: (templates: WireTemplate[]) => void;
  onDelete: (name: string) => void;
  negativePrompt: string | null;
  onSaveNegativePrompt: (text: string | null) => void;
  onError: (message: string) => void;
  /** UXP's pickers: UXP has no <input type="file"> and no downloads. */
  files: TextFiles;
}

const EMPTY: WireTemplate = { name: '', description: '', template: '' };

export function TemplatePane(props: TemplatePaneProps) {
  const { templates, active } = props;
  const t = usePanelT();
  const [draft, setDraft] = useState<WireTemplate>(EMPTY);
  const [negative, setNegative] = useState<string | null>(null);
  const [shared, setShared] = useState('');
  const problems = (draft.template ? checkTemplateText(draft.template) : []).map((problem) =>
    codedText('shared', problem),
  );
  const canSave = draft.name.trim() !== '' && draft.template.trim() !== '' && problems.length === 0;
  const negativeText = negative ?? props.negativePrompt ?? '';

  const importText = (text: string) => {
    const result = importTemplates(text);
    if (!result.ok) return props.onError(result.message);
    props.onSave(result.templates);
    setShared('');
  };
  const fail = (err: unknown) => props.onError(t('errors.fileUnusable', { detail: String(err) }));
  const openFile = () =>
    void props.files
      .open(TEMPLATE_TYPES)
      .then((file) => file && importText(file.text))
      .catch(fail);
  const saveFile = () =>
    void props.files
      .save('shotline-templates.json', TEMPLATE_TYPES, exportTemplates(templates ?? []))
      .catch(fail);

  return (
    <section className="sl-pane" aria-label={t('templates.pane')}>
      <div className="sl-row">
        <TextField
          testId="project-input"
          label={t('templates.project')}
          value={props.project}
          onChange={props.onProjectChange}
        />
        <label className="sl-field">
          <span className="sl-field-label">{t('templates.layout')}</span>
          <select
            data-testid="template-select"
            className="sl-input"
            value={active ?? ''}
            onChange={(event) => props.onApply(event.target.value || null)}
          >
            <option value="">{t('templates.builtIn')}</option>
            {(templates ?? []).map((item) => (
              <option key={item.name} value={item.name}>
                {item.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {templates === null && <span className="sl-muted">{t('templates.connect')}</span>}
      <ul className="sl-templates" data-testid="template-list">
        {(templates ?? []).map((item) => (
          <li key={item.name} data-testid="template-item" className={item.name === active ? 'selected' : ''}>
            <span className="sl-template-name">{item.name}</span>
            <span className="sl-muted sl-ellipsis">{item.description}</span>
            <Button
              testId="template-apply"
              onClick={() => props.onApply(item.name)}
              disabled={item.name === active}
            >
              {t('templates.apply')}
            </Button>
            <Button testId="template-edit" onClick={() => setDraft({ ...item })}>
              {t('templates.edit')}
            </Button>
            <Button testId="template-delete" variant="negative" onClick={() => props.onDelete(item.name)}>
              {t('templates.delete')}
            </Button>
          </li>
        ))}
      </ul>
      <div className="sl-row sl-fields">
        <TextField
          testId="template-name"
          label={t('templates.name')}
          value={draft.name}
          onChange={(name) => setDraft({ ...draft, name })}
        />
        <TextField
          testId="template-description"
          label={t('templates.description')}
          value={draft.description}
          onChange={(description) => setDraft({ ...draft, description })}
        />
      </div>
      <TextArea
        testId="template-text"
        label={t('templates.text', { placeholders: TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ') })}
        value={draft.template}
        onChange={(template) => setDraft({ ...draft, template })}
      />
      {problems.map((problem) => (
        <div key={problem} role="alert" className="sl-warning">
          {problem}
        </div>
      ))}
      <div className="sl-row">
        <Button
          testId="template-save"
          variant="primary"
          disabled={!canSave}
          onClick={() => props.onSave([draft])}
        >
          {t('templates.save')}
        </Button>
        <Button
          testId="template-export"
          disabled={!templates?.length}
          onClick={() => setShared(exportTemplates(templates ?? []))}
        >
          {t('templates.export')}
        </Button>
        <Button testId="template-import" disabled={shared.trim() === ''} onClick={() => importText(shared)}>
          {t('templates.import')}
        </Button>
        <Button testId="template-open-file" onClick={openFile}>
          {t('templates.openFile')}
        </Button>
        <Button testId="template-save-file" disabled={!templates?.length} onClick={saveFile}>
          {t('templates.saveFile')}
        </Button>
      </div>
      <TextArea
        testId="template-json"
        label={t('templates.json')}
        value={shared}
        onChange={setShared}
        rows={3}
      />
      <TextArea
        testId="project-negative-prompt"
        label={t('templates.negative')}
        value={negativeText}
        placeholder={t('templates.negativePlaceholder', { prompt: WAN_DEFAULT_NEGATIVE_PROMPT })}
        onChange={setNegative}
      />
      <div className="sl-row">
        <Button
          testId="negative-save"
          disabled={negative === null}
          onClick={() => {
            props.onSaveNegativePrompt(negativeText.trim() ? negativeText : null);
            setNegative(null);
          }}
        >
          {t('templates.saveNegative')}
        </Button>
        <Button
          testId="negative-reset"
          disabled={props.negativePrompt === null}
          onClick={() => {
            props.onSaveNegativePrompt(null);
            setNegative(null);
          }}
        >
          {t('templates.resetNegative')}
        </Button>
      </div>
    </section>
  );
}
