// Flow schedulers against Wan's own reference vectors (test/fixtures/scheduler-vectors) and a hand-computed Euler case.
import { fixturePath } from '../../support/fixtures';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { flowSchedule } from '../../../companion/backends/onnx/schedulers/flow-schedule';
import { flowSolvers } from '../../../companion/backends/onnx/schedulers/flow-scheduler';

const VECTORS = fixturePath('scheduler-vectors');

interface Vector {
  timesteps: number[];
  sigmas: number[];
  x0: number[];
  out: number[];
  provenance: { upstream: string; revision: string; file: string; command: string };
}

/** The stand-in model of the vectors' README: v(x, σ) = 0.7·tanh(x) + 0.3·σ·sin(3x), in fp32. */
function standIn(x: Float32Array, sigma: number): Float32Array {
  return x.map((value) => 0.7 * Math.tanh(value) + 0.3 * sigma * Math.sin(3 * value));
}

const files = readdirSync(VECTORS).filter((f) => /^unipc_\d+_shift[\d.]+\.json$/.test(f));

describe('flow UniPC reproduces Wan2.2 FlowUniPCMultistepScheduler', () => {
  test('all three vector files are present', () => {
    expect(files.sort()).toEqual(['unipc_40_shift12.json', 'unipc_4_shift5.json', 'unipc_50_shift5.json']);
  });

  test.each(files)('%s records which Wan2.2 revision and call produced it', (file) => {
    const { provenance } = JSON.parse(readFileSync(path.join(VECTORS, file), 'utf8')) as Vector;
    expect(provenance.upstream).toBe('Wan-Video/Wan2.2');
    expect(provenance.file).toBe('wan/utils/fm_solvers_unipc.py');
    expect(provenance.revision).toMatch(/42bf4cf/);
    expect(provenance.command).toContain('tools/scheduler-vectors/make_vectors.py');
  });

  test.each(files)('%s', (file) => {
    const [, steps, shift] = /^unipc_(\d+)_shift([\d.]+)\.json$/.exec(file)!;
    const vector = JSON.parse(readFileSync(path.join(VECTORS, file), 'utf8')) as Vector;
    const schedule = flowSchedule(Number(steps), Number(shift));
    expect(schedule.timesteps).toEqual(vector.timesteps);
    schedule.sigmas.forEach((s, i) => expect(Math.abs(s - vector.sigmas[i]!)).toBeLessThan(1e-5));
    const solver = flowSolvers.unipc(schedule);
    let x: Float32Array = Float32Array.from(vector.x0);
    for (let i = 0; i < schedule.timesteps.length; i++) x = solver.step(standIn(x, schedule.sigmas[i]!), x);
    const worst = Math.max(...Array.from(x, (v, i) => Math.abs(v - vector.out[i]!)));
    expect(worst).toBeLessThan(1e-5);
  });

  test('40 steps at shift 12 give the first 26 steps to the high-noise expert (t >= 875)', () => {
    const { timesteps } = flowSchedule(40, 12);
    expect(timesteps.filter((t) => t >= 875)).toHaveLength(26);
    expect(timesteps.slice(0, 26).every((t) => t >= 875)).toBe(true);
  });
});

describe('flow Euler', () => {
  test('matches x_{i+1} = x_i + (σ_{i+1} − σ_i)·v_i worked by hand', () => {
    // 2 steps, shift 1: σ = [f32(0.999), f32(0.4995), 0]; v = 2x.
    const schedule = flowSchedule(2, 1);
    expect(schedule.timesteps).toEqual([999, 499]);
    const s0 = Math.fround(0.999);
    const s1 = Math.fround(0.4995);
    const solver = flowSolvers.euler(schedule);
    let x: Float32Array = Float32Array.of(1, -2);
    x = solver.step(
      x.map((v) => 2 * v),
      x,
    );
    const x1 = [1 + (s1 - s0) * 2, -2 + (s1 - s0) * -4];
    expect(Array.from(x)).toEqual(x1.map(Math.fround));
    x = solver.step(
      x.map((v) => 2 * v),
      x,
    );
    const x2 = x1.map((v) => Math.fround(v) + (0 - s1) * 2 * Math.fround(v));
    expect(Array.from(x)).toEqual(x2.map(Math.fround));
    expect(() => solver.step(x, x)).toThrow(/past the last sigma/);
  });
});
