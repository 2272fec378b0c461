// Paste or import a screenplay; its candidate shots are listed under their scene headings to select and edit.
import { usePanelT } from '../i18n/use-t';
import { t } from '../i18n/i18n';
import { groupByScene, type ScriptShot } from './script-shots';
import { Button } from './widgets';

export interface ScriptPaneProps {
  text: string;
  onTextChange: (text: string) => void;
  /** Opens UXP's file picker (UXP has no <input type="file">); the file's name decides the format. */
  onImport: () => void;
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

function lineRange(shot: ScriptShot): string {
  return shot.endLine > shot.lineNumber
    ? t('script.lines', { from: shot.lineNumber, to: shot.endLine })
    : t('script.line', { from: shot.lineNumber });
}

export function ScriptPane(props: ScriptPaneProps) {
  const { shots, selected, onToggle } = props;
  const t = usePanelT();
  return (
    <section className="sl-pane" aria-label={t('script.pane')}>
      <textarea
        data-testid="script-input"
        className="sl-script"
        placeholder={t('script.placeholder')}
        value={props.text}
        onChange={(event) => props.onTextChange(event.target.value)}
      />
      <div className="sl-row">
        <Button testId="script-import-button" onClick={props.onImport}>
          {t('script.import')}
        </Button>
        {props.onFromMarkers && (
          <Button testId="from-markers-button" onClick={props.onFromMarkers}>
            {t('script.fromMarkers')}
          </Button>
        )}
        {props.onFromTranscript && (
          <Button testId="from-transcript-button" onClick={props.onFromTranscript}>
            {t('script.fromTranscript')}
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
          {t('script.selected', { selected: selected.size, count: shots.length })}
        </span>
        <Button
          testId="select-all-button"
          onClick={() => props.onSelectAll(true)}
          disabled={shots.length === 0}
        >
          {t('script.all')}
        </Button>
        <Button
          testId="select-none-button"
          onClick={() => props.onSelectAll(false)}
          disabled={selected.size === 0}
        >
          {t('script.none')}
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
