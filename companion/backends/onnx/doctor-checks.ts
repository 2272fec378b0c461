// What `shotline doctor` checks: which execution providers open a session, GPU memory, and a bundle's graphs.
import type { FrameSize } from '../../../shared/protocol';
import { bundleWeights, readBundle } from './bundle';
import { fileProblems, type FileProblem } from './file-integrity';
import { fitPlan } from './fit-plan';
import { largestGpu, type GpuMemory } from './gpu-memory';
import { computeProblem } from './compute-check';
import { allGraphKeys, contractFor, expertKeys, type GraphKey } from './graph-keys';
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
import { estimateMemory, gb, residencies } from './memory-estimate';
import { loadTokenizer, tokenize } from './prompt-encoder';
import { qualities } from './quality';
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
  const keys: GraphKey[] = allGraphKeys(m);
  const pool = new SessionPool(bundle, provider, newRunStats());
  const graphs: GraphCheck[] = [];
  const lead = (await resolveProviders(provider)).chain[0]!;
  // The experts' precision (bf16, fp8) may have no kernels on the provider: said per expert, none opened.
  const refused = computeProblem(m, lead);
  const experts = new Set<GraphKey>(expertKeys(m));
  for (const key of keys) {
    if (refused && experts.has(key)) {
      graphs.push({ graph: key, file: contractFor(m, key).file, ok: false, detail: refused });
      continue;
    }
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

/** English and Chinese, as Wan's prompts come: both must tokenize to real pieces. */
export const TEST_PROMPT = 'A lighthouse keeper climbs the stairs at dusk. 灯塔看守人在黄昏时爬上楼梯。';

export interface BundleHealth {
  files: FileProblem[];
  tokenizer: { ok: boolean; detail: string };
  /** Per size: what is resident at the peak and the estimated peak, for each residency mode. */
  memory: string[];
  /** What the defaults choose on this machine's largest GPU, per --quality (none when its memory is unknown). */
  defaults: string[];
}

/**
 * The checks that need no session: LFS pointers and truncated external data, the tokenizer on a test prompt,
 * and the memory estimate (memory-estimate.ts) for each size asked for (default: the bundle's documented sizes).
 */
export function bundleHealth(
  dir: string,
  sizes?: readonly FrameSize[],
  gpus: readonly GpuMemory[] = [],
): BundleHealth {
  const bundle = readBundle(dir);
  const m = bundle.manifest;
  const files = fileProblems(m, bundle.path);
  let tokenizer: BundleHealth['tokenizer'];
  try {
    const tk = loadTokenizer(bundle.path(m.tokenizer.file));
    const t = tokenize(tk, TEST_PROMPT, m.tokenizer.maxLength, m.tokenizer.padId);
    const ids = Array.from(t.ids.subarray(0, Math.min(t.length, 6)), Number);
    tokenizer = {
      ok: t.length > 1,
      detail: `${t.length} tokens for the test prompt (ids ${ids.join(' ')}${t.length > 6 ? ' …' : ''})`,
    };
  } catch (err) {
    tokenizer = { ok: false, detail: (err as Error).message };
  }
  // A pointer or a truncated file would make the estimate meaningless: sizes on disk are not the weights.
  const weights = files.length ? undefined : bundleWeights(bundle);
  const memory = weights
    ? (sizes ?? m.sampling.sizes).flatMap((size) => {
        const estimate = estimateMemory(m, weights, { ...size, frames: m.sampling.frames });
        return residencies.map((r) => {
          const peak = estimate[r].peak;
          return `${size.width}x${size.height}x${m.sampling.frames} --residency ${r}: about ${gb(peak.totalBytes)} at ${peak.stage} (${peak.resident.join(', ')} resident)`;
        });
      })
    : ['not estimated: the files above are not the real weights yet'];
  const gpu = largestGpu(gpus);
  // A sequence's size is not known here: a 1080p one (or the first --size) stands for it.
  const want = sizes?.[0] ?? { width: 1920, height: 1080 };
  const defaults =
    weights && gpu
      ? qualities.map((quality) => {
          const budget = { bytes: gpu.usableBytes, name: gpu.name };
          const frames = m.sampling.frames;
          const fit = fitPlan({ manifest: m, weights, want, frames, quality, residency: 'auto', budget });
          const { width, height } = fit.size;
          return `--quality ${quality}: ${width}x${height}, --residency ${fit.residency}, about ${gb(fit.estimate.peak.totalBytes)} of ${gb(budget.bytes)}`;
        })
      : [];
  return { files, tokenizer, memory, defaults };
}
