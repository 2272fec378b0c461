// Continuity actions: shots that start (and end) on frames of the cut or on a storyboard image.
import { useState } from 'react';
import { usePanelT } from '../i18n/use-t';
import { ChainProgress } from './ChainProgress';
import type { SceneChain } from './scene-chain';
import { Button, TextField } from './widgets';

export interface ContinuityPaneProps {
  /** Why the actions cannot run now (not connected); null when they can. */
  problem: string | null;
  /** Why the actions that read the timeline's clips cannot run in this host (After Effects); null when they can. */
  timelineProblem: string | null;
  /** Said when the backend falls back from first-and-last-frame to image-to-video. */
  notice: string | null;
  onExtend: () => void;
  onBridge: () => void;
  onPlayheadFrame: () => void;
  onBoardImage: (path: string) => void;
  onContinue: () => void;
  /** The still selected in the Project panel; absent where the host has no project selection (After Effects). */
  onProjectStill?: () => void;
  /** UXP's pickers: each gives the picked path (which then fills the board field), or null when cancelled. */
  pickStill: () => Promise<string | null>;
  pickFolder: () => Promise<string | null>;
  /** The chained scene under way (or the last one), null before the first. */
  chain: SceneChain | null;
  onChain: () => void;
  onStopChain: () => void;
}

export function ContinuityPane(props: ContinuityPaneProps) {
  const [boardPath, setBoardPath] = useState('');
  const t = usePanelT();
  const off = props.problem !== null;
  const timelineOff = off || props.timelineProblem !== null;
  const chainRunning =
    props.chain !== null && !props.chain.stopped && props.chain.links.some((link) => link.state !== 'done');
  const pick = (picker: () => Promise<string | null>) => () =>
    void picker().then((path) => {
      if (path) setBoardPath(path);
    });
  return (
    <section className="sl-pane" aria-label={t('continuity.pane')}>
      <div className="sl-row">
        <Button testId="extend-clip-button" onClick={props.onExtend} disabled={timelineOff}>
          {t('continuity.extend')}
        </Button>
        <Button testId="bridge-gap-button" onClick={props.onBridge} disabled={timelineOff}>
          {t('continuity.bridge')}
        </Button>
        <Button testId="playhead-frame-button" onClick={props.onPlayheadFrame} disabled={timelineOff}>
          {t('continuity.playheadFrame')}
        </Button>
        <Button testId="continue-shot-button" onClick={props.onContinue} disabled={off}>
          {t('continuity.continue')}
        </Button>
      </div>
      <div className="sl-row">
        <Button testId="chain-scene-button" onClick={props.onChain} disabled={off || chainRunning}>
          {t('continuity.chain.chainScene')}
        </Button>
        {chainRunning && (
          <Button testId="chain-stop-button" onClick={props.onStopChain}>
            {t('continuity.chain.chainStop')}
          </Button>
        )}
      </div>
      {props.chain && <ChainProgress chain={props.chain} />}
      <div className="sl-row sl-fields">
        <TextField
          testId="board-path"
          label={t('continuity.boardPath')}
          placeholder={t('continuity.boardPlaceholder')}
          value={boardPath}
          onChange={setBoardPath}
        />
        <Button testId="pick-still-button" onClick={pick(props.pickStill)}>
          {t('continuity.pickStill')}
        </Button>
        <Button testId="pick-folder-button" onClick={pick(props.pickFolder)}>
          {t('continuity.pickFolder')}
        </Button>
        <Button testId="board-image-button" onClick={() => props.onBoardImage(boardPath)} disabled={off}>
          {t('continuity.board')}
        </Button>
        {props.onProjectStill && (
          <Button testId="project-still-button" onClick={props.onProjectStill} disabled={off}>
            {t('continuity.projectStill')}
          </Button>
        )}
      </div>
      <div className="sl-muted">{t('continuity.help')}</div>
      {props.timelineProblem && (
        <div data-testid="continuity-host-limit" className="sl-muted">
          {props.timelineProblem}
        </div>
      )}
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
