// Which sessions are resident: opened on first use, released by stage or all at once (cancel, dispose).
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import type { ModelBundle } from './bundle';
import { latentDimensions } from './free-dimensions';
import { contractFor, type GraphKey } from './graph-keys';
import { GraphSession, type RunStats } from './graph-session';

export interface PoolOptions {
  /** The data folder's TensorRT engine cache; engines go in one subfolder per bundle and take size. */
  engineCache?: string;
  /** Told when a session is about to build TensorRT engines (minutes, first run of a size only). */
  notice?: (line: string) => void;
}

export class SessionPool {
  private readonly open = new Map<GraphKey, Promise<GraphSession>>();
  /** The latent shape of the take being generated, once known: sessions opened after it are sized for it. */
  private latentShape: readonly number[] | undefined;

  constructor(
    private readonly bundle: ModelBundle,
    private readonly provider: string,
    readonly stats: RunStats,
    private readonly options: PoolOptions = {},
  ) {}

  get(key: GraphKey): Promise<GraphSession> {
    let session = this.open.get(key);
    if (!session) {
      const { file, label, contract } = contractFor(this.bundle.manifest, key);
      const freeDimensions = this.latentShape && latentDimensions(contract, this.latentShape);
      const engineCache = this.engineFolder();
      const deviceOutputs = this.cacheOutputs(key);
      session = GraphSession.open(this.bundle.path(file), file, label, contract, this.provider, this.stats, {
        ...(freeDimensions && { freeDimensions }),
        ...(engineCache && { engineCache }),
        ...(deviceOutputs.length && { deviceOutputs }),
        onEngineBuild: (folder) =>
          this.options.notice?.(
            `building TensorRT engines for ${this.sizeLabel()}, first run only (${file}; kept in ${folder})`,
          ),
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

  /** The streaming VAE's cache outputs, which only go back into its next run. */
  private cacheOutputs(key: GraphKey): string[] {
    const vae = this.bundle.manifest.vae;
    if (vae.kind !== 'streaming' || (key !== 'vae:init' && key !== 'vae:step')) return [];
    return Array.from({ length: vae.cache.count }, (_, k) => `${vae.cache.outputPrefix}${k}`);
  }

  /** WxH of the take the sessions are sized for, from its latent shape. */
  private sizeLabel(): string {
    const s = this.bundle.manifest.latent.spatialStride;
    const shape = this.latentShape;
    return shape ? `${shape[3]! * s}x${shape[2]! * s}` : 'this size';
  }

  /**
   * One folder per bundle (its name and a hash of its path, so two bundles never share engines) and per take
   * shape: an engine is built for the shapes it first saw, and another size would rebuild over it.
   */
  private engineFolder(): string | undefined {
    const root = this.options.engineCache;
    if (!root) return undefined;
    const id = createHash('sha256').update(this.bundle.dir).digest('hex').slice(0, 12);
    const shape = this.latentShape ? this.latentShape.join('x') : 'any';
    return join(root, `${basename(this.bundle.dir)}-${id}`, shape);
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
