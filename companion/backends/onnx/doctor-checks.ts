// What `shotline doctor` checks: which execution providers open a session, GPU memory, and a bundle's graphs.
import { execFileSync } from 'node:child_process';
import { readBundle } from './bundle';
import { vaeKeys, expertKeys, type GraphKey } from './graph-keys';
import { GraphSession, newRunStats } from './graph-session';
import { probeProvider, type ProviderCheck } from './provider-probe';
import { SessionPool } from './session-pool';

/** Which EPs open and run a one-node graph here (each alone). */
export async function checkProviders(providers = ['cuda', 'webgpu', 'cpu']): Promise<ProviderCheck[]> {
  return Promise.all(providers.map((p) => probeProvider(p)));
}

/** GPU name and memory from nvidia-smi, when there is one. */
export function gpuMemory(): string {
  try {
    const out = execFileSync(
      'nvidia-smi',
      ['--query-gpu=name,memory.total,memory.free', '--format=csv,noheader'],
      {
        encoding: 'utf8',
        timeout: 10_000,
      },
    );
    return out.trim() || 'nvidia-smi found no GPU';
  } catch {
    return 'no NVIDIA GPU found (nvidia-smi not available)';
  }
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
  for (const key of keys) {
    if (!open) {
      graphs.push({ graph: key, file: '', ok: true, detail: 'file present (not opened)' });
      continue;
    }
    try {
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
