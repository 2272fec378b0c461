// Shotline's comfyui backend against the real ComfyUI 0.3.64 (CPU, no models): the protocol as the server speaks it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHUTDOWN_REASON } from '../../companion/backends/backend';
import { ComfyClient } from '../../companion/backends/comfyui/comfy-client';
import { resolveComfyUISettings } from '../../companion/backends/comfyui/comfyui-settings';
import { BUILT_IN_WORKFLOWS, fillWorkflow, parseWorkflow } from '../../companion/backends/comfyui/workflow';
import sharp from 'sharp';
import { Companion } from '../../companion/companion';
import { capturingLogger, testShot } from '../support/backend-context';
import { colourTags, decodeAsPremiere } from '../support/colour-chart';
import { settled } from '../support/remote-harness';
import { comfyBackendHarness } from '../support/comfy-backend-harness';
import { failure, waitFor } from '../support/remote-harness';

import { FakeComfyUI } from '../support/fake-comfyui';
import { makeTestClip } from '../support/remote-clip';
import { ComfyUIServer, INSTALL_DIR, freePort, installComfyUI } from './comfyui-server';
import { describeWithPeer } from './peer-suite';
import { A14B_T2V_FILE_CHECKS } from '../support/a14b-template-files';

type Graph = Record<string, { class_type: string; inputs: Record<string, unknown> }>;

/** A model-free clip: blank frames through the test's progress node, then the given save node(s). */
function clipGraph(save: Graph): Graph {
  return {
    '1': {
      class_type: 'EmptyImage',
      inputs: { width: '{{width}}', height: '{{height}}', batch_size: '{{length}}', color: 3355443 },
    },
    '2': {
      class_type: 'ShotlineProgress',
      inputs: { images: ['1', 0], steps: '{{steps}}', delay: 0.05, label: '{{prompt}}' },
    },
    ...save,
  };
}
const SAVE_VIDEO: Graph = {
  '3': { class_type: 'CreateVideo', inputs: { images: ['2', 0], fps: '{{fps}}' } },
  '4': {
    class_type: 'SaveVideo',
    inputs: { video: ['3', 0], filename_prefix: 'video/shotline', format: 'auto', codec: 'auto' },
  },
};
const SAVE_WEBP: Graph = {
  '4': {
    class_type: 'SaveAnimatedWEBP',
    inputs: {
      images: ['2', 0],
      filename_prefix: 'shotline',
      fps: '{{fps}}',
      lossless: false,
      quality: 80,
      method: 'default',
    },
  },
};
const SAVE_FRAMES: Graph = {
  '4': { class_type: 'SaveImage', inputs: { images: ['2', 0], filename_prefix: 'frames/shotline' } },
};

async function post(url: string, path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

/** The key structure of a JSON value: what two servers must share, whatever the values. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shape(value[0])] : [];
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'input_config' && k !== 'received_value') // real-only debugging extras
        .map(([k, v]) => [/^\d+$/.test(k) ? '<node>' : k, shape(v)]),
    );
  }
  return typeof value;
}

describeWithPeer(
  'comfyui backend against the real ComfyUI',
  { name: 'comfyui', marker: 'setup.sh' },
  (peerDir) => {
    let server: ComfyUIServer;
    let dir: string;
    const workflows: Record<string, string> = {};
    const { backend, ctx, run, cleanup } = comfyBackendHarness(() => server.url, {
      steps: 6,
      requestTimeoutMs: 10_000,
      unreachableAfterMs: 180_000,
    });
    const workflow = (name: string) => backend({ workflow: workflows[name] });

    beforeAll(async () => {
      const install = await installComfyUI(peerDir);
      process.stderr.write(`comfyui peer: setup.sh took ${install.seconds.toFixed(1)} s\n`);
      server = new ComfyUIServer(install.command, await freePort());
      const started = Date.now();
      await server.start();
      process.stderr.write(`comfyui peer: server up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      dir = mkdtempSync(join(tmpdir(), 'shotline-peer-'));
      for (const [name, save] of Object.entries({
        video: SAVE_VIDEO,
        webp: SAVE_WEBP,
        frames: SAVE_FRAMES,
      })) {
        workflows[name] = join(dir, `${name}.json`);
        writeFileSync(
          workflows[name],
          // A bare graph with {{markers}}: 16 fps, 81 frames at most; a 320x180 shot is made at 320x176.
          JSON.stringify(clipGraph(save)),
        );
      }
    });
    afterEach(() => cleanup());
    afterAll(async () => {
      await server?.kill();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** Someone else's prompt, straight through the HTTP API. */
    async function foreignPrompt(steps: number): Promise<string> {
      const graph = fillWorkflow(parseWorkflow(clipGraph(SAVE_FRAMES), 'foreign'), {
        prompt: 'foreign',
        width: 64,
        height: 64,
        length: 1,
        steps,
      });
      const reply = await post(server.url, '/prompt', { prompt: graph, client_id: 'someone-else' });
      expect(reply.status).toBe(200);
      return (reply.json as { prompt_id: string }).prompt_id;
    }
    async function queue(): Promise<{ running: string[]; pending: string[] }> {
      const q = (await (await fetch(`${server.url}/queue`)).json()) as Record<string, unknown[][]>;
      return {
        running: q.queue_running!.map((i) => String(i[1])),
        pending: q.queue_pending!.map((i) => String(i[1])),
      };
    }
    async function historyStatus(id: string): Promise<string | undefined> {
      const h = (await (await fetch(`${server.url}/history/${id}`)).json()) as Record<
        string,
        { status?: { status_str?: string } }
      >;
      return h[id]?.status?.status_str;
    }

    test('submit, progress over /ws, history, download through /view: a conformable H.264 clip', async () => {
      const c = ctx();
      const result = await run(workflow('video'), c);
      expect(result.media).toMatchObject({ kind: 'file', width: 320, height: 176, frameCount: 17 });
      expect(result.media.fps).toEqual({ num: 16, den: 1 });
      const generating = c.progress.filter((p) => p.phase === 'generating');
      expect(generating.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(generating.every((p) => p.total === 6)).toBe(true);
      const phases = c.progress.map((p) => p.phase);
      expect(phases.lastIndexOf('generating')).toBeLessThan(phases.indexOf('downloading'));
      expect(c.saved).toMatchObject({ backend: 'comfyui', promptId: expect.any(String) });
      expect(await historyStatus(String(c.saved!.promptId))).toBe('success');
    });

    test.each([
      ['webp', 'SaveAnimatedWEBP'],
      ['frames', 'SaveImage (a PNG sequence)'],
    ])('the %s output of %s becomes the clip', async (name) => {
      const result = await run(workflow(name));
      expect(result.media).toMatchObject({ kind: 'file', width: 320, height: 176, frameCount: 17 });
    });

    test('cancel while running interrupts our prompt only; a prompt queued behind it still runs', async () => {
      const c = ctx();
      const job = run(backend({ workflow: workflows.video, steps: 400 }), c);
      await waitFor(
        async () => c.saved !== undefined && (await queue()).running.includes(String(c.saved.promptId)),
      );
      const foreign = await foreignPrompt(2);
      c.controller.abort('user');
      expect((await failure(job)).code).toBe('JOB_CANCELLED');
      const ours = String(c.saved!.promptId);
      await waitFor(async () => (await historyStatus(foreign)) !== undefined);
      expect(await historyStatus(foreign)).toBe('success');
      expect(await historyStatus(ours)).toBe('error'); // execution_interrupted
    });

    test('cancel while queued deletes our prompt from the queue; the running one is left alone', async () => {
      const foreign = await foreignPrompt(400);
      await waitFor(async () => (await queue()).running.includes(foreign));
      const c = ctx();
      const job = run(workflow('video'), c);
      await waitFor(
        async () => c.saved !== undefined && (await queue()).pending.includes(String(c.saved.promptId)),
      );
      c.controller.abort('user');
      expect((await failure(job)).code).toBe('JOB_CANCELLED');
      const q = await queue();
      expect(q.pending).not.toContain(String(c.saved!.promptId));
      expect(q.running).toEqual([foreign]);
      await post(server.url, '/interrupt', { prompt_id: foreign });
      await waitFor(async () => (await queue()).running.length === 0);
    });

    test('a server restart mid-job: the lost prompt is a clear failure, and the retry runs', async () => {
      const c = ctx();
      const job = run(backend({ workflow: workflows.video, steps: 400 }), c);
      await waitFor(
        async () => c.saved !== undefined && (await queue()).running.includes(String(c.saved.promptId)),
      );
      await server.kill();
      const down = Date.now();
      await server.start();
      process.stderr.write(`comfyui peer: restarted in ${((Date.now() - down) / 1000).toFixed(1)} s\n`);
      const err = await failure(job);
      expect(err.code).toBe('REMOTE_TASK_EXPIRED');
      expect(err.message).toMatch(/no longer knows prompt .* restarted/);
      const retry = await run(workflow('video'), c);
      expect(retry.media).toMatchObject({ kind: 'file', frameCount: 17 });
    });

    test('a daemon shutdown leaves the prompt running, and the next start resumes it without queueing again', async () => {
      const c = ctx();
      const job = run(backend({ workflow: workflows.video, steps: 40 }), c);
      await waitFor(
        async () => c.saved !== undefined && (await queue()).running.includes(String(c.saved.promptId)),
      );
      c.controller.abort(SHUTDOWN_REASON);
      await failure(job);
      const id = String(c.saved!.promptId);
      expect((await queue()).running).toEqual([id]); // still working on the server
      const { log, lines } = capturingLogger();
      const resumed = ctx({ ...c.saved });
      const result = await run(backend({ workflow: workflows.video, log }), resumed);
      expect(result.media).toMatchObject({ frameCount: 17 });
      expect(await historyStatus(id)).toBe('success');
      const said = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
      expect(said).toContain('comfyui: resuming the prompt this job already queued');
      expect(said).not.toContain('comfyui: prompt queued');
    });

    test('an invalid value is WORKFLOW_INVALID, said per node', async () => {
      const err = await failure(run(backend({ workflow: workflows.video, steps: 20_000 })));
      expect(err.code).toBe('WORKFLOW_INVALID');
      expect(err.message).toMatch(/node 2 \(ShotlineProgress\): input "steps": a value is above its maximum/);
    });

    test('an unknown node class is WORKFLOW_INVALID naming the class', async () => {
      const path = join(dir, 'unknown.json');
      writeFileSync(
        path,
        JSON.stringify({ ...clipGraph(SAVE_VIDEO), '9': { class_type: 'NoSuchNode', inputs: {} } }),
      );
      const err = await failure(run(backend({ workflow: path })));
      expect(err.code).toBe('WORKFLOW_INVALID');
      expect(err.message).toMatch(/Cannot execute because node NoSuchNode does not exist/);
    });

    test('a partially valid graph whose video branch is dropped fails at once; the surviving branch is taken off', async () => {
      const path = join(dir, 'partial.json');
      const graph = clipGraph({
        '3': { class_type: 'CreateVideo', inputs: { images: ['2', 0], fps: 0 } }, // below CreateVideo's minimum
        '4': SAVE_VIDEO['4']!,
        '8': { class_type: 'EmptyImage', inputs: { width: 64, height: 64, batch_size: 1, color: 0 } },
        '9': { class_type: 'SaveImage', inputs: { images: ['8', 0], filename_prefix: 'preview' } },
      });
      writeFileSync(path, JSON.stringify(graph));
      const started = Date.now();
      const err = await failure(run(backend({ workflow: path })));
      expect(err.code).toBe('WORKFLOW_INVALID');
      expect(err.message).toMatch(
        /^ComfyUI dropped the branch that saves the clip \(node 4\), so nothing of ours would be saved: node 3 \(CreateVideo\): input "fps": a value is below its minimum/,
      );
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    /** A PNG uploaded through our client into the real server's input folder; its name for LoadImage. */
    async function uploaded(name: string): Promise<string> {
      const png = join(dir, name);
      await sharp({ create: { width: 64, height: 36, channels: 3, background: { r: 200, g: 40, b: 40 } } })
        .png()
        .toFile(png);
      const client = new ComfyClient(resolveComfyUISettings({ url: server.url }));
      return client.uploadImage(png, name, AbortSignal.timeout(10_000));
    }

    test('the upload endpoint takes our image into the input folder, byte for byte', async () => {
      const stored = await uploaded('shotline-peer-upload.png');
      expect(stored).toBe('shotline-peer-upload.png');
      const view = await fetch(`${server.url}/view?filename=${encodeURIComponent(stored)}&type=input`);
      expect(view.status).toBe(200);
      const original = await sharp(join(dir, stored)).raw().toBuffer();
      expect(
        await sharp(Buffer.from(await view.arrayBuffer()))
          .raw()
          .toBuffer(),
      ).toEqual(original);
    });

    test.each(Object.keys(BUILT_IN_WORKFLOWS))(
      'built-in template %s: every class, input and value passes validation except the missing model files',
      async (name) => {
        const wf = parseWorkflow(BUILT_IN_WORKFLOWS[name], name);
        // The image templates' LoadImage nodes need files that exist on the server: upload them first.
        const images = {
          ...(wf.placeholders.start_image && { start_image: await uploaded(`${name}-start.png`) }),
          ...(wf.placeholders.end_image && { end_image: await uploaded(`${name}-end.png`) }),
        };
        const graph = fillWorkflow(wf, {
          prompt: 'A rooftop at night.',
          seed: 7,
          width: 832,
          height: 480,
          length: 81,
          fps: 16,
          ...images,
        });
        const reply = await post(server.url, '/prompt', { prompt: graph, client_id: 'templates' });
        expect(reply.status).toBe(400);
        const nodeErrors = (
          reply.json as {
            node_errors: Record<
              string,
              { class_type: string; errors: { type: string; extra_info: { input_name: string } }[] }
            >;
          }
        ).node_errors;
        const problems = Object.entries(nodeErrors).flatMap(([id, e]) =>
          e.errors.map((r) => `${id} ${e.class_type}.${r.extra_info.input_name}: ${r.type}`),
        );
        expect(problems.length).toBeGreaterThan(0);
        for (const p of problems)
          expect(p).toMatch(
            /^\d+ (UNETLoader|CLIPLoader|VAELoader|LoraLoaderModelOnly)\.\w+_name: value_not_in_list$/,
          );
      },
    );

    test('preflight on the real server without models lists exactly the files the A14B template needs', async () => {
      const result = await backend({ workflow: 'wan22-t2v-a14b' }).preflight(AbortSignal.timeout(30_000));
      expect(result.state).toBe('needs');
      expect(result.checks[0]).toMatchObject({ check: 'server', status: 'ok' });
      expect(result.checks[0]!.sentence).toMatch(/^ComfyUI 0\.3\.64 answers at /);
      expect(
        result.checks
          .filter((c) => c.status !== 'ok')
          .map((c) => c.check)
          .sort(),
      ).toEqual(A14B_T2V_FILE_CHECKS);
    });

    test.each(Object.keys(BUILT_IN_WORKFLOWS))(
      'preflight of built-in %s on the real server: only model files lack, each with its folder',
      async (name) => {
        const result = await backend({ workflow: name }).preflight(AbortSignal.timeout(30_000));
        const lacking = result.checks.filter((c) => c.status !== 'ok');
        expect(lacking.length).toBeGreaterThan(0);
        for (const c of lacking) {
          expect(c.check).toMatch(
            /^file:models\/(diffusion_models|text_encoders|vae|loras)\/[\w.-]+\.safetensors$/,
          );
        }
      },
    );

    test('preflight of a model-free graph on the real server is ready; an absent custom node is named', async () => {
      expect((await workflow('video').preflight(AbortSignal.timeout(30_000))).state).toBe('ready');
      const missing = join(dir, 'missing-node.json');
      writeFileSync(
        missing,
        JSON.stringify({
          name: 'missing-node',
          nodePacks: { WanVideoSampler: 'ComfyUI-WanVideoWrapper' },
          placeholders: { prompt: ['1.text'] },
          graph: { '1': { class_type: 'WanVideoSampler', inputs: { text: '' } } },
        }),
      );
      const result = await backend({ workflow: missing }).preflight(AbortSignal.timeout(30_000));
      expect(result.checks.at(-1)).toEqual({
        check: 'node:WanVideoSampler',
        status: 'missing',
        sentence:
          'ComfyUI has no node class WanVideoSampler: install the custom node pack "ComfyUI-WanVideoWrapper" and restart the server.',
        // The panel words it from these in the editor's language.
        code: 'COMFYUI_NODE_MISSING',
        params: { case: 'pack', node: 'WanVideoSampler', pack: 'ComfyUI-WanVideoWrapper' },
      });
    });

    test('through the companion, a file copied in after a failed preflight is seen by the next one, no restart', async () => {
      const file = `shotline-peer-${process.pid}.safetensors`;
      const model = join(INSTALL_DIR, 'ComfyUI', 'models', 'vae', file);
      const graph = join(dir, 'vae-only.json');
      writeFileSync(
        graph,
        JSON.stringify({
          '1': { class_type: 'VAELoader', inputs: { vae_name: file } },
          '2': { class_type: 'CLIPTextEncode', inputs: { text: '{{prompt}}', clip: ['1', 0] } },
        }),
      );
      const companion = new Companion({
        outputDir: dir,
        backends: ['comfyui'],
        backendSettings: { comfyui: { url: server.url, workflow: graph } },
      });
      try {
        const first = await companion.preflight('comfyui', AbortSignal.timeout(30_000));
        expect(first!.checks.filter((c) => c.status !== 'ok').map((c) => c.check)).toEqual([
          `file:models/vae/${file}`,
        ]);
        writeFileSync(model, ''); // ComfyUI lists a folder's files by name; the content is not read here
        const second = await companion.preflight('comfyui', AbortSignal.timeout(30_000));
        expect(second!.state).toBe('ready');
      } finally {
        rmSync(model, { force: true });
        await companion.close();
      }
    });

    test("the fake server's answers have the real one's shapes", async () => {
      const clipDir = mkdtempSync(join(tmpdir(), 'shotline-peer-fake-'));
      const fake = await FakeComfyUI.start(
        makeTestClip(join(clipDir, 'c.mp4'), { width: 64, height: 64, fps: 16, frames: 5 }),
      );
      try {
        const a14b = fillWorkflow(parseWorkflow(BUILT_IN_WORKFLOWS['wan22-t2v-a14b'], 'a14b'), {
          prompt: 'x',
          seed: 1,
        });
        fake.models.clear();
        const cases: unknown[] = [
          { prompt: a14b, client_id: 'shape' }, // model files missing: value_not_in_list per loader
          { prompt: { '1': { class_type: 'NoSuchNode', inputs: {} } }, client_id: 'shape' },
          { client_id: 'shape' }, // no prompt at all
        ];
        for (const body of cases) {
          const [real, fakeReply] = await Promise.all([
            post(server.url, '/prompt', body),
            post(fake.url, '/prompt', body),
          ]);
          expect(fakeReply.status).toBe(real.status);
          expect(shape(fakeReply.json)).toEqual(shape(real.json));
        }
      } finally {
        await fake.stop();
        rmSync(clipDir, { recursive: true, force: true });
      }
    });

    test("pure green from ComfyUI's own SaveVideo (BT.601, untagged) reaches the clip as BT.709 green", async () => {
      // EmptyImage of pure green, straight to SaveVideo: what ComfyUI itself writes, with no model in between.
      const green = join(dir, 'green.json');
      writeFileSync(
        green,
        JSON.stringify({
          '1': {
            class_type: 'EmptyImage',
            inputs: { width: '{{width}}', height: '{{height}}', batch_size: '{{length}}', color: 0x00ff00 },
          },
          ...SAVE_VIDEO,
          '3': { class_type: 'CreateVideo', inputs: { images: ['1', 0], fps: '{{fps}}' } },
          // Every workflow declares {{prompt}}; an unconnected node carries it and does not run.
          '9': { class_type: 'PrimitiveString', inputs: { value: '{{prompt}}' } },
        }),
      );
      const centre = (image: { rgb: Buffer; width: number; height: number }) => {
        const at = (Math.floor(image.height / 2) * image.width + Math.floor(image.width / 2)) * 3;
        return [...image.rgb.subarray(at, at + 3)];
      };
      // ComfyUI's file, read as Premiere reads untagged HD: the green is visibly off (the reason for the fix).
      const raw = await run(backend({ workflow: green }));
      if (raw.media.kind !== 'file') throw new Error('expected a file from ComfyUI');
      expect(colourTags(raw.media.path).matrix ?? 'unknown').not.toBe('bt709');
      expect(centre(decodeAsPremiere(raw.media.path))[1]).toBeLessThan(230);
      // Through the companion: converted, tagged, exact within 3 code values.
      const out = join(dir, 'green-out');
      const companion = new Companion({
        outputDir: out,
        backends: ['comfyui'],
        burnInLabel: false,
        backendSettings: {
          comfyui: { url: server.url, workflow: green, historyPollMs: 50, reconnectMs: 50 },
        },
      });
      try {
        const [job] = companion.submit([testShot({ backend: 'comfyui' })], { ownerId: 'peer' });
        const done = await settled(companion, job!.jobId);
        expect(done.error).toBeUndefined();
        const clip = done.output!.path;
        expect(colourTags(clip)).toEqual({
          matrix: 'bt709',
          primaries: 'bt709',
          transfer: 'bt709',
          range: 'tv',
        });
        const [r, g, b] = centre(decodeAsPremiere(clip));
        expect(Math.max(Math.abs(r! - 0), Math.abs(g! - 255), Math.abs(b! - 0))).toBeLessThanOrEqual(3);
      } finally {
        await companion.close();
      }
    });
  },
);
