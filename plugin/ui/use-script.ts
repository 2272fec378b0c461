// Script pane state: the text and where it came from, its shots, which are selected and focused, and edits.
import { useMemo, useState } from 'react';
import { t } from '../i18n/i18n';
import type { ScriptFormat } from '../../shared/screenplay';
import type { CharacterBible, ShotFieldPath } from '../../shared/shots';
import { readScriptShots, type ScriptShot, type ScriptSource } from './script-shots';
import { descriptionOf, editShotField, isEdited, resetShot, type ShotEdits } from './shot-edits';
import type { PreparedShot } from './shot-requests';

function formatLabelOf(format: ScriptFormat, fileName: string | undefined, count: number): string {
  const name = t(`script.format.${format}`);
  return fileName
    ? t('script.formatFileLine', { format: name, file: fileName, count })
    : t('script.formatLine', { format: name, count });
}

/** The key a script's edited bible is saved under: its file name, or one shared name for typed text. */
export const UNTITLED_SCRIPT = 'untitled script';

export function useScript(bibles: Readonly<Record<string, CharacterBible>> = {}) {
  const [source, setSource] = useState<ScriptSource>({ text: '' });
  // Shots start selected (pasting or importing a script is asking for its shots): only the lines the
  // editor turned off are kept, so newly pasted lines arrive selected.
  const [deselected, setDeselected] = useState<ReadonlySet<number>>(new Set());
  const [focused, setFocused] = useState<number | null>(null);
  const [edits, setEdits] = useState<ShotEdits>(new Map());
  const scriptKey = source.fileName ?? UNTITLED_SCRIPT;
  const storedBible = bibles[scriptKey] ?? null;
  const parsed = useMemo(() => readScriptShots({ ...source, bible: storedBible }), [source, storedBible]);
  const shots = parsed.shots;
  const selected: ReadonlySet<number> = new Set(
    shots.filter((shot) => !deselected.has(shot.lineNumber)).map((shot) => shot.lineNumber),
  );
  const focusedShot = shots.find((shot) => shot.lineNumber === focused) ?? null;

  const formatLabel = parsed.format ? formatLabelOf(parsed.format, source.fileName, shots.length) : '';
  const prepared: PreparedShot[] = shots
    .filter((shot) => selected.has(shot.lineNumber))
    .map((shot) => ({ shot, description: descriptionOf(shot, edits) }));

  return {
    source,
    shots,
    parseError: parsed.error,
    notices: parsed.notices ?? [],
    scriptKey,
    bible: parsed.bible,
    formatLabel,
    selected,
    focusedShot,
    focusedDescription: focusedShot ? descriptionOf(focusedShot, edits) : null,
    prepared,
    /** Typing keeps the origin (file name, timeline timings) so an edited import still parses the same way. */
    setText: (text: string) => setSource((s) => ({ ...s, text })),
    /** A new script: every shot selected, nothing focused. */
    load: (next: ScriptSource) => {
      setSource(next);
      setDeselected(new Set());
      setFocused(null);
    },
    toggle: (lineNumber: number) => {
      setFocused(lineNumber);
      setDeselected((current) => {
        const next = new Set(current);
        if (!next.delete(lineNumber)) next.add(lineNumber);
        return next;
      });
    },
    selectAll: (all: boolean) => setDeselected(new Set(all ? [] : shots.map((s) => s.lineNumber))),
    isEdited: (path: ShotFieldPath) => (focusedShot ? isEdited(focusedShot, edits, path) : false),
    editField: (shot: ScriptShot, path: ShotFieldPath, value: string) =>
      setEdits((current) => editShotField(current, shot, path, value)),
    reset: (shot: ScriptShot) => setEdits((current) => resetShot(current, shot)),
  };
}
