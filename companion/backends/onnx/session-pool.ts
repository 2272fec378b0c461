// Which sessions are resident: opened on first use, released by stage or all at once (cancel, dispose).
import type { ModelBundle } from './bundle';
import { contractFor, type GraphKey } from './graph-keys';
import { GraphSession, type RunStats } from './graph-session';

export class SessionPool {
  private readonly open = new Map<GraphKey, Promise<GraphSession>>();

  constructor(
    private readonly bundle: ModelBundle,
    private readonly provider: string,
    readonly stats: RunStats,
  ) {}

  get(key: GraphKey): Promise<GraphSession> {
    let session = this.open.get(key);
    if (!session) {
      const { file, label, contract } = contractFor(this.bundle.manifest, key);
      session = GraphSession.open(this.bundle.path(file), file, label, contract, this.provider, this.stats);
      // A failed open must not stay cached: the next job retries and reports again.
      session.catch(() => this.open.delete(key));
      this.open.set(key, session);
    }
    return session;
  }

  resident(): GraphKey[] {
    return [...this.open.keys()];
  }

  async release(keys: readonly GraphKey[]): Promise<void> {
    await Promise.all(
      keys.map(async (key) => {
        const session = this.open.get(key);
        this.open.delete(key);
        if (session) await session.then((s) => s.release()).catch(() => undefined);
      }),
    );
  }

  releaseAll(): Promise<void> {
    return this.release(this.resident());
  }
}
