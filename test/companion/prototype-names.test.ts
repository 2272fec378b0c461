// Names that are object-prototype keys are ordinary names: projects, policy rules and workflow placeholders.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_LIMITS } from '../../shared/protocol';
import { TemplateStore } from '../../companion/templates/template-store';
import { PolicyGate } from '../../companion/policy/policy-gate';
import { loadPolicyConfig, PolicyConfigSchema } from '../../companion/policy/policy-config';
import { loadWorkflow, parseWorkflow } from '../../companion/backends/comfyui/workflow';
import { ShotRequestSchema } from '../../shared/protocol';

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'hasOwnProperty', 'toString'];

const rainy = { name: 'rain', description: 'Rain.', template: '{subject}, rain.' };

describe('prototype keys as names', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-proto-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test.each(PROTOTYPE_KEYS)(
    'a template project named %s lists, saves and reloads like any other',
    async (project) => {
      const file = join(dir, 'templates.json');
      const store = TemplateStore.open(file);
      expect(store.list(project).templates.length).toBeGreaterThan(0);
      await store.save(project, { templates: [rainy] });
      expect(store.list(project).templates.map((t) => t.name)).toContain('rain');
      expect(store.list('default').templates.map((t) => t.name)).not.toContain('rain');
      expect(
        TemplateStore.open(file)
          .list(project)
          .templates.map((t) => t.name),
      ).toContain('rain');
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    },
  );

  test('the number of template projects is bounded, with a clear error', async () => {
    const store = TemplateStore.inMemory();
    for (let i = 0; i < TEMPLATE_LIMITS.projects; i++) await store.save(`p${i}`, { negativePrompt: 'n' });
    await expect(store.save('one-more', { negativePrompt: 'n' })).rejects.toMatchObject({
      code: 'TEMPLATE_INVALID',
      message: expect.stringMatching(/at most 1000 projects/),
    });
    await store.save('p0', { negativePrompt: 'still fine' });
  });

  test.each(PROTOTYPE_KEYS)('a shot in project %s gets the global policy rules', (project) => {
    const gate = new PolicyGate(PolicyConfigSchema.parse({ blockWords: ['forbidden'] }));
    const shot = (prompt: string) =>
      ShotRequestSchema.parse({
        shotId: 'S',
        prompt,
        project,
        duration: { frames: 1 },
        fps: { num: 24, den: 1 },
        size: { width: 32, height: 32 },
        backend: 'slate',
      });
    expect(gate.screen(shot('a quiet street')).warnings).toEqual([]);
    expect(() => gate.screen(shot('a forbidden street'))).toThrow(
      expect.objectContaining({ code: 'POLICY_BLOCKED' }),
    );
  });

  test.each(PROTOTYPE_KEYS)(
    'policy.json with a project and a term named %s loads, and both keep working',
    (key) => {
      const file = join(dir, 'policy.json');
      // Written as text: an object literal with a "__proto__" key would set a prototype, not a key.
      writeFileSync(
        file,
        `{"blockWords": ["${key}"], "projects": {"${key}": {"blockWords": ["moonlight"], "warnWords": ["rain"]}}}`,
      );
      const gate = new PolicyGate(loadPolicyConfig(file));
      const shot = (prompt: string, project?: string) =>
        ShotRequestSchema.parse({
          shotId: 'S',
          prompt,
          ...(project !== undefined && { project }),
          duration: { frames: 1 },
          fps: { num: 24, den: 1 },
          size: { width: 32, height: 32 },
          backend: 'slate',
        });
      const blocked = expect.objectContaining({ code: 'POLICY_BLOCKED' });
      expect(() => gate.screen(shot(`the ${key} of the scene`))).toThrow(blocked);
      expect(() => gate.screen(shot('a moonlight walk', key))).toThrow(blocked);
      expect(gate.screen(shot('a moonlight walk')).warnings).toEqual([]);
      expect(gate.screen(shot('a walk in the rain', key)).warnings).toEqual(['listed words: rain']);
      expect(gate.screen(shot('a walk in the rain', 'other')).warnings).toEqual([]);
    },
  );

  test('a policy.json project with a mistake names the project and field', () => {
    const file = join(dir, 'policy.json');
    writeFileSync(file, '{"projects": {"__proto__": {"blockWords": [""]}}}');
    expect(() => loadPolicyConfig(file)).toThrow(/projects\.__proto__\.blockWords\.0: /);
  });

  test.each(PROTOTYPE_KEYS)('a workflow placeholder or built-in named %s gets a validation error', (name) => {
    const graph = { '1': { class_type: 'CLIPTextEncode', inputs: { text: `{{${name}}}` } } };
    expect(() => parseWorkflow(graph, 'test.json')).toThrow(
      expect.objectContaining({ code: 'WORKFLOW_INVALID' }),
    );
    expect(() => loadWorkflow(name)).toThrow(expect.objectContaining({ code: 'WORKFLOW_INVALID' }));
  });
});
