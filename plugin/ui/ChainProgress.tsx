// A chained scene's progress: one line per shot (waiting, running with its percent, done, failed, not run).
import { usePanelT } from '../i18n/use-t';
import type { LinkState, SceneChain } from './scene-chain';

const LINE = {
  waiting: 'continuity.chain.waiting',
  sent: 'continuity.chain.sent',
  running: 'continuity.chain.running',
  done: 'continuity.chain.done',
  failed: 'continuity.chain.failed',
  skipped: 'continuity.chain.skipped',
} as const satisfies Record<LinkState, string>;

export function ChainProgress({ chain }: { chain: SceneChain }) {
  const t = usePanelT();
  const finished = chain.links.every((link) => link.state === 'done');
  return (
    <div data-testid="scene-chain" className="sl-muted">
      <div>{t('continuity.chain.title', { scene: chain.scene })}</div>
      <ol>
        {chain.links.map((link) => (
          <li key={link.shotId} data-testid={`chain-${link.shotId}`} data-state={link.state}>
            {t(LINE[link.state], {
              shotId: link.shotId,
              percent: Math.round((link.fraction ?? 0) * 100),
            })}
          </li>
        ))}
      </ol>
      {chain.stopped && (
        <div data-testid="chain-stopped" className="sl-warning">
          {t('continuity.chain.stopped', chain.stopped)}
        </div>
      )}
      {finished && <div data-testid="chain-finished">{t('continuity.chain.finished')}</div>}
    </div>
  );
}
