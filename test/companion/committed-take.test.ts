// The commit step of a take: refused when the guard says no, OUTPUT_MISSING when the partial vanished, and a
// committed take recognised afterwards (so a retry or a re-submit does not run it again).
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShotRequestSchema } from '../../shared/protocol';
import { BackendRegistry } from '../../companion/backends/registry';
import { getEncoder } from '../../companion/media/encoders';
import { readCommittedTake } from '../../companion/pipeline/committed-take';
import { runTake, type TakeMedia, type TakeSpec } from '../../companion/pipeline/run-take';

describe('committing a take', () => {
  let dir: string;
  const registry = new BackendRegistry(['slate']);
  const slate = registry.get('slate')!;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'shotline-commit-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  afterAll(() => registry.dispose());

  const spec = (extra: Partial<TakeSpec> = {}): TakeSpec => ({
    shot: ShotRequestSchema.parse({
      shotId: 'C1',
      prompt: 'commit test',
      duration: { frames: 4 },
      fps: { num: 24, den: 1 },
      size: { width: 64, height: 64 },
      backend: 'slate',
    }),
    take: 1,
    seed: 7,
    frames: 4,
    createdAt: new Date('2026-12-01T10:00:00Z'),
    outPath: join(dir, 'C1_take1_abc.mp4'),
    ...extra,
  });
  const media = (extra: Partial<TakeMedia> = {}): TakeMedia => ({
    encoder: getEncoder('h264'),
    fit: 'fit',
    rateMode: 'duplicate',
    ...extra,
  });
  const run = (s: TakeSpec, m: TakeMedia) =>
    runTake(s, slate, m, new AbortController().signal, () => undefined, {
      read: () => undefined,
      write: () => undefined,
    });

  test('a refused commit leaves neither the clip nor its partial', async () => {
    const refusal = new Error('lock lost');
    await expect(run(spec(), media({ commitGuard: () => Promise.reject(refusal) }))).rejects.toBe(refusal);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a partial removed before the commit is OUTPUT_MISSING, not an encode failure', async () => {
    const removePartials = async () => {
      for (const name of readdirSync(dir)) if (name.includes('.partial-')) rmSync(join(dir, name));
    };
    await expect(run(spec(), media({ commitGuard: removePartials }))).rejects.toMatchObject({
      code: 'OUTPUT_MISSING',
      message: `The half-written clip for ${spec().outPath} was removed by another process before it could be committed.`,
    });
  });

  test('a committed take is recognised by its clip and sidecar; any disagreement is not', async () => {
    const result = await run(spec(), media());
    const recognised = await readCommittedTake(spec());
    expect(recognised).toEqual({
      output: { ...result.output, poster: { path: result.output.poster!.path } },
      provenance: result.provenance,
    });
    expect(await readCommittedTake(spec({ seed: 8 }))).toBeUndefined();
    expect(await readCommittedTake(spec({ take: 2 }))).toBeUndefined();
    expect(await readCommittedTake(spec({ createdAt: new Date('2026-12-01T10:00:01Z') }))).toBeUndefined();
    writeFileSync(spec().outPath, 'not the clip the sidecar describes');
    expect(await readCommittedTake(spec())).toBeUndefined();
    expect(await readCommittedTake(spec({ outPath: join(dir, 'missing.mp4') }))).toBeUndefined();
  });
});
