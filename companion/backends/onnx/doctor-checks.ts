// What `shotline doctor` checks: which execution providers open a session, GPU memory, and a bundle's graphs.
import { execFileSync } from 'node:child_process';
import { readBundle } from './bundle';
import { contractFor, vaeKeys, expertKeys, type GraphKey } from './graph-keys';
import { opsetProblem, readOpset } from './opset-check';
import { GraphSession, newRunStats } from './graph-session';
import {
  probeProvider,
  resolveProviders,
  type ProviderCheck,
  type ProviderResolution,
} from './provider-probe';
import { executionProviderNames } from './provider-names';
import { hostPlatform, platformLabel, shippedProviders, type Platform } from './providers';
import { SessionPool } from './session-pool';

/** One row of the doctor's provider table: shipped here or not, and if shipped whether it opened. */
export interface ProviderRow extends ProviderCheck {
  shipped: boolean;
}

/**
 * Every provider the flag takes, for this platform: the shipped ones probed (each alone, in `auto`'s
 * order), the others said to be absent from this platform's onnxruntime-node, and what `auto` chose.
 */
export async function providerTable(
  platform: Platform = hostPlatform(),
  probe: (provider: string) => Promise<ProviderCheck> = probeProvider,
): Promise<{ rows: ProviderRow[]; auto: ProviderResolution }> {
  const shipped = shippedProviders(platform);
  const order = [...shipped, ...executionProviderNames.filter((p) => !shipped.includes(p))];
  const rows = await Promise.all(
    order.map(async (p): Promise<ProviderRow> => {
      if (!shipped.includes(p))
        return {
          provider: p,
          ok: false,
          shipped: false,
          detail: `not in onnxruntime-node on ${platformLabel(platform)}`,
        };
      const check = await probe(p);
      const hint = !check.ok && (p === 'cuda' || p === 'tensorrt') ? `; ${cudaHint}` : '';
      return { ...check, detail: check.detail + hint, shipped: true };
    }),
  );
  return { rows, auto: await resolveProviders('auto', platform, probe) };
}

/** onnxruntime-node leaves the CUDA libraries out of offline installs (see the README's GPU section). */
const cudaHint =
  'with CUDA 12 and cuDNN 9 installed, fetch the provider: ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules/onnxruntime-node/script/install.js';

export type RunTool = (file: string, args: readonly string[]) => string;

const runTool: RunTool = (file, args) => execFileSync(file, args, { encoding: 'utf8', timeout: 10_000 });

/**
 * The GPU's name and memory: nvidia-smi reports it wherever an NVIDIA driver is installed (Windows and
 * Linux alike); anywhere else the memory is said to be unknown rather than guessed from CUDA's.
 */
export function gpuMemory(run: RunTool = runTool): string {
  let out: string;
  try {
    out = run('nvidia-smi', ['--query-gpu=name,memory.total,memory.free', '--format=csv,noheader']);
  } catch {
    return 'memory unknown (no nvidia-smi here: not an NVIDIA card, or its driver is not installed)';
  }
  return out.trim() || 'memory unknown (nvidia-smi found no GPU)';
}

export interface GraphCheck {
  graph: GraphKey;
  file: string;
  ok: boolean;
  detail: string;
}

/** Reads the bundle and opens each graph once (one at a time, released after), checking its contract. */
export async function checkBundle(
  dir: string,
  provider: string,
  open = true,
): Promise<{ name: string; graphs: GraphCheck[] }> {
  const bundle = readBundle(dir);
  const m = bundle.manifest;
  const keys: GraphKey[] = ['text_encoder', ...expertKeys(m), ...vaeKeys(m)];
  const pool = new SessionPool(bundle, provider, newRunStats());
  const graphs: GraphCheck[] = [];
  const lead = (await resolveProviders(provider)).chain[0]!;
  for (const key of keys) {
    try {
      if (!open) {
        // Not opened: the files are read only as far as their opset, checked against the provider's ceiling.
        const { file } = contractFor(m, key);
        const opset = readOpset(bundle.path(file));
        const problem = opsetProblem(file, opset, lead);
        graphs.push({ graph: key, file, ok: !problem, detail: problem ?? `opset ${opset} (not opened)` });
        continue;
      }
      const session: GraphSession = await pool.get(key);
      graphs.push({
        graph: key,
        file: session.file,
        ok: true,
        detail: `matches the manifest on [${session.providers.join(', ')}]`,
      });
    } catch (err) {
      graphs.push({ graph: key, file: '', ok: false, detail: (err as Error).message });
    } finally {
      await pool.release([key]);
    }
  }
  return { name: `${m.name} (${m.variant})`, graphs };
}
