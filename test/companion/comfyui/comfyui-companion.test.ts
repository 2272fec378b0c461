// ComfyUI end to end through the companion: both built-in workflows, auth header, resume, and cancel.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComfyUISettings } from '../../../companion/backends/comfyui/comfyui-settings';
import { Companion } from '../../../companion/companion';
import type { JobRecord } from '../../../companion/queue/job-record';
import { testShot } from '../../support/backend-context';
import { FakeComfyUI } from '../../support/fake-comfyui';
import { probeClip } from '../../support/ffprobe';
import { makeTestClip } from '../../support/remote-clip';
import { firstCheckpoint, settled } from '../../support/remote-harness';

describe('comfyui through the companion', () => {
  let dir: string;
  let fake: FakeComfyUI;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-cfc-'));
    makeTestClip(join(dir, 'clip.mp4'), { width: 832, height: 480, fps: 16, frames: 17 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    fake = await FakeComfyUI.start(join(dir, 'clip.mp4'));
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    await fake.stop();
  });

  const companion = (settings: ComfyUISettings = {}) => {
    const c = new Companion({
      outputDir: join(dir, 'out'),
      backends: ['comfyui'],
      backendSettings: {
        comfyui: { url: fake.url, historyPollMs: 20, reconnectMs: 20, unreachableAfterMs: 300, ...settings },
      },
    });
    cleanups.push(() => c.close());
    return c;
  };
  const shot = () => testShot({ backend: 'comfyui' });
  const run = async (c: Companion, preset?: Record<string, unknown>): Promise<JobRecord> => {
    const [job] = c.submit([shot()], { ownerId: 'test' });
    if (preset) job!.checkpoint = preset;
    return settled(c, job!.jobId);
  };

  test('Wan2.2 A14B: fills the two-expert graph, follows progress, and delivers a conformed clip', async () => {
    const c = companion();
    const steps: number[] = [];
    c.queue.on('progress', (j) => j.progress?.phase === 'generating' && steps.push(j.progress.step));
    const job = await run(c);
    expect(job.error).toBeUndefined();
    expect(probeClip(job.output!.path)).toEqual({
      codec: 'h264',
      width: 320,
      height: 180,
      rate: '24/1',
      frames: 24,
    });
    const { graph, clientId } = fake.submitted[0]!;
    const input = (id: string, name: string) => graph[id]!.inputs[name];
    expect(input('6', 'text')).toBe(shot().prompt);
    expect(input('7', 'text')).toMatch(/^色调艳丽/); // Wan's default negative prompt
    expect([input('59', 'width'), input('59', 'height'), input('59', 'length'), input('60', 'fps')]).toEqual([
      832, 480, 17, 16,
    ]);
    expect([input('57', 'noise_seed'), input('57', 'steps'), input('58', 'steps')]).toEqual([42, 40, 40]);
    // 40 steps at shift 12: 26 steps above Wan's 0.875 boundary go to the high-noise expert.
    expect([input('57', 'end_at_step'), input('58', 'start_at_step')]).toEqual([26, 26]);
    expect([input('57', 'cfg'), input('58', 'cfg'), input('54', 'shift'), input('55', 'shift')]).toEqual([
      4, 3, 12, 12,
    ]);
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(job.provenance).toMatchObject({
      model: 'comfyui:wan22-t2v-a14b@832x480x17',
      steps: 40,
      guidance: 4,
    });
    expect(Math.max(...steps)).toBeGreaterThanOrEqual(26);
    expect(fake.problems).toEqual([]);
  });

  test('TI2V-5B behind an auth header; without the header the server refuses and the value is never shown', async () => {
    await fake.stop();
    const header = { name: 'authorization', value: 'Bearer comfy-secret-7781' };
    fake = await FakeComfyUI.start(join(dir, 'clip.mp4'), header);
    const refused = await run(
      companion({ workflow: 'wan22-ti2v-5b', authHeader: 'Authorization: Bearer wrong-secret-99' }),
    );
    expect(refused.error?.code).toBe('REMOTE_AUTH_FAILED');
    expect(JSON.stringify(refused.error)).not.toContain('wrong-secret-99');

    const job = await run(
      companion({ workflow: 'wan22-ti2v-5b', authHeader: 'Authorization: Bearer comfy-secret-7781' }),
    );
    expect(job.error).toBeUndefined();
    const { graph } = fake.submitted[0]!;
    expect(graph['55']!.inputs).toMatchObject({ width: 1280, height: 704, length: 25 });
    expect(graph['3']!.inputs).toMatchObject({ seed: 42, steps: 50, cfg: 5 });
    expect(graph['48']!.inputs.shift).toBe(5);
    expect(graph['57']!.inputs.fps).toBe(24);
    expect(probeClip(job.output!.path).frames).toBe(24);
  });

  const queued = async (promptId: unknown) => {
    while (
      !fake.queueIds().pending.includes(String(promptId)) &&
      !fake.queueIds().running.includes(String(promptId))
    )
      await new Promise((r) => setTimeout(r, 5));
  };

  test('a restarted companion resumes the queued prompt instead of queueing it twice', async () => {
    fake.mode = 'hold';
    const crashed = companion();
    const [job] = crashed.submit([shot()], { ownerId: 'test' });
    const checkpoint = await firstCheckpoint(crashed, job!.jobId);
    // The id is ours and checkpointed before the POST; the server queues it under that id.
    await queued(checkpoint.promptId);
    expect(checkpoint).toMatchObject({ backend: 'comfyui', promptId: fake.submitted[0]!.id });

    // A new companion (the old one "crashed": it never got to cancel) resumes with the stored ids.
    const resumed = run(companion(), checkpoint);
    await new Promise((r) => setTimeout(r, 50));
    fake.release(checkpoint.promptId as string);
    const result = await resumed;
    expect(result.error).toBeUndefined();
    expect(probeClip(result.output!.path).frames).toBe(24);
    expect(fake.submitted).toHaveLength(1);
  });

  test('cancel interrupts our running prompt, and removes a queued one from the queue', async () => {
    fake.mode = 'hold';
    const c = companion();
    const [running] = c.submit([shot()], { ownerId: 'test' });
    const cp = await firstCheckpoint(c, running!.jobId);
    while (fake.queueIds().running[0] !== cp.promptId) await new Promise((r) => setTimeout(r, 5));
    const ended = settled(c, running!.jobId);
    c.queue.cancel(running!.jobId);
    expect((await ended).status).toBe('cancelled');
    expect(fake.interrupts).toEqual([{ prompt_id: cp.promptId }]);

    const foreign = fake.enqueueForeign('hold'); // someone else's long job keeps ours waiting
    const [waiting] = c.submit([shot()], { ownerId: 'test' });
    const cp2 = await firstCheckpoint(c, waiting!.jobId);
    await queued(cp2.promptId);
    const ended2 = settled(c, waiting!.jobId);
    c.queue.cancel(waiting!.jobId);
    expect((await ended2).error?.code).toBe('JOB_CANCELLED');
    expect(fake.deletes).toEqual([cp2.promptId]);
    expect(fake.interrupts).toHaveLength(1); // the foreign prompt was left alone
    expect(fake.queueIds().running).toEqual([foreign]);
  });
});
