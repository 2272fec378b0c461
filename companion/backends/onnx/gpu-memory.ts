// How much memory the GPU has, read the way each platform reports it; the platform and the tool runner are
// injected so every platform's parsing is tested here on captured outputs (test/fixtures/gpu-memory).
import { execFile } from 'node:child_process';
import { gb } from './memory-estimate';
import { hostPlatform, type Platform } from './providers';

/** One adapter: its name, total memory, and free memory where the platform reports it. */
export interface GpuMemory {
  name: string;
  totalBytes: number;
  /** Only nvidia-smi reports free memory; elsewhere the defaults plan with `usableBytes`. */
  freeBytes?: number;
  /** What a take may plan to use: the free memory where known, otherwise a documented share of the total. */
  usableBytes: number;
  source: 'nvidia-smi' | 'windows-registry' | 'win32-videocontroller' | 'macos-unified';
}

export type RunTool = (file: string, args: readonly string[]) => Promise<string>;

export const runTool: RunTool = (file, args) =>
  new Promise((resolve, reject) =>
    execFile(file, args, { encoding: 'utf8', timeout: 10_000, windowsHide: true }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    ),
  );

const MiB = 1024 * 1024;

/**
 * Windows reports no free figure without a GPU vendor tool: the desktop compositor and other programs keep
 * some of the card, so a tenth is left to them.
 */
const WINDOWS_USABLE_SHARE = 0.9;
/**
 * Metal lets one process wire about three quarters of unified memory for the GPU by default (its
 * recommendedMaxWorkingSetSize); the rest stays with macOS and the other programs.
 */
const MACOS_USABLE_SHARE = 0.75;

/** `nvidia-smi --query-gpu=name,memory.total,memory.free --format=csv,noheader,nounits`: MiB figures. */
export function parseNvidiaSmi(out: string): GpuMemory[] {
  return out
    .split(/\r?\n/)
    .map((line) => line.split(',').map((f) => f.trim()))
    .filter((f) => f.length === 3 && /^\d+$/.test(f[1]!) && /^\d+$/.test(f[2]!))
    .map(([name, total, free]) => ({
      name: name!,
      totalBytes: Number(total) * MiB,
      freeBytes: Number(free) * MiB,
      usableBytes: Number(free) * MiB,
      source: 'nvidia-smi' as const,
    }));
}

/** PowerShell's ConvertTo-Json gives an object for one item and an array for several. */
function jsonRows(out: string): Record<string, unknown>[] {
  const parsed: unknown = JSON.parse(out.trim() || '[]');
  const rows = Array.isArray(parsed) ? parsed : [parsed];
  return rows.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null);
}

/**
 * The display class key's `HardwareInformation.qwMemorySize` (a QWORD, so cards over 4 GB read right), one
 * subkey per adapter. Microsoft's basic display adapter and remote-desktop adapters report none and are left out.
 */
export const WINDOWS_REGISTRY_QUERY =
  "Get-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4d36e968-e325-11ce-bfc1-08002be10318}\\0*' -ErrorAction SilentlyContinue | Select-Object DriverDesc, HardwareInformation.qwMemorySize | ConvertTo-Json";

export function parseWindowsRegistry(out: string): GpuMemory[] {
  return jsonRows(out).flatMap((row) => {
    // Some drivers store the value as REG_BINARY: PowerShell then gives its bytes, little-endian.
    const raw = row['HardwareInformation.qwMemorySize'];
    const bytes = Array.isArray(raw)
      ? raw.reduceRight((n: number, b) => n * 256 + Number(b), 0)
      : Number(raw);
    if (!Number.isFinite(bytes) || bytes <= 0) return [];
    return [
      {
        name: String(row.DriverDesc ?? 'display adapter'),
        totalBytes: bytes,
        usableBytes: Math.floor(bytes * WINDOWS_USABLE_SHARE),
        source: 'windows-registry' as const,
      },
    ];
  });
}

/** Win32_VideoController.AdapterRAM is a uint32: it reads 4 GB at most, so it is only the fallback. */
export const WINDOWS_CIM_QUERY =
  'Get-CimInstance Win32_VideoController | Select-Object Name, AdapterRAM | ConvertTo-Json';

export function parseWin32VideoController(out: string): GpuMemory[] {
  return jsonRows(out).flatMap((row) => {
    const bytes = Number(row.AdapterRAM);
    if (!Number.isFinite(bytes) || bytes <= 0) return [];
    return [
      {
        name: `${String(row.Name ?? 'display adapter')} (Win32_VideoController, capped at 4 GB)`,
        totalBytes: bytes,
        usableBytes: Math.floor(bytes * WINDOWS_USABLE_SHARE),
        source: 'win32-videocontroller' as const,
      },
    ];
  });
}

/**
 * macOS: the GPU's name from `system_profiler SPDisplaysDataType -json`; on Apple silicon it shares the
 * machine's memory (`sysctl -n hw.memsize`), so that is its memory. A discrete card (Intel Macs) reports its
 * own VRAM there as `spdisplays_vram` ("8 GB"), which wins.
 */
export function parseMacos(profilerJson: string, memsize: string): GpuMemory[] {
  const displays = (JSON.parse(profilerJson) as { SPDisplaysDataType?: Record<string, unknown>[] })
    .SPDisplaysDataType;
  const unified = Number(memsize.trim());
  return (displays ?? []).flatMap((d) => {
    const name = String(d.sppci_model ?? d._name ?? 'GPU');
    // Intel integrated graphics report the share they may take as spdisplays_vram_shared: that, not the
    // machine's memory, is their ceiling. Apple silicon reports neither.
    const vram = /^(\d+)\s*(MB|GB)$/.exec(String(d.spdisplays_vram ?? d.spdisplays_vram_shared ?? ''));
    const own = vram ? Number(vram[1]) * (vram[2] === 'GB' ? 1024 : 1) * MiB : 0;
    const total = own || unified;
    if (!Number.isFinite(total) || total <= 0) return [];
    return [
      {
        name: own ? name : `${name} (unified memory)`,
        totalBytes: total,
        usableBytes: Math.floor(total * (own ? 1 : MACOS_USABLE_SHARE)),
        source: 'macos-unified' as const,
      },
    ];
  });
}

async function quietly<T>(read: () => Promise<T[]>): Promise<T[]> {
  try {
    return await read();
  } catch {
    return [];
  }
}

/**
 * Every adapter this machine reports: nvidia-smi wherever an NVIDIA driver put it (Windows and Linux), else
 * the OS's own query. An empty list means unknown: the memory is never assumed.
 */
export async function readGpuMemory(
  platform: Platform = hostPlatform(),
  run: RunTool = runTool,
): Promise<GpuMemory[]> {
  const nvidia = await quietly(async () =>
    parseNvidiaSmi(
      await run('nvidia-smi', ['--query-gpu=name,memory.total,memory.free', '--format=csv,noheader,nounits']),
    ),
  );
  if (nvidia.length) return nvidia;
  const ps = (command: string) =>
    run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', command]);
  if (platform.os === 'win32') {
    const registry = await quietly(async () => parseWindowsRegistry(await ps(WINDOWS_REGISTRY_QUERY)));
    if (registry.length) return registry;
    return quietly(async () => parseWin32VideoController(await ps(WINDOWS_CIM_QUERY)));
  }
  if (platform.os === 'darwin') {
    return quietly(async () => {
      const [profiler, memsize] = await Promise.all([
        run('system_profiler', ['SPDisplaysDataType', '-json']),
        run('sysctl', ['-n', 'hw.memsize']),
      ]);
      return parseMacos(profiler, memsize);
    });
  }
  return [];
}

/** The adapter a take plans for: the one with the most usable memory. */
export function largestGpu(gpus: readonly GpuMemory[]): GpuMemory | undefined {
  return [...gpus].sort((a, b) => b.usableBytes - a.usableBytes)[0];
}

/** One line per adapter for doctor; a sentence when nothing answered. */
export function gpuMemoryLines(gpus: readonly GpuMemory[], platform: Platform = hostPlatform()): string[] {
  if (!gpus.length) {
    const where =
      platform.os === 'linux'
        ? 'no nvidia-smi here (not an NVIDIA card, or its driver is not installed)'
        : 'neither nvidia-smi nor the system’s adapter query answered';
    return [`memory unknown: ${where}; the defaults keep the sizes asked for`];
  }
  return gpus.map(
    (g) =>
      `${g.name}: ${gb(g.totalBytes)} total` +
      (g.freeBytes !== undefined ? `, ${gb(g.freeBytes)} free` : `, plans with ${gb(g.usableBytes)}`) +
      ` (${g.source})`,
  );
}
