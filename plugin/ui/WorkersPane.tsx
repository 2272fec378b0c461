// The studio cluster at a glance: each worker's backend, model, device and load (hidden on a local companion).
import { useEffect } from 'react';
import type { CompanionHandle } from './use-companion';

const POLL_MS = 5000;
const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

export function WorkersPane({
  companion,
}: {
  companion: Pick<CompanionHandle, 'state' | 'workers' | 'request'>;
}) {
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
    <section className="workers" data-testid="workers-pane" aria-label="Cluster workers">
      <h3>Workers ({list.workers.length})</h3>
      {list.workers.length === 0 && <p>No worker is connected: jobs wait in the queue until one joins.</p>}
      <ul>
        {list.workers.map((w) => (
          <li key={w.id} data-testid="worker-row">
            <strong>{w.host}</strong> {w.backend}/{w.model} · {w.active}/{w.concurrency} busy · {w.device} ·
            free {gib(w.freeMemoryBytes)} of {gib(w.totalMemoryBytes)}
          </li>
        ))}
      </ul>
    </section>
  );
}
