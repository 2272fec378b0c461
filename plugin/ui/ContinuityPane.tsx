// Continuity actions: shots that start (and end) on frames of the cut or on a storyboard image.
import { useState } from 'react';
import { usePanelT } from '../i18n/use-t';
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
  const t = usePanelT();
  const off = props.problem !== null;
  return (
    <section className="sl-pane" aria-label={t('continuity.pane')}>
      <div className="sl-row">
        <Button testId="extend-clip-button" onClick={props.onExtend} disabled={off}>
          {t('continuity.extend')}
        </Button>
        <Button testId="bridge-gap-button" onClick={props.onBridge} disabled={off}>
          {t('continuity.bridge')}
        </Button>
        <Button testId="playhead-frame-button" onClick={props.onPlayheadFrame} disabled={off}>
          {t('continuity.playheadFrame')}
        </Button>
        <Button testId="continue-shot-button" onClick={props.onContinue} disabled={off}>
          {t('continuity.continue')}
        </Button>
      </div>
      <div className="sl-row sl-fields">
        <TextField
          testId="board-path"
          label={t('continuity.boardPath')}
          placeholder={t('continuity.boardPlaceholder')}
          value={boardPath}
          onChange={setBoardPath}
        />
        <Button testId="board-image-button" onClick={() => props.onBoardImage(boardPath)} disabled={off}>
          {t('continuity.board')}
        </Button>
      </div>
      <div className="sl-muted">{t('continuity.help')}</div>
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
