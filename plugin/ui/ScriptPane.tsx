// Paste or import a screenplay; its candidate shots are listed under their scene headings to select and edit.
import type { ChangeEvent } from 'react';
import { groupByScene, type ScriptShot } from './script-shots';
import { Button } from './widgets';

export interface ScriptPaneProps {
  text: string;
  onTextChange: (text: string) => void;
  /** A file the user picked: its name decides Fountain / Final Draft / plain text. */
  onImport: (text: string, fileName: string) => void;
  shots: ScriptShot[];
  formatLabel: string;
  parseError?: string;
  /** What the reader noticed but did not make shots of; shown so no line goes missing silently. */
  notices?: readonly string[];
  selected: ReadonlySet<number>;
  focused: number | null;
  onToggle: (lineNumber: number) => void;
  onSelectAll: (all: boolean) => void;
  /** Present only when the host can read markers / transcripts. */
  onFromMarkers?: () => void;
  onFromTranscript?: () => void;
}

const FILE_TYPES = '.fountain,.spmd,.fdx,.txt,text/plain';

function lineRange(shot: ScriptShot): string {
  return shot.endLine > shot.lineNumber ? `l. ${shot.lineNumber}–${shot.endLine}` : `l. ${shot.lineNumber}`;
}

export function ScriptPane(props: ScriptPaneProps) {
  const { shots, selected, onToggle } = props;
  const readFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    void file.text().then((text) => props.onImport(text, file.name));
  };
  return (
    <section className="sl-pane" aria-label="Script">
      <textarea
        data-testid="script-input"
        className="sl-script"
        placeholder="Paste a screenplay (Fountain, Final Draft) or plain lines: one line, one shot. 中文剧本也可以。"
        value={props.text}
        onChange={(event) => props.onTextChange(event.target.value)}
      />
      <div className="sl-row">
        <label className="sl-button secondary sl-file">
          Import…
          <input data-testid="script-file" type="file" accept={FILE_TYPES} onChange={readFile} />
        </label>
        {props.onFromMarkers && (
          <Button testId="from-markers-button" onClick={props.onFromMarkers}>
            From markers
          </Button>
        )}
        {props.onFromTranscript && (
          <Button testId="from-transcript-button" onClick={props.onFromTranscript}>
            From transcript
          </Button>
        )}
        <span data-testid="script-format" className="sl-muted">
          {props.formatLabel}
        </span>
      </div>
      {props.parseError && (
        <div role="alert" className="sl-warning">
          {props.parseError}
        </div>
      )}
      {props.notices?.map((notice) => (
        <div key={notice} data-testid="script-notice" className="sl-muted">
          {notice}
        </div>
      ))}
      <div className="sl-row">
        <span className="sl-muted">
          {selected.size} of {shots.length} shots selected
        </span>
        <Button
          testId="select-all-button"
          onClick={() => props.onSelectAll(true)}
          disabled={shots.length === 0}
        >
          All
        </Button>
        <Button
          testId="select-none-button"
          onClick={() => props.onSelectAll(false)}
          disabled={selected.size === 0}
        >
          None
        </Button>
      </div>
      {groupByScene(shots).map((group) => (
        <div key={`${group.heading}-${group.shots[0]?.lineNumber}`} className="sl-scene">
          {group.heading && <div className="sl-scene-heading">{group.heading}</div>}
          <ol className="sl-lines">
            {group.shots.map((shot) => {
              const isSelected = selected.has(shot.lineNumber);
              const isFocused = props.focused === shot.lineNumber;
              return (
                <li
                  key={shot.lineNumber}
                  data-testid={`script-line-${shot.lineNumber}`}
                  data-selected={isSelected ? 'true' : 'false'}
                  role="checkbox"
                  aria-checked={isSelected}
                  tabIndex={0}
                  className={`sl-line${isSelected ? ' selected' : ''}${isFocused ? ' focused' : ''}`}
                  onClick={() => onToggle(shot.lineNumber)}
                  onKeyDown={(event) => {
                    if (event.key === ' ' || event.key === 'Enter') onToggle(shot.lineNumber);
                  }}
                >
                  <span className="sl-check">{isSelected ? '☑' : '☐'}</span>
                  <span className="sl-shot-id">{shot.shotId}</span>
                  <span className="sl-line-text">{shot.text}</span>
                  <span className="sl-muted sl-line-no">{lineRange(shot)}</span>
                </li>
              );
            })}
          </ol>
        </div>
      ))}
    </section>
  );
}
