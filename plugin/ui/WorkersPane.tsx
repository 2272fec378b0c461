// The studio cluster at a glance: each worker's backend, model, device and load (hidden on a local companion).
import { useEffect } from 'react';
import { usePanelT } from '../i18n/use-t';
import { t } from '../i18n/i18n';
import type { CompanionHandle } from './use-companion';

const POLL_MS = 5000;
const gib = (bytes: number) => t('workers.gib', { value: bytes / 2 ** 30 });

export function WorkersPane({
  companion,
}: {
  companion: Pick<CompanionHandle, 'state' | 'workers' | 'request'>;
}) {
  const t = usePanelT();
  const connected = companion.state.status === 'connected';
  const { request } = companion;
  useEffect(() => {
    if (!connected) return;
    const ask = () => request((client) => client.listWorkers());
    ask();
    const timer = setInterval(ask, POLL_MS);
    return () => clearInterval(timer);
  }, [connected, request]);

  const list = companion.workers;
  if (!list || list.mode !== 'cluster') return null;
  return (
    <section className="workers" data-testid="workers-pane" aria-label={t('workers.pane')}>
      <h3>{t('workers.title', { count: list.workers.length })}</h3>
      {list.workers.length === 0 && <p>{t('workers.none')}</p>}
      <ul>
        {list.workers.map((w) => (
          <li key={w.id} data-testid="worker-row">
            <strong>{w.host}</strong>{' '}
            {t('workers.row', { ...w, free: gib(w.freeMemoryBytes), total: gib(w.totalMemoryBytes) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
