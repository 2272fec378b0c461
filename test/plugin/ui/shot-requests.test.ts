// Building shot requests from selected shots: compiled prompts, variants as labelled takes, limits in words.
import { ShotRequestSchema } from '../../../shared/protocol';
import { DEFAULT_PROMPT_TEMPLATES, WAN_DEFAULT_NEGATIVE_PROMPT, withShotField } from '../../../shared/shots';
import { readScriptShots } from '../../../plugin/ui/script-shots';
import {
  buildShotRequests,
  FALLBACK_FORMAT,
  type BuildOptions,
  type PreparedShot,
} from '../../../plugin/ui/shot-requests';
import { markersToSource } from '../../../plugin/ui/timeline-lines';
import { DEFAULT_VARIANT_SETTINGS } from '../../../plugin/ui/variant-form';

const prepare = (text: string): PreparedShot[] =>
  readScriptShots({ text }).shots.map((shot) => ({ shot, description: shot.prefilled }));

const options = (change: Partial<BuildOptions> = {}): BuildOptions => ({
  settings: { backend: 'slate', durationSeconds: 3, takes: 1, seed: '' },
  format: FALLBACK_FORMAT,
  layout: { template: null, projectNegativePrompt: null },
  variants: DEFAULT_VARIANT_SETTINGS,
  random: () => 0.5,
  ...change,
});

test('one request per shot, with the compiled prompt, Wan’s negative prompt and where the line was', () => {
  const built = buildShotRequests(
    prepare('EXT. ROOF - NIGHT\n\nKai leaps from the edge in slow motion.'),
    options(),
  );
  expect(built).toEqual({
    ok: true,
    shots: [
      {
        shotId: 'S1-01',
        sceneHeading: 'EXT. ROOF - NIGHT',
        sourceText: 'Kai leaps from the edge in slow motion.',
        sourceLine: 3,
        prompt: expect.stringContaining('Kai leaps from the edge in slow motion'),
        negativePrompt: WAN_DEFAULT_NEGATIVE_PROMPT,
        duration: { seconds: 3 },
        fps: FALLBACK_FORMAT.frameRate,
        size: FALLBACK_FORMAT.frameSize,
        backend: 'slate',
        takes: 1,
      },
    ],
  });
  if (built.ok) expect(built.shots[0]!.prompt).toMatch(/roof.*night/i);
});

test('edited fields, the chosen template and the project negative prompt shape the prompt', () => {
  const [first] = prepare('Kai leaps from the edge.');
  const description = withShotField(first!.description, 'environment', 'neon rooftop');
  const template = DEFAULT_PROMPT_TEMPLATES.find((t) => t.name === 'establishing shot')!;
  const built = buildShotRequests(
    [{ shot: first!.shot, description }],
    options({ layout: { template, projectNegativePrompt: 'text, watermark' } }),
  );
  expect(built.ok && built.shots[0]).toMatchObject({
    prompt: expect.stringMatching(/^Establishing shot of neon rooftop\. Kai leaps from the edge\./),
    negativePrompt: 'text, watermark',
  });
});

test('variants become one labelled take each, numbered as takes of one shot', () => {
  const variants = { rows: [{ name: 'coat colour', values: 'black, blue' }], seeds: '7-8', maxTakes: 10 };
  const built = buildShotRequests(prepare('A man in a {coat colour} coat runs.'), options({ variants }));
  if (!built.ok) throw new Error(built.message);
  expect(built.shots.map((s) => [s.shotId, s.firstTake, s.takes, s.seed, s.label])).toEqual([
    ['S0-01', 1, 1, 7, 'coat colour: black · seed 7'],
    ['S0-01', 2, 1, 8, 'coat colour: black · seed 8'],
    ['S0-01', 3, 1, 7, 'coat colour: blue · seed 7'],
    ['S0-01', 4, 1, 8, 'coat colour: blue · seed 8'],
  ]);
  expect(built.shots[2]!.prompt).toContain('blue coat');
  for (const shot of built.shots) expect(ShotRequestSchema.safeParse(shot).success).toBe(true);
});

test('more takes than the cap, or an unknown variable, is refused before anything is sent', () => {
  const shots = prepare('Kai runs.\nMara waits.');
  const tooMany = { rows: [{ name: 'camera', values: 'wide, close, medium' }], seeds: '1-2', maxTakes: 10 };
  expect(buildShotRequests(shots, options({ variants: tooMany }))).toEqual({
    ok: false,
    message:
      '3 camera × 2 seeds × 2 shots = 12 takes, more than the cap of 10. Remove values or raise the cap.',
  });
  const unknown = { rows: [{ name: 'explosion size', values: '1, 5' }], seeds: '', maxTakes: 10 };
  const refused = buildShotRequests(shots, options({ variants: unknown }));
  expect(refused.ok).toBe(false);
  expect(!refused.ok && refused.message).toMatch(
    /^Shot S0-01: variable "explosion size" is neither a \{explosion size\} placeholder/,
  );
});

test('a prompt past DashScope’s limit is refused with the reason, never cut', () => {
  const [first] = prepare('Kai runs.');
  const description = withShotField(first!.description, 'action', 'Kai runs across the roof. '.repeat(40));
  const built = buildShotRequests(
    [{ shot: first!.shot, description }],
    options({ settings: { backend: 'dashscope', durationSeconds: 5, takes: 1, seed: '' } }),
  );
  expect(built.ok).toBe(false);
  expect(!built.ok && built.message).toMatch(
    /^Shot S0-01: The prompt is \d+ characters; dashscope accepts at most 800\./,
  );
});

test('a marker with a length sets the clip’s exact frames; a bad seed is explained', () => {
  const second = 254016000000n;
  const source = markersToSource([
    { name: 'Explosion', comments: '', startTicks: '0', durationTicks: String(2n * second) },
  ]);
  const shots = readScriptShots(source).shots.map((shot) => ({ shot, description: shot.prefilled }));
  const built = buildShotRequests(shots, options());
  expect(built.ok && built.shots[0]!.duration).toEqual({ frames: 48 });
  expect(
    buildShotRequests(
      shots,
      options({ settings: { backend: 'slate', durationSeconds: 3, takes: 1, seed: '-1' } }),
    ),
  ).toEqual({
    ok: false,
    message: 'Seed must be a whole number from 0 to 2147483647, or empty for random.',
  });
  expect(buildShotRequests([], options())).toEqual({
    ok: false,
    message: 'Select at least one shot to generate.',
  });
});
