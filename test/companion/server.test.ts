// The daemon on loopback with a real ws client: pairing, generating, progress, cancel, bad input.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { ProvenanceSchema, type ShotRequestInput } from '../../shared/protocol';
import { startCompanion, type RunningCompanion } from '../support/companion-harness';
import { probeClip } from '../support/ffprobe';
import { TestPanel } from '../support/test-panel';

function shot(overrides: Partial<ShotRequestInput> = {}): ShotRequestInput {
  return {
    shotId: 'S1-01',
    prompt: 'Kai leaps from the edge of the roof as a fuel tank explodes behind him.',
    sceneHeading: 'EXT. HARBOR CITY ROOFTOP - NIGHT',
    duration: { seconds: 1.5 },
    fps: { num: 24, den: 1 },
    size: { width: 320, height: 180 },
    seed: 42,
    backend: 'slate',
    takes: 1,
    ...overrides,
  };
}

describe('companion daemon on loopback', () => {
  let running: RunningCompanion;
  const panels: TestPanel[] = [];
  const connect = async () => {
    const panel = await TestPanel.connect(running.url);
    panels.push(panel);
    return panel;
  };

  beforeEach(async () => {
    running = await startCompanion();
  });
  afterEach(async () => {
    panels.splice(0).forEach((p) => p.close());
    await running.stop();
  });

  test('pairs, generates two shots with progress, and writes verified clips with sidecars', async () => {
    const panel = await connect();
    const welcome = await panel.pair(running.token);
    expect(welcome.backends.map((b) => b.name)).toEqual(['slate']);
    expect(welcome.outputDir).toBe(running.outputDir);

    panel.send({
      type: 'generate',
      id: 'r1',
      shots: [
        shot(),
        shot({
          shotId: 'S2-01',
          prompt: '飞船俯冲，侧翻，随后螺旋下坠。',
          fps: { num: 30000, den: 1001 },
          duration: { frames: 37 },
        }),
      ],
    });
    const accepted = await panel.waitFor('accepted', (m) => m.re === 'r1');
    expect(accepted.jobs.map((j) => j.shotId)).toEqual(['S1-01', 'S2-01']);

    const done = await Promise.all(
      accepted.jobs.map((j) => panel.waitFor('job.done', (m) => m.jobId === j.jobId)),
    );
    const progress = panel.received.filter((m) => m.type === 'job.progress');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.some((m) => m.type === 'job.progress' && m.progress.phase === 'generating')).toBe(true);

    const expected = [
      { frames: 36, rate: '24/1' },
      { frames: 37, rate: '30000/1001' },
    ];
    done.forEach((message, i) => {
      const { output } = message;
      expect(output.path.startsWith(running.outputDir)).toBe(true);
      const facts = probeClip(output.path);
      expect(facts).toEqual({
        codec: 'h264',
        width: 320,
        height: 180,
        rate: expected[i]!.rate,
        frames: expected[i]!.frames,
      });
      expect(output.frames).toBe(expected[i]!.frames);
      const sidecar = JSON.parse(readFileSync(output.sidecarPath, 'utf8'));
      expect(ProvenanceSchema.parse(sidecar).aiGenerated).toBe(true);
      expect(sidecar.prompt).toBe(i === 0 ? shot().prompt : '飞船俯冲，侧翻，随后螺旋下坠。');
      expect(message.provenance.seed).toBe(42);
    });
    // Nothing half-written is left behind.
    expect(readdirSync(running.outputDir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  test('takes of one shot get consecutive seeds', async () => {
    const panel = await connect();
    await panel.pair(running.token);
    panel.send({ type: 'generate', id: 'r2', shots: [shot({ takes: 2, duration: { frames: 4 } })] });
    const accepted = await panel.waitFor('accepted');
    const done = await Promise.all(
      accepted.jobs.map((j) => panel.waitFor('job.done', (m) => m.jobId === j.jobId)),
    );
    expect(done.map((d) => [d.take, d.provenance.seed])).toEqual([
      [1, 42],
      [2, 43],
    ]);
  });

  test('a wrong token is refused and the connection closed', async () => {
    const panel = await connect();
    panel.send({ type: 'hello', token: 'f'.repeat(64), client: { name: 'intruder', version: '0' } });
    const error = await panel.waitFor('error');
    expect(error.error.code).toBe('UNAUTHORIZED');
    expect(await panel.waitClosed()).toBe(4401);
  });

  test('requests before pairing are refused and closed', async () => {
    const panel = await connect();
    panel.send({ type: 'jobs.list', id: 'x' });
    expect((await panel.waitFor('error')).error.code).toBe('NOT_PAIRED');
    expect(await panel.waitClosed()).toBe(4401);
  });

  test('bad messages get an error reply and the connection stays usable', async () => {
    const panel = await connect();
    await panel.pair(running.token);
    panel.sendRaw('{not json');
    panel.sendRaw(JSON.stringify({ v: 1, type: 'launch-missiles', id: 'm1' }));
    panel.sendRaw(JSON.stringify({ v: 1, type: 'generate', id: 'g1', shots: [{ shotId: 'x' }] }));
    panel.sendRaw(Buffer.from([1, 2, 3]));
    panel.send({ type: 'generate', id: 'g2', shots: [shot({ backend: 'nope' })] });
    panel.send({ type: 'generate', id: 'g3', shots: [shot({ duration: { seconds: 600 } })] });
    panel.send({ type: 'cancel', id: 'c1', jobId: 'job_doesnotexist' });
    panel.send({ type: 'jobs.list', id: 'l1' });
    const list = await panel.waitFor('jobs', (m) => m.re === 'l1');
    expect(list.jobs).toEqual([]);
    const errors = panel.received.flatMap((m) => (m.type === 'error' ? [[m.re, m.error.code]] : []));
    expect(errors).toEqual([
      [undefined, 'BAD_MESSAGE'],
      ['m1', 'UNKNOWN_MESSAGE'],
      ['g1', 'BAD_MESSAGE'],
      [undefined, 'BAD_MESSAGE'],
      ['g2', 'UNKNOWN_BACKEND'],
      ['g3', 'INVALID_SHOT'],
      ['c1', 'JOB_NOT_FOUND'],
    ]);
    expect(panel.closeCode).toBeUndefined();
  });

  test('cancel stops a queued and a running job and leaves no files', async () => {
    const panel = await connect();
    await panel.pair(running.token);
    // Slate runs one job at a time here, so the second waits in the queue.
    panel.send({
      type: 'generate',
      id: 'r3',
      shots: [
        shot({ shotId: 'LONG', duration: { seconds: 60 }, size: { width: 640, height: 360 } }),
        shot({ shotId: 'NEXT' }),
      ],
    });
    const accepted = await panel.waitFor('accepted');
    const [running1, queued] = accepted.jobs;
    await panel.waitFor(
      'job.progress',
      (m) => m.jobId === running1!.jobId && m.progress.phase === 'generating',
    );

    panel.send({ type: 'cancel', id: 'c-queued', jobId: queued!.jobId });
    expect((await panel.waitFor('cancelled', (m) => m.re === 'c-queued')).stopped).toBe(true);
    expect((await panel.waitFor('job.failed', (m) => m.jobId === queued!.jobId)).error.code).toBe(
      'JOB_CANCELLED',
    );

    panel.send({ type: 'cancel', id: 'c-running', jobId: running1!.jobId });
    expect((await panel.waitFor('cancelled', (m) => m.re === 'c-running')).stopped).toBe(true);
    expect((await panel.waitFor('job.failed', (m) => m.jobId === running1!.jobId)).error.code).toBe(
      'JOB_CANCELLED',
    );

    panel.send({ type: 'jobs.list', id: 'l2' });
    const list = await panel.waitFor('jobs', (m) => m.re === 'l2');
    expect(list.jobs.map((j) => j.status)).toEqual(['cancelled', 'cancelled']);
    // Give the killed ffmpeg a moment to release the temp file, then check nothing stayed.
    await new Promise((r) => setTimeout(r, 200));
    expect(readdirSync(running.outputDir)).toEqual([]);
    expect(panel.received.some((m) => m.type === 'job.done')).toBe(false);
    expect(existsSync(running.outputDir)).toBe(true);
  });
});
