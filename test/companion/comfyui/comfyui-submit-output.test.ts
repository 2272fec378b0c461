// ComfyUI against the fake: dropped output branches, idempotent submit, the outputs core nodes save, progress order.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_IN_WORKFLOWS } from '../../../companion/backends/comfyui/workflow';
import { locateTool } from '../../../companion/media/tool-locator';
import { failure } from '../../support/remote-harness';
import { expectWordedInBothLanguages } from '../../support/panel-wording';
import { useFakeComfyUI } from './fake-comfyui-hooks';

describe('comfyui submit and outputs', () => {
  const suite = useFakeComfyUI();
  const { backend, ctx, run } = suite;
  let dir = '';

  const ffmpeg = (...args: string[]) =>
    execFileSync(locateTool('ffmpeg'), ['-v', 'error', '-y', ...args], { stdio: 'pipe' });

  beforeAll(() => {
    dir = suite.dir;
    const src = ['-f', 'lavfi', '-i', 'testsrc2=size=320x192:rate=16'];
    ffmpeg(...src, '-frames:v', '9', join(dir, 'clip.gif'));
    ffmpeg(...src, '-frames:v', '7', '-c:v', 'libwebp_anim', '-loop', '0', join(dir, 'clip.webp'));
    ffmpeg(...src, '-frames:v', '5', join(dir, 'frame_%05d_.png'));
  });

  /** The A14B template with a second, independent output branch (a still saved by SaveImage). */
  function withPreviewBranch(): string {
    const template = structuredClone(BUILT_IN_WORKFLOWS['wan22-t2v-a14b']) as {
      output?: string;
      graph: Record<string, unknown>;
    };
    delete template.output;
    template.graph['90'] = {
      class_type: 'EmptyImage',
      inputs: { width: 64, height: 64, batch_size: 1, color: 0 },
    };
    template.graph['91'] = {
      class_type: 'SaveImage',
      inputs: { images: ['90', 0], filename_prefix: 'preview' },
    };
    const path = join(dir, 'two-branches.json');
    writeFileSync(path, JSON.stringify(template));
    return path;
  }

  test('a 200 whose node_errors drop the video branch fails at once with the node errors, and takes the rest off the queue', async () => {
    suite.fake.models.delete('wan2.2_t2v_high_noise_14B_fp8_scaled.safetensors');
    suite.fake.mode = 'hold'; // the surviving preview branch would run forever: only an immediate failure ends this
    const c = ctx();
    const err = await failure(run(backend({ workflow: withPreviewBranch() }), c));
    expect(err.code).toBe('WORKFLOW_INVALID');
    expect(err.message).toMatch(
      /^ComfyUI dropped the branch that saves the clip \(node 61\), so nothing of ours would be saved: node 37 \(UNETLoader\): input "unet_name": the value is not one the server offers/,
    );
    expectWordedInBothLanguages(err);
    const id = suite.fake.submitted[0]!.id;
    expect([
      ...suite.fake.deletes,
      ...suite.fake.interrupts.map((b) => (b as { prompt_id: string }).prompt_id),
    ]).toEqual([id]);
    expect(c.saved).toEqual({});
  });

  test('a valid video branch beside an invalid preview still runs and delivers the video', async () => {
    const path = withPreviewBranch();
    const workflow = JSON.parse(readFileSync(path, 'utf8')) as { graph: Record<string, { inputs: object }> };
    workflow.graph['91']!.inputs = { images: ['90', 0] }; // filename_prefix missing: this branch is dropped
    writeFileSync(path, JSON.stringify(workflow));
    const result = await run(backend({ workflow: path }));
    expect(result.media).toMatchObject({ kind: 'file', width: 832, height: 480, frameCount: 17 });
  });

  test('the prompt id is ours and checkpointed first: a retry after a lost reply finds the prompt, never queues it twice', async () => {
    suite.fake.dropPromptReplies = 1;
    suite.fake.mode = 'hold';
    const c = ctx();
    const err = await failure(run(backend(), c));
    expect(err.code).toBe('REMOTE_UNREACHABLE');
    expect(suite.fake.submitted).toHaveLength(1);
    expect(c.saved).toMatchObject({ backend: 'comfyui', promptId: suite.fake.submitted[0]!.id });

    const retry = run(backend(), c);
    await new Promise((r) => setTimeout(r, 60));
    suite.fake.release(suite.fake.submitted[0]!.id);
    expect((await retry).media).toMatchObject({ kind: 'file', frameCount: 17 });
    expect(suite.fake.submitted).toHaveLength(1);
  });

  test('an animated GIF is accepted as the clip', async () => {
    suite.fake.saves = {
      files: [{ filename: 'shotline_00001_.gif', subfolder: '', data: readFileSync(join(dir, 'clip.gif')) }],
      animated: true,
    };
    const result = await run(backend());
    expect(result.media).toMatchObject({ kind: 'file', width: 320, height: 192, frameCount: 9 });
  });

  test('an animated WEBP (SaveAnimatedWEBP) is split into its frames and becomes the clip', async () => {
    suite.fake.saves = {
      files: [
        { filename: 'shotline_00001_.webp', subfolder: '', data: readFileSync(join(dir, 'clip.webp')) },
      ],
      animated: true,
    };
    const result = await run(backend());
    expect(result.media).toMatchObject({ kind: 'file', width: 320, height: 192, frameCount: 7 });
  });

  test('a PNG sequence from SaveImage becomes one clip at the workflow rate, frames in order', async () => {
    const pngs = readdirSync(dir)
      .filter((f) => /^frame_\d+_\.png$/.test(f))
      .sort();
    suite.fake.saves = {
      files: pngs.map((f) => ({ filename: f, subfolder: 'frames', data: readFileSync(join(dir, f)) })),
    };
    const result = await run(backend());
    expect(result.media).toMatchObject({
      kind: 'file',
      width: 320,
      height: 192,
      frameCount: 5,
      fps: { num: 16, den: 1 },
    });
  });

  test('an output with nothing a clip can be made from names the files it found', async () => {
    suite.fake.saves = {
      files: [{ filename: 'metadata.json', subfolder: 'video', data: Buffer.from('{}') }],
    };
    const err = await failure(run(backend()));
    expect(err.code).toBe('REMOTE_TASK_FAILED');
    expect(err.message).toMatch(/saved nothing Shotline can make a clip from \(files: metadata\.json\)/);
  });

  test('progress never goes backwards: socket frames after the result is taken are ignored', async () => {
    suite.fake.progressOnView = { value: 1, max: 40 };
    const c = ctx();
    await run(backend(), c);
    const firstDownload = c.progress.findIndex((p) => p.phase === 'downloading');
    expect(firstDownload).toBeGreaterThan(0);
    expect(c.progress.slice(firstDownload).map((p) => p.phase)).toEqual(['downloading', 'downloading']);
  });
});
