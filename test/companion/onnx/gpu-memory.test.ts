// GPU memory per platform: each platform's query parsed from its output (test/fixtures/gpu-memory), the
// platform and the tool runner injected, and nothing assumed where no query answers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  gpuMemoryLines,
  largestGpu,
  readGpuMemory,
  type RunTool,
} from '../../../companion/backends/onnx/gpu-memory';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/gpu-memory', name), 'utf8');
const MiB = 1024 * 1024;
const missing = (file: string) => Object.assign(new Error(`spawn ${file} ENOENT`), { code: 'ENOENT' });

/** A runner that answers the listed programs (by file and the first argument's start) and lacks the rest. */
function runner(answers: Record<string, string>): RunTool & { calls: string[] } {
  const calls: string[] = [];
  const run = async (file: string, args: readonly string[]) => {
    const key = `${file} ${args.join(' ')}`;
    calls.push(key);
    const hit = Object.entries(answers).find(([prefix]) => key.includes(prefix));
    if (!hit) throw missing(file);
    return hit[1];
  };
  return Object.assign(run, { calls });
}

const windows = { os: 'win32', arch: 'x64' };
const linux = { os: 'linux', arch: 'x64' };
const mac = { os: 'darwin', arch: 'arm64' };

test('nvidia-smi answers first on any platform: total and free per card, free is what a take may use', async () => {
  const run = runner({ 'nvidia-smi': fixture('nvidia-smi.csv') });
  const gpus = await readGpuMemory(windows, run);
  expect(gpus).toEqual([
    {
      name: 'NVIDIA GeForce RTX 4090',
      totalBytes: 24564 * MiB,
      freeBytes: 23012 * MiB,
      usableBytes: 23012 * MiB,
      source: 'nvidia-smi',
    },
    {
      name: 'NVIDIA RTX A2000 12GB',
      totalBytes: 12282 * MiB,
      freeBytes: 11900 * MiB,
      usableBytes: 11900 * MiB,
      source: 'nvidia-smi',
    },
  ]);
  expect(largestGpu(gpus)!.name).toBe('NVIDIA GeForce RTX 4090');
  expect(run.calls).toEqual([
    'nvidia-smi --query-gpu=name,memory.total,memory.free --format=csv,noheader,nounits',
  ]);
});

test('Windows without nvidia-smi reads the display class key’s 64-bit qwMemorySize, skipping adapters without one', async () => {
  const run = runner({ qwMemorySize: fixture('windows-registry.json') });
  const gpus = await readGpuMemory(windows, run);
  expect(gpus).toEqual([
    {
      name: 'NVIDIA GeForce RTX 4090',
      totalBytes: 25757220864,
      usableBytes: Math.floor(25757220864 * 0.9),
      source: 'windows-registry',
    },
  ]);
  expect(run.calls[1]).toMatch(/^powershell\.exe -NoProfile -NonInteractive -Command Get-ItemProperty/);
});

test('a REG_BINARY qwMemorySize (bytes, little-endian) reads as the same figure', async () => {
  const bytes = [0, 0, 0, 0x80, 5, 0, 0, 0]; // 0x0580000000 = 22 GiB
  const run = runner({
    qwMemorySize: JSON.stringify({ DriverDesc: 'Card', 'HardwareInformation.qwMemorySize': bytes }),
  });
  expect((await readGpuMemory(windows, run))[0]!.totalBytes).toBe(0x0580000000);
});

test('Windows falls back to Win32_VideoController, saying its figure is capped at 4 GB', async () => {
  const run = runner({ Win32_VideoController: fixture('win32-videocontroller.json') });
  const [gpu] = await readGpuMemory(windows, run);
  expect(gpu).toMatchObject({ totalBytes: 4293918720, source: 'win32-videocontroller' });
  expect(gpu!.name).toContain('capped at 4 GB');
  expect(run.calls.map((c) => c.split(' ')[0])).toEqual(['nvidia-smi', 'powershell.exe', 'powershell.exe']);
});

test('Apple silicon: the GPU shares the machine’s memory (hw.memsize), three quarters of it usable', async () => {
  const run = runner({
    'system_profiler SPDisplaysDataType -json': fixture('macos-apple-m1.json'),
    'sysctl -n hw.memsize': fixture('macos-hw-memsize.txt'),
  });
  expect(await readGpuMemory(mac, run)).toEqual([
    {
      name: 'Apple M1 (unified memory)',
      totalBytes: 17179869184,
      usableBytes: 17179869184 * 0.75,
      source: 'macos-unified',
    },
  ]);
});

test('an Intel Mac’s discrete card reports its own VRAM, which wins over the machine’s memory', async () => {
  const run = runner({
    'system_profiler SPDisplaysDataType -json': fixture('macos-intel-discrete.json'),
    'sysctl -n hw.memsize': fixture('macos-hw-memsize.txt'),
  });
  const gpus = await readGpuMemory({ os: 'darwin', arch: 'x64' }, run);
  expect(largestGpu(gpus)).toMatchObject({ name: 'AMD Radeon Pro 5500M', totalBytes: 8 * 1024 * MiB });
});

test('Linux without nvidia-smi: unknown, asks nothing else, and says so rather than guess', async () => {
  const run = runner({});
  expect(await readGpuMemory(linux, run)).toEqual([]);
  expect(run.calls).toHaveLength(1);
  const [line] = gpuMemoryLines([], linux);
  expect(line).toMatch(/^memory unknown: no nvidia-smi here/);
  expect(line).not.toMatch(/\d+(\.\d+)? ?GB/);
});

test('doctor’s lines give total and free, or the share planned with where free is not reported', () => {
  const lines = gpuMemoryLines([
    { name: 'A', totalBytes: 24e9, freeBytes: 20e9, usableBytes: 20e9, source: 'nvidia-smi' },
    { name: 'B', totalBytes: 16e9, usableBytes: 12e9, source: 'macos-unified' },
  ]);
  expect(lines).toEqual([
    'A: 24.0 GB total, 20.0 GB free (nvidia-smi)',
    'B: 16.0 GB total, plans with 12.0 GB (macos-unified)',
  ]);
});
