// Workflow templates and user files: placeholder declarations checked before anything is sent.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComfyUIBackend } from '../../../companion/backends/comfyui/comfyui-backend';
import {
  BUILT_IN_WORKFLOWS,
  fillWorkflow,
  loadWorkflow,
  parseWorkflow,
  switchStep,
} from '../../../companion/backends/comfyui/workflow';

const graph = () => ({
  '1': { class_type: 'CLIPTextEncode', inputs: { text: '{{prompt}}', clip: ['2', 0] } },
  '2': { class_type: 'CLIPLoader', inputs: { clip_name: 'umt5.safetensors', type: 'wan' } },
  '3': { class_type: 'KSampler', inputs: { seed: '{{ seed }}', steps: 20, positive: ['1', 0] } },
});

describe('comfyui workflows', () => {
  test('both built-in templates are valid and declare every placeholder they use', () => {
    for (const name of Object.keys(BUILT_IN_WORKFLOWS)) {
      const wf = loadWorkflow(name);
      expect(Object.keys(wf.placeholders)).toEqual(
        expect.arrayContaining([
          'prompt',
          'negative_prompt',
          'seed',
          'width',
          'height',
          'length',
          'fps',
          'steps',
          'cfg',
          'shift',
        ]),
      );
    }
    expect(loadWorkflow('wan22-t2v-a14b').placeholders.switch_step).toEqual([
      '57.end_at_step',
      '58.start_at_step',
    ]);
  });

  test("the expert switch follows Wan's schedule", () => {
    expect(switchStep(40, 12, 0.875)).toBe(26);
    expect(switchStep(20, 8, 0.875)).toBe(11);
    expect(switchStep(4, 5, 0.875)).toBe(2);
  });

  test('a bare API graph with {{markers}} is a workflow; values keep their types', () => {
    const wf = parseWorkflow(graph(), 'mine.json');
    expect(wf.placeholders).toEqual({ prompt: ['1.text'], seed: ['3.seed'] });
    const filled = fillWorkflow(wf, { prompt: 'a ship dives', seed: 9 });
    expect(filled['1']!.inputs.text).toBe('a ship dives');
    expect(filled['3']!.inputs.seed).toBe(9);
    expect(() => fillWorkflow(wf, { prompt: 'x' })).toThrow(/Node 3 input "seed" still holds \{\{ seed \}\}/);
  });

  test('declarations that point nowhere are refused with every problem named', () => {
    const bad = {
      placeholders: {
        prompt: ['1.text'],
        seed: ['9.seed'],
        steps: ['3.nope'],
        cfg: ['1.clip'],
        colour: ['1.text'],
      },
      graph: { ...graph(), '4': { class_type: 'VAEDecode', inputs: { samples: ['8', 0] } } },
    };
    expect(() => parseWorkflow(bad, 'bad.json')).toThrow(
      'The ComfyUI workflow bad.json cannot be used: placeholder "seed" points to node 9, which is not in the graph; ' +
        'placeholder "steps" points to input "nope" of node 3 (KSampler), which it does not have; ' +
        'placeholder "cfg" points to 1.clip, which is a link to another node, not a value; ' +
        'unknown placeholder "colour" (known: prompt, negative_prompt, seed, width, height, length, fps, steps, cfg, cfg_low, shift, switch_step, start_image, end_image); ' +
        'node 4 (VAEDecode) input "samples" links to node 8, which is not in the graph.',
    );
  });

  test('editor-format files and graphs without a prompt are refused', () => {
    expect(() => parseWorkflow({ nodes: [], links: [] }, 'ui.json')).toThrow(
      /editor format; export it with "Export \(API\)"/,
    );
    const { ['1']: _, ...noPrompt } = graph();
    expect(() => parseWorkflow({ ...noPrompt }, 'np.json')).toThrow(/declares no "prompt" placeholder/);
    expect(() => parseWorkflow({ a: 1 }, 'x.json')).toThrow(/not an API-format graph/);
  });

  test('a user file is loaded by path and validated when the backend is built', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shotline-wf-'));
    try {
      const good = join(dir, 'good.json');
      writeFileSync(good, JSON.stringify(graph()));
      const backend = new ComfyUIBackend({ workflow: good });
      expect(backend.info().capabilities).toMatchObject({ fps: [{ num: 16, den: 1 }], sizes: [] });
      // No native sizes declared: the frame itself, in 16-pixel steps, at most 1280 wide.
      expect(backend.sizeFor({ width: 1920, height: 1080 })).toEqual({ width: 1280, height: 720 });
      const broken = join(dir, 'broken.json');
      writeFileSync(broken, '{"1": ');
      expect(() => new ComfyUIBackend({ workflow: broken })).toThrow(
        /broken\.json cannot be used: it is not JSON/,
      );
      expect(() => new ComfyUIBackend({ workflow: join(dir, 'none.json') })).toThrow(
        /neither a built-in .* nor a readable file/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('lengths are 4n+1 frames covering the shot, capped by the template', () => {
    const a14b = new ComfyUIBackend({ workflow: 'wan22-t2v-a14b' });
    expect([1, 2.5, 5, 9].map((s) => a14b.lengthFor(s))).toEqual([17, 41, 81, 81]);
    expect(a14b.sizeFor({ width: 1080, height: 1920 })).toEqual({ width: 720, height: 1280 });
    const ti2v = new ComfyUIBackend({ workflow: 'wan22-ti2v-5b' });
    expect(ti2v.lengthFor(5)).toBe(121);
    expect(ti2v.info().capabilities.maxDurationSeconds).toBeCloseTo(121 / 24);
  });

  test('settings are checked and name the option', () => {
    expect(() => new ComfyUIBackend({ url: 'ftp://x' })).toThrow(/option "url"/);
    expect(() => new ComfyUIBackend({ authHeader: 'no colon' })).toThrow(/option "authHeader"/);
    expect(() => new ComfyUIBackend({ steps: -1 })).toThrow(/option "steps"/);
  });
});
