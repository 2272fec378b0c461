// Which sessions are resident: opened on first use, released by stage or all at once (cancel, dispose).
import type { ModelBundle } from './bundle';
import { latentDimensions } from './free-dimensions';
import { contractFor, type GraphKey } from './graph-keys';
import { GraphSession, type RunStats } from './graph-session';

export class SessionPool {
  private readonly open = new Map<GraphKey, Promise<GraphSession>>();
  /** The latent shape of the take being generated, once known: sessions opened after it are sized for it. */
  private latentShape: readonly number[] | undefined;

  constructor(
    private readonly bundle: ModelBundle,
    private readonly provider: string,
    readonly stats: RunStats,
  ) {}

  get(key: GraphKey): Promise<GraphSession> {
    let session = this.open.get(key);
    if (!session) {
      const { file, label, contract } = contractFor(this.bundle.manifest, key);
      const freeDimensions = this.latentShape && latentDimensions(contract, this.latentShape);
      session = GraphSession.open(this.bundle.path(file), file, label, contract, this.provider, this.stats, {
        ...(freeDimensions && { freeDimensions }),
      });
      // A failed open must not stay cached: the next job retries and reports again.
      session.catch(() => this.open.delete(key));
      this.open.set(key, session);
    }
    return session;
  }

  /**
   * Sizes the sessions for a take's latent shape. DirectML sessions are fixed to the shape they were opened
   * with, so a new shape releases them (they reopen on next use); other providers keep theirs.
   */
  async sizeFor(latentShape: readonly number[]): Promise<void> {
    if (this.latentShape?.join() === latentShape.join()) return;
    this.latentShape = [...latentShape];
    const fixed = await Promise.all(
      this.resident().map(async (key) => {
        const session = await this.open.get(key)!.catch(() => undefined);
        return session?.providers[0] === 'dml' ? [key] : [];
      }),
    );
    await this.release(fixed.flat());
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
