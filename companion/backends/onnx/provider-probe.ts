// Finds which execution providers work here by running a one-node graph on each, once per process.
import { loadOrt } from './ort-runtime';
import { providerChains } from './providers';

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

/** The EP chain a setting resolves to here: the first whose leading provider passes the probe. */
export async function resolveChain(setting: string): Promise<readonly string[]> {
  const chains = providerChains(setting);
  if (chains.length === 1) return chains[0]!;
  for (const chain of chains) if ((await probeProvider(chain[0]!)).ok) return chain;
  return chains[chains.length - 1]!;
}
