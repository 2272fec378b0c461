// Finds which execution providers work here by running a one-node graph on each, once per process.
import { loadOrt } from './ort-runtime';
import { hostPlatform, providerChains, type ExecutionProvider, type Platform } from './providers';

/** A 1-node Add graph (y = x + x, f32 [1,4]) built with the test-model GraphBuilder, kept as bytes. */
const PROBE_MODEL =
  'CAgSE3Nob3RsaW5lLXRlc3QtbW9kZWw6SQoWCgF4CgF4EgF5GgZuMF9BZGQiA0FkZBIFcHJvYmVaEwoBeBIOCgwIARIICgIIAQoCCARiEwoBeRIOCgwIARIICgIIAQoCCARCBAoAEBFCEQoNY29tLm1pY3Jvc29mdBAB';

export interface ProviderCheck {
  provider: string;
  ok: boolean;
  detail: string;
}

const probed = new Map<string, Promise<ProviderCheck>>();

/** Opens the probe graph on the EP alone and runs it once; the answer is cached for the process. */
export function probeProvider(provider: string): Promise<ProviderCheck> {
  let check = probed.get(provider);
  if (!check) {
    check = (async () => {
      const ort = loadOrt();
      try {
        const session = await ort.InferenceSession.create(Buffer.from(PROBE_MODEL, 'base64'), {
          executionProviders: [provider],
        });
        const out = await session.run({ x: new ort.Tensor('float32', Float32Array.of(1, 2, 3, 4), [1, 4]) });
        await session.release();
        const y = Array.from(out.y!.data as Float32Array);
        return {
          provider,
          ok: y[3] === 8,
          detail: y[3] === 8 ? 'loads and runs' : `wrong result ${y.join(',')}`,
        };
      } catch (err) {
        return { provider, ok: false, detail: (err as Error).message.split('\n')[0]! };
      }
    })();
    probed.set(provider, check);
  }
  return check;
}

/** The chain a setting settled on here, and why each chain tried before it was passed over. */
export interface ProviderResolution {
  chain: readonly ExecutionProvider[];
  fallbacks: readonly ProviderCheck[];
}

/**
 * The EP chain a setting resolves to: the first whose leading provider passes the probe, falling back in
 * the platform's order with each failure's reason kept. A named provider is not probed: it fails loudly
 * when its session opens, rather than quietly run on the CPU.
 */
export async function resolveProviders(
  setting: string,
  platform: Platform = hostPlatform(),
  probe: (provider: string) => Promise<ProviderCheck> = probeProvider,
): Promise<ProviderResolution> {
  const chains = providerChains(setting, platform);
  const fallbacks: ProviderCheck[] = [];
  if (chains.length === 1) return { chain: chains[0]!, fallbacks };
  for (const chain of chains.slice(0, -1)) {
    const check = await probe(chain[0]!);
    if (check.ok) return { chain, fallbacks };
    fallbacks.push(check);
  }
  return { chain: chains[chains.length - 1]!, fallbacks };
}
