// The three A14B templates as the server receives them: Wan's defaults, ComfyUI's template defaults, the fast draft.
import { useFakeComfyUI } from './fake-comfyui-hooks';

describe('comfyui A14B templates', () => {
  const suite = useFakeComfyUI();
  const { backend, run } = suite;

  // [template, steps, high-noise steps, cfg high, cfg low, shift] as Wan's configs, ComfyUI's template and the
  // LightX2V 4-step draft give them.
  test.each([
    ['wan22-t2v-a14b', 40, 26, 4, 3, 12],
    ['wan22-t2v-a14b-comfy', 20, 10, 3.5, 3.5, 8],
    ['wan22-t2v-a14b-draft', 4, 2, 1, 1, 5],
  ])('%s: %i steps, %i on the high-noise expert', async (workflow, steps, high, cfgHigh, cfgLow, shift) => {
    const result = await run(backend({ workflow }));
    const { graph } = suite.fake.submitted[0]!;
    expect(graph['57']!.inputs).toMatchObject({ steps, start_at_step: 0, end_at_step: high, cfg: cfgHigh });
    expect(graph['58']!.inputs).toMatchObject({ steps, start_at_step: high, cfg: cfgLow });
    expect([graph['54']!.inputs.shift, graph['55']!.inputs.shift]).toEqual([shift, shift]);
    expect(result).toMatchObject({ steps, guidance: cfgHigh });
    expect(suite.fake.problems).toEqual([]);
  });

  test('the draft puts a 4-step LoRA on each expert, between the model and its shift', async () => {
    await run(backend({ workflow: 'wan22-t2v-a14b-draft' }));
    const { graph } = suite.fake.submitted[0]!;
    expect(graph['54']!.inputs.model).toEqual(['80', 0]);
    expect(graph['55']!.inputs.model).toEqual(['81', 0]);
    expect(graph['80']).toMatchObject({
      class_type: 'LoraLoaderModelOnly',
      inputs: { model: ['37', 0], lora_name: 'wan2.2_t2v_lightx2v_4steps_lora_v1.1_high_noise.safetensors' },
    });
    expect(graph['81']).toMatchObject({
      class_type: 'LoraLoaderModelOnly',
      inputs: { model: ['56', 0], lora_name: 'wan2.2_t2v_lightx2v_4steps_lora_v1.1_low_noise.safetensors' },
    });
  });
});
