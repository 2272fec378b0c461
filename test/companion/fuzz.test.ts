// Property-based fuzzing of every message type, in memory and through the live socket.
import fc from 'fast-check';
import { decodeToServer, ErrorCodeSchema, toServerMessages } from '../../shared/protocol';
import { startCompanion, type RunningCompanion } from '../support/companion-harness';
import { TestPanel } from '../support/test-panel';
import { toServerSamples } from '../protocol/samples';

const types = Object.keys(toServerMessages);

/** A JSON value nested `depth` levels deep, as arrays or objects. */
const deep = (depth: number, asObject: boolean): string =>
  asObject ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth);

function setPath(target: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const base = target && typeof target === 'object' ? (target as Record<string, unknown>) : {};
  return { ...base, [head!]: setPath(base[head!], rest, value) };
}

const fieldNames = fc.constantFrom(
  'v',
  'type',
  'id',
  'token',
  'client',
  'shots',
  'jobId',
  'name',
  'size',
  '__proto__',
  'constructor',
);

/** Valid messages with one field replaced by anything at all. */
const mutatedMessage = fc
  .tuple(
    fc.constantFrom(...toServerSamples),
    fc.array(fieldNames, { minLength: 1, maxLength: 3 }),
    fc.jsonValue(),
  )
  .map(([sample, path, value]) => JSON.stringify(setPath(sample, path, value)));

const truncatedMessage = fc
  .tuple(fc.constantFrom(...toServerSamples), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([sample, cut]) => {
    const text = JSON.stringify(sample);
    return text.slice(0, Math.floor(text.length * cut));
  });

const frames: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc
    .record({ v: fc.constant(1), type: fc.constantFrom(...types), id: fc.string() })
    .map((m) => JSON.stringify(m)),
  mutatedMessage,
  mutatedMessage,
  truncatedMessage,
  fc
    .integer({ min: 10_000, max: 200_000 })
    .map((n) => JSON.stringify({ v: 1, type: 'generate', id: 'x'.repeat(n) })),
  fc.integer({ min: 100, max: 5000 }).chain((d) => fc.boolean().map((o) => deep(d, o))),
  fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
);

describe('fuzzing', () => {
  test('the codec never throws and always answers with a known code (20 000 inputs)', () => {
    fc.assert(
      fc.property(frames, (frame) => {
        const decoded = decodeToServer(frame instanceof Buffer ? frame : frame);
        if (!decoded.ok) {
          expect(ErrorCodeSchema.options).toContain(decoded.error.code);
          expect(decoded.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 20_000 },
    );
  });

  describe('through the socket', () => {
    let running: RunningCompanion;
    beforeAll(async () => {
      // No backends: any generate that survives mutation is refused instead of rendering.
      running = await startCompanion(
        { backends: [] },
        { limits: { messagesPerSecond: 1_000_000, messageBurst: 1_000_000 } },
      );
    });
    afterAll(() => running.stop());

    test('10 000 random and mutated frames each get one reply; the daemon keeps serving', async () => {
      const panel = await TestPanel.connect(running.url);
      await panel.pair(running.token);
      const sample = fc.sample(frames, { numRuns: 10_000, seed: 20261125 });
      const before = panel.received.length;
      for (const frame of sample) panel.sendRaw(frame);
      panel.send({ type: 'jobs.list', id: 'still-alive' });
      const alive = await panel.waitFor('jobs', (m) => m.re === 'still-alive', 60_000);
      expect(alive.jobs).toEqual([]);
      // One reply per frame (in order), then the list.
      expect(panel.received.length - before).toBe(sample.length + 1);
      expect(panel.invalid).toEqual([]);
      expect(panel.closeCode).toBeUndefined();
      panel.close();
    });

    test('a frame over the size limit closes only that connection', async () => {
      const big = await TestPanel.connect(running.url);
      await big.pair(running.token);
      big.sendRaw('x'.repeat(2 * 1024 * 1024));
      expect(await big.waitClosed()).toBe(1009);
      const next = await TestPanel.connect(running.url);
      await next.pair(running.token);
      next.send({ type: 'jobs.list', id: 'ok' });
      await next.waitFor('jobs');
      next.close();
    });
  });
});
