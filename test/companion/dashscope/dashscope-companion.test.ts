// DashScope end to end through the companion: a conformed clip, resume after restart, cancel, no key leaks.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DashScopeSettings } from '../../../companion/backends/dashscope/dashscope-settings';
import { Companion } from '../../../companion/companion';
import { capturingLogger, testShot } from '../../support/backend-context';
import { FakeDashScope } from '../../support/fake-dashscope';
import { probeClip } from '../../support/ffprobe';
import { makeTestClip } from '../../support/remote-clip';
import { firstCheckpoint, settled, startLoggedCompanion } from '../../support/remote-harness';
import { TestPanel } from '../../support/test-panel';

const KEY = 'sk-live-9c1e5b7a3d2f4e6a8b0c';

describe('dashscope through the companion', () => {
  let dir: string;
  let fake: FakeDashScope;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-dsc-'));
    makeTestClip(join(dir, 'clip.mp4'), { width: 832, height: 480, fps: 30, frames: 30 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    fake = await FakeDashScope.start(KEY, join(dir, 'clip.mp4'));
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    await fake.stop();
  });

  const settings = (log?: DashScopeSettings['log']): DashScopeSettings => ({
    baseUrl: fake.url,
    apiKey: KEY,
    pollIntervalMs: 5,
    retryBaseMs: 5,
    random: () => 0.5,
    log,
  });
  const companion = (log?: DashScopeSettings['log']) => {
    const c = new Companion({
      outputDir: join(dir, 'out'),
      backends: ['dashscope'],
      backendSettings: { dashscope: settings(log) },
    });
    cleanups.push(() => c.close());
    return c;
  };

  test('generates a conformed, verified clip; the key stays out of logs, messages and files', async () => {
    const { log, lines } = capturingLogger();
    const running = await startLoggedCompanion(
      { backends: ['dashscope'], backendSettings: { dashscope: settings(log) } },
      log,
    );
    cleanups.push(() => running.stop());
    const panel = await TestPanel.connect(running.url);
    cleanups.push(() => panel.close());
    const welcome = await panel.pair(running.token);
    expect(welcome.backends[0]).toMatchObject({ name: 'dashscope', available: true });

    fake.createOverrides.push({
      status: 401,
      body: { code: 'InvalidApiKey', message: `Invalid API-key provided: ${KEY}` },
    });
    const shot = { ...testShot(), negativePrompt: '字幕，静止' };
    panel.send({ type: 'generate', id: 'bad', shots: [shot] });
    const failed = await panel.waitFor('job.failed');
    expect(failed.error.code).toBe('REMOTE_AUTH_FAILED');

    panel.send({ type: 'generate', id: 'good', shots: [shot] });
    const done = await panel.waitFor('job.done');
    expect(probeClip(done.output.path)).toEqual({
      codec: 'h264',
      width: 320,
      height: 180,
      rate: '24/1',
      frames: 24,
    });
    // 320x180 is 16:9 and small: the nearest allowed landscape size is 832*480, and provenance says so.
    expect(done.provenance.model).toBe('wan2.2-t2v-plus@832*480');
    expect(fake.creates[1]!.body).toEqual({
      model: 'wan2.2-t2v-plus',
      input: { prompt: shot.prompt, negative_prompt: '字幕，静止' },
      parameters: { size: '832*480', duration: 5, prompt_extend: true, watermark: false, seed: 42 },
    });
    expect(fake.creates[1]!.headers).toMatchObject({
      authorization: `Bearer ${KEY}`,
      'x-dashscope-async': 'enable',
    });
    expect(fake.problems).toEqual([]);
    const phases = new Set(
      panel.received.flatMap((m) => (m.type === 'job.progress' ? [m.progress.phase] : [])),
    );
    expect(phases).toEqual(expect.objectContaining(new Set(['queued', 'downloading'])));

    const everything = [
      ...lines,
      ...panel.received.map((m) => JSON.stringify(m)),
      readFileSync(done.output.sidecarPath, 'utf8'),
    ].join('\n');
    expect(lines.some((l) => l.includes('task created'))).toBe(true);
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain('s3cr3tSig');
  });

  test('a restarted companion resumes polling the task it already paid for', async () => {
    fake.script = { statuses: ['PENDING'], download: 'ok' };
    const first = companion();
    const [job] = first.submit([testShot()], { ownerId: 'test' });
    const checkpoint = await firstCheckpoint(first, job!.jobId);
    expect(checkpoint).toMatchObject({ backend: 'dashscope', taskId: expect.any(String), size: '832*480' });
    await first.detach(); // the companion goes away (a restart) with the task still pending

    const taskId = checkpoint.taskId as string;
    const pollsBefore = fake.polls.length;
    fake.rescript(taskId, { statuses: ['RUNNING', 'SUCCEEDED'], download: 'ok' });
    const second = companion();
    const [again] = second.submit([testShot()], { ownerId: 'test' });
    again!.checkpoint = checkpoint; // what persistence restores with the job
    const result = await settled(second, again!.jobId);
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('done');
    expect(probeClip(result.output!.path).frames).toBe(24);
    expect(fake.creates).toHaveLength(1);
    // Resumed: polled at once (RUNNING), then SUCCEEDED — the same task, never a new one.
    expect(fake.polls.slice(pollsBefore)).toEqual([taskId, taskId]);
  });

  test('cancelling stops polling and marks the job cancelled', async () => {
    fake.script = { statuses: ['PENDING', 'RUNNING'], download: 'ok' };
    const c = companion();
    const [job] = c.submit([testShot()], { ownerId: 'test' });
    await firstCheckpoint(c, job!.jobId);
    while (fake.polls.length < 3) await new Promise((r) => setTimeout(r, 5));
    const ended = settled(c, job!.jobId);
    expect(c.queue.cancel(job!.jobId)).toBe(true);
    const result = await ended;
    expect(result.status).toBe('cancelled');
    expect(result.error?.code).toBe('JOB_CANCELLED');
    const polls = fake.polls.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(fake.polls.length).toBe(polls);
  });
});
