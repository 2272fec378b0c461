// Continuity actions: shots that start (and end) on frames of the cut or on a storyboard image.
import { useState } from 'react';
import { Button, TextField } from './widgets';

export interface ContinuityPaneProps {
  /** Why the actions cannot run now (not connected); null when they can. */
  problem: string | null;
  /** Said when the backend falls back from first-and-last-frame to image-to-video. */
  notice: string | null;
  onExtend: () => void;
  onBridge: () => void;
  onPlayheadFrame: () => void;
  onBoardImage: (path: string) => void;
  onContinue: () => void;
}

export function ContinuityPane(props: ContinuityPaneProps) {
  const [boardPath, setBoardPath] = useState('');
  const off = props.problem !== null;
  return (
    <section className="sl-pane" aria-label="Continuity">
      <div className="sl-row">
        <Button testId="extend-clip-button" onClick={props.onExtend} disabled={off}>
          Extend clip
        </Button>
        <Button testId="bridge-gap-button" onClick={props.onBridge} disabled={off}>
          Bridge gap
        </Button>
        <Button testId="playhead-frame-button" onClick={props.onPlayheadFrame} disabled={off}>
          From frame at playhead
        </Button>
        <Button testId="continue-shot-button" onClick={props.onContinue} disabled={off}>
          Continue previous shot
        </Button>
      </div>
      <div className="sl-row sl-fields">
        <TextField
          testId="board-path"
          label="Storyboard image or folder"
          placeholder="/boards/S1-01.png or /boards/"
          value={boardPath}
          onChange={setBoardPath}
        />
        <Button testId="board-image-button" onClick={() => props.onBoardImage(boardPath)} disabled={off}>
          From storyboard frame
        </Button>
      </div>
      <div className="sl-muted">
        Extend: the selected clip&apos;s last frame, placed after it. Bridge: the gap at the playhead (on the
        gap track), from the clip before to the clip after.
      </div>
      {props.problem && (
        <div data-testid="continuity-problem" className="sl-muted">
          {props.problem}
        </div>
      )}
      {props.notice && (
        <div data-testid="continuity-notice" className="sl-warning">
          {props.notice}
        </div>
      )}
    </section>
  );
}
