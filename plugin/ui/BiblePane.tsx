// The script's character bible and the project's default style: edit a description once and every shot's
// prompt follows. Saved with the project's templates on the companion, so every panel sees the same cast.
import { useState } from 'react';
import { usePanelT } from '../i18n/use-t';
import type { BibleEntry, CharacterBible } from '../../shared/shots';
import { Button, TextArea, TextField } from './widgets';

export interface BiblePaneProps {
  /** The bible the shots use now: the script's own, with the saved edits applied. */
  bible: CharacterBible;
  /** The script it belongs to (its file name), shown so the user knows what is being saved. */
  scriptKey: string;
  onSave: (characters: BibleEntry[]) => void;
  defaultStyle: string | null;
  onSaveDefaultStyle: (style: string | null) => void;
}

export function BiblePane(props: BiblePaneProps) {
  const t = usePanelT();
  // Unsaved edits by character name; what is shown falls back to the bible in force.
  const [drafts, setDrafts] = useState<ReadonlyMap<string, string>>(new Map());
  const [style, setStyle] = useState<string | null>(null);
  const edited = (entry: BibleEntry): BibleEntry => {
    const description = drafts.get(entry.name);
    // An edited description is the whole look: the script's later wardrobe changes no longer apply.
    return description === undefined ? entry : { ...entry, description, changes: [] };
  };
  const save = () => {
    props.onSave(props.bible.characters.map(edited));
    setDrafts(new Map());
  };
  const styleText = style ?? props.defaultStyle ?? '';

  return (
    <section className="sl-pane" aria-label={t('bible.pane')}>
      <div className="sl-row">
        <TextField
          testId="default-style-input"
          label={t('bible.style')}
          value={styleText}
          onChange={setStyle}
        />
        <Button
          testId="default-style-save"
          disabled={style === null}
          onClick={() => {
            props.onSaveDefaultStyle(styleText.trim() === '' ? null : styleText);
            setStyle(null);
          }}
        >
          {t('bible.saveStyle')}
        </Button>
      </div>
      {props.bible.characters.length === 0 ? (
        <p className="sl-field-label">{t('bible.none')}</p>
      ) : (
        props.bible.characters.map((entry) => (
          <TextArea
            key={entry.name}
            testId={`bible-${entry.name}`}
            label={entry.name}
            value={edited(entry).description}
            onChange={(value) => setDrafts((current) => new Map(current).set(entry.name, value))}
          />
        ))
      )}
      <Button testId="bible-save" variant="primary" disabled={drafts.size === 0} onClick={save}>
        {t('bible.save', { script: props.scriptKey })}
      </Button>
    </section>
  );
}
