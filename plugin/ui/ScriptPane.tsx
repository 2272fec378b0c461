// Paste a script; each non-empty line is a shot the editor can select by clicking it.
import type { ScriptLine } from './script-lines';
import { Button } from './widgets';

export interface ScriptPaneProps {
  text: string;
  onTextChange: (text: string) => void;
  lines: ScriptLine[];
  selected: ReadonlySet<number>;
  onToggle: (lineNumber: number) => void;
  onSelectAll: (all: boolean) => void;
}

export function ScriptPane({ text, onTextChange, lines, selected, onToggle, onSelectAll }: ScriptPaneProps) {
  return (
    <section className="sl-pane" aria-label="Script">
      <textarea
        data-testid="script-input"
        className="sl-script"
        placeholder="Paste script lines here: one line, one shot."
        value={text}
        onChange={(event) => onTextChange(event.target.value)}
      />
      <div className="sl-row">
        <span className="sl-muted">
          {selected.size} of {lines.length} lines selected
        </span>
        <Button testId="select-all-button" onClick={() => onSelectAll(true)} disabled={lines.length === 0}>
          All
        </Button>
        <Button testId="select-none-button" onClick={() => onSelectAll(false)} disabled={selected.size === 0}>
          None
        </Button>
      </div>
      <ol className="sl-lines">
        {lines.map((line) => {
          const isSelected = selected.has(line.lineNumber);
          return (
            <li
              key={line.lineNumber}
              data-testid={`script-line-${line.lineNumber}`}
              data-selected={isSelected ? 'true' : 'false'}
              role="checkbox"
              aria-checked={isSelected}
              tabIndex={0}
              className={`sl-line${isSelected ? ' selected' : ''}`}
              onClick={() => onToggle(line.lineNumber)}
              onKeyDown={(event) => {
                if (event.key === ' ' || event.key === 'Enter') onToggle(line.lineNumber);
              }}
            >
              <span className="sl-check">{isSelected ? '☑' : '☐'}</span>
              <span className="sl-shot-id">{line.shotId}</span>
              <span className="sl-line-text">{line.text}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
