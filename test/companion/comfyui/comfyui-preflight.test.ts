// ComfyUI preflight against the fake: what the chosen workflow lacks, named with its folder or node pack, and a
// batch refused once before anything is queued.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { i18n } from '../../../plugin/i18n/i18n';
import { checkText } from '../../../plugin/ui/backend-checks';
import { startCompanion } from '../../support/companion-harness';
import { TestPanel } from '../../support/test-panel';
import { testShot } from '../../support/backend-context';
import { useFakeComfyUI } from './fake-comfyui-hooks';
import { A14B_T2V_FILE_CHECKS } from '../../support/a14b-template-files';

const suite = useFakeComfyUI();
const check = () => suite.backend().preflight(AbortSignal.timeout(5_000));

test('the A14B template on a server with every file is ready, and says its version and GPU', async () => {
  const result = await check();
  expect(result.state).toBe('ready');
  expect(result.checks).toMatchObject([
    {
      check: 'server',
      status: 'ok',
      sentence: `ComfyUI 0.3.64 answers at ${suite.fake.url} on cuda:0 Fake GPU (24.0 GiB VRAM).`,
    },
  ]);
});

test('on a server without models, every file the template names is listed with its folder', async () => {
  suite.fake.models.clear();
  suite.fake.encoders.clear();
  const result = await check();
  expect(result.state).toBe('needs');
  expect(
    result.checks
      .filter((c) => c.status === 'missing')
      .map((c) => c.check)
      .sort(),
  ).toEqual(A14B_T2V_FILE_CHECKS);
  expect(result.checks.find((c) => c.check.includes('high_noise'))!.sentence).toBe(
    'ComfyUI has no wan2.2_t2v_high_noise_14B_fp8_scaled.safetensors in models/diffusion_models (node 37, UNETLoader): download it from https://huggingface.co/Comfy-Org/Wan_2.2_ComfyUI_Repackaged/resolve/main/split_files/diffusion_models/wan2.2_t2v_high_noise_14B_fp8_scaled.safetensors into ComfyUI/models/diffusion_models (the README\'s "ComfyUI model files" table lists every file), or choose a workflow that names a file you have.',
  );
  expect(suite.fake.submitted).toEqual([]);
});

test('a LoRA the server lacks is named in models/loras; a wrong list value is named with what is offered', async () => {
  suite.fake.models.delete('wan2.2_t2v_lightx2v_4steps_lora_v1.1_high_noise.safetensors');
  const result = await suite
    .backend({ workflow: 'wan22-t2v-a14b-draft' })
    .preflight(AbortSignal.timeout(5_000));
  expect(result.checks.filter((c) => c.status !== 'ok').map((c) => c.check)).toEqual([
    'file:models/loras/wan2.2_t2v_lightx2v_4steps_lora_v1.1_high_noise.safetensors',
  ]);
  const file = join(suite.dir, 'dtype.json');
  writeFileSync(
    file,
    JSON.stringify({
      '1': {
        class_type: 'UNETLoader',
        inputs: { unet_name: 'wan2.2_ti2v_5B_fp16.safetensors', weight_dtype: 'fp4' },
      },
      '2': { class_type: 'CLIPTextEncode', inputs: { text: '{{prompt}}', clip: ['1', 0] } },
    }),
  );
  const wrong = await suite.backend({ workflow: file }).preflight(AbortSignal.timeout(5_000));
  expect(wrong.checks.at(-1)).toEqual({
    check: 'input:1.weight_dtype',
    status: 'wrong',
    sentence:
      'Node 1 (UNETLoader) sets weight_dtype to "fp4", which this ComfyUI does not offer (it offers default, fp8_e4m3fn, fp8_e4m3fn_fast, fp8_e5m2).',
    code: 'COMFYUI_INPUT_UNKNOWN',
    params: {
      id: '1',
      nodeClass: 'UNETLoader',
      input: 'weight_dtype',
      value: 'fp4',
      offers: 'default, fp8_e4m3fn, fp8_e4m3fn_fast, fp8_e5m2',
    },
  });
  // The picker says it in the panel's language from the code: doctor keeps the sentence.
  await i18n.changeLanguage('zh-CN');
  expect(checkText(wrong.checks.at(-1)!)).toBe(
    '节点 1（UNETLoader）将 weight_dtype 设为“fp4”，但此 ComfyUI 不提供该选项（可用：default, fp8_e4m3fn, fp8_e4m3fn_fast, fp8_e5m2）。',
  );
  await i18n.changeLanguage('en');
});

test('a node class the server lacks names the node pack the workflow declares for it', async () => {
  suite.fake.absentClasses.add('ModelSamplingSD3');
  const file = join(suite.dir, 'packs.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'packs',
      nodePacks: { ModelSamplingSD3: 'ComfyUI-Example-Pack' },
      placeholders: { prompt: ['2.text'] },
      graph: {
        '1': { class_type: 'ModelSamplingSD3', inputs: { shift: 8 } },
        '2': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: ['1', 0] } },
      },
    }),
  );
  const result = await suite.backend({ workflow: file }).preflight(AbortSignal.timeout(5_000));
  expect(result.state).toBe('needs');
  expect(result.checks.at(-1)).toEqual({
    check: 'node:ModelSamplingSD3',
    status: 'missing',
    sentence:
      'ComfyUI has no node class ModelSamplingSD3: install the custom node pack "ComfyUI-Example-Pack" and restart the server.',
    code: 'COMFYUI_NODE_MISSING',
    params: { node: 'ModelSamplingSD3', pack: 'ComfyUI-Example-Pack', case: 'pack' },
  });
  await i18n.changeLanguage('zh-CN');
  expect(checkText(result.checks.at(-1)!)).toBe(
    'ComfyUI 缺少节点类型 ModelSamplingSD3：请安装自定义节点包“ComfyUI-Example-Pack”，然后重启服务器。',
  );
  await i18n.changeLanguage('en');
});

test('a server that is down is unreachable, in one sentence naming it', async () => {
  const backend = suite.backend();
  const url = suite.fake.url;
  await suite.fake.stop();
  await suite.startAgain(); // the hooks stop the new one; the backend still points at the old port
  const result = await backend.preflight(AbortSignal.timeout(5_000));
  expect(result.state).toBe('unreachable');
  expect(result.checks).toHaveLength(1);
  expect(result.checks[0]!.sentence).toContain(url.replace('http://', ''));
});

test('a batch of 10 shots for a server without models is refused once, and nothing is queued', async () => {
  suite.fake.models.clear();
  const running = await startCompanion({
    backends: ['comfyui'],
    backendSettings: { comfyui: { url: suite.fake.url, requestTimeoutMs: 5_000 } },
  });
  const panel = await TestPanel.connect(running.url);
  try {
    await panel.pair(running.token);
    const shots = Array.from({ length: 10 }, (_, i) =>
      testShot({ backend: 'comfyui', shotId: `S1-${i + 1}` }),
    );
    panel.send({ type: 'generate', id: 'batch', shots });
    const refusal = await panel.waitFor('error', (m) => m.re === 'batch');
    expect(refusal.error.code).toBe('BACKEND_NOT_READY');
    expect(refusal.error.message).toMatch(
      /^comfyui cannot run: ComfyUI has no wan2\.2_t2v_high_noise_14B_fp8_scaled\.safetensors in models\/diffusion_models .* ComfyUI has no wan2\.2_t2v_low_noise_14B_fp8_scaled\.safetensors in models\/diffusion_models/,
    );
    panel.send({ type: 'preflight', id: 'p', backend: 'comfyui' });
    const report = await panel.waitFor('preflight.result', (m) => m.re === 'p');
    expect(report.result.state).toBe('needs');
    expect(running.companion.queue.list()).toEqual([]);
    expect(suite.fake.submitted).toEqual([]);
  } finally {
    panel.close();
    await running.stop();
  }
});

test('a card smaller than the template needs is named in one sentence, with the need and its source', async () => {
  suite.fake.vramBytes = 16 * 1024 ** 3;
  const result = await check();
  expect(result.state).toBe('needs');
  expect(result.checks.filter((c) => c.status !== 'ok')).toMatchObject([
    {
      check: 'vram',
      status: 'wrong',
      sentence: `Wan2.2 T2V A14B (high/low-noise experts) needs about 20.2 GiB of VRAM at 640×640, 81 frames (ComfyUI's own note for its Wan2.2 14B fp8 templates: 84% of a 24 GB RTX 4090D at 640×640; https://github.com/Comfy-Org/workflow_templates/blob/main/templates/video_wan2_2_14B_i2v.json), but the largest GPU on this ComfyUI, cuda:0 Fake GPU, has 16.0 GiB: use a card with more memory, or a template that needs less (the README's table of built-in templates).`,
    },
  ]);
  // The 5B template's documented 8 GiB fits the same card.
  const small = await suite.backend({ workflow: 'wan22-ti2v-5b' }).preflight(AbortSignal.timeout(5_000));
  expect(small.state).toBe('ready');
});

test('a CPU-only server has no VRAM to compare: the template is checked for files and nodes only', async () => {
  suite.fake.vramBytes = null;
  const result = await check();
  expect(result.state).toBe('ready');
  expect(result.checks.map((c) => c.check)).toEqual(['server']);
});
