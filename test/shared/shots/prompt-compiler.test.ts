// Prompt compilation: exact text per target, default negative prompt, and length warnings.
import { fixturePath } from '../../support/fixtures';
import * as fs from 'fs';
import * as path from 'path';
import { parseScript } from '../../../shared/screenplay';
import {
  DEFAULT_PROMPT_TEMPLATES,
  ShotDescriptionSchema,
  WAN_DEFAULT_NEGATIVE_PROMPT,
  compileShotPrompt,
  prepareScript,
  promptLength,
} from '../../../shared/shots';

const fixturesDir = fixturePath('screenplays');
const prefillFixture = (name: string) =>
  prepareScript(parseScript(fs.readFileSync(path.join(fixturesDir, name), 'utf8'))).descriptions;

describe('compileShotPrompt', () => {
  const nightDrop = prefillFixture('night-drop.fountain');
  const yuYe = prefillFixture('yu-ye.fountain');

  it('writes fluent English for wan: subject, action, setting, camera (S1-03, the explosion)', () => {
    expect(compileShotPrompt(nightDrop[2]!, { target: 'wan' })).toEqual({
      target: 'wan',
      prompt:
        'A man in his 40s in a black trench coat torn at one shoulder; behind him a fuel tank explodes. A wall of orange fire rolls across the roof. At the harbor city rooftop at night, in the rain, lit by firelight. Wide shot, low angle, locked-off camera.',
      negativePrompt: WAN_DEFAULT_NEGATIVE_PROMPT,
      warnings: [],
    });
  });

  it('puts the description in place of the name, and the predicate right after it (S1-02, S2-01)', () => {
    expect(compileShotPrompt(nightDrop[1]!, { target: 'wan' }).prompt).toBe(
      'A man in his 40s in a black trench coat torn at one shoulder runs toward the edge, at the harbor city rooftop at night, in the rain.',
    );
    expect(compileShotPrompt(nightDrop[4]!, { target: 'wan' }).prompt).toBe(
      'Red warning lights strobe. A captain in their 60s grips the wheel as the deck tilts ten degrees to port. At the cargo ship bridge at night, lit by strobing light.',
    );
  });

  it("does not repeat a subject the action already names, and adds the project's style last (S4-01)", () => {
    expect(
      compileShotPrompt(nightDrop[7]!, {
        target: 'comfyui',
        defaultStyle: 'cinematic lighting, 35 mm film look',
      }).prompt,
    ).toBe(
      "A middle-aged man in a damaged suit walks slowly down a wet street, head lowered against the rain. Street lamps glow yellow; puddles reflect neon signs. Distant, fixed wide shot. Cyberpunk colour palette. At the flashback - kai's apartment at night, in the rain, lit by street lamps and neon light. Wide shot, locked-off camera, cinematic lighting, 35 mm film look.",
    );
  });

  it('writes Chinese in the same order with Chinese punctuation and no labels', () => {
    expect(compileShotPrompt(yuYe[1]!, { target: 'dashscope', defaultStyle: '电影级光影' }).prompt).toBe(
      '一名身穿黑色风衣的男子从高楼跃下，空中翻转两周后稳稳落地，身后爆炸火光冲天，慢动作收尾，城市天台，夜晚，暴雨，火光映照。电影级光影。',
    );
    expect(compileShotPrompt(yuYe[3]!, { target: 'wan' }).prompt).toBe(
      '中年男子，西装破损，缓慢行走，低头避雨。路灯昏黄，积水倒映霓虹。远景固定机位。赛博朋克色调，深夜街道，夜晚，雨，路灯，霓虹灯光映照。',
    );
  });

  it("uses the shot's negative prompt, else the caller's default, else Wan's", () => {
    const base = ShotDescriptionSchema.parse({ action: 'A cat.' });
    expect(compileShotPrompt(base, { target: 'wan' }).negativePrompt).toBe(WAN_DEFAULT_NEGATIVE_PROMPT);
    expect(compileShotPrompt(base, { target: 'wan', defaultNegativePrompt: 'blurry' }).negativePrompt).toBe(
      'blurry',
    );
    expect(
      compileShotPrompt(
        { ...base, negativePrompt: 'text, watermark' },
        { target: 'wan', defaultNegativePrompt: 'x' },
      ).negativePrompt,
    ).toBe('text, watermark');
    expect(WAN_DEFAULT_NEGATIVE_PROMPT.startsWith('色调艳丽，过曝，静态')).toBe(true);
    expect(WAN_DEFAULT_NEGATIVE_PROMPT.endsWith('背景人很多，倒着走')).toBe(true);
  });

  it('warns (and never truncates) when a DashScope prompt or negative prompt is too long', () => {
    const longAction = 'a'.repeat(810);
    const result = compileShotPrompt(
      ShotDescriptionSchema.parse({ action: longAction, negativePrompt: '坏'.repeat(501) }),
      {
        target: 'dashscope',
      },
    );
    expect(result.prompt).toBe(`A${longAction.slice(1)}.`);
    expect(result.negativePrompt).toBe('坏'.repeat(501));
    expect(result.warnings).toEqual([
      {
        code: 'PROMPT_TOO_LONG',
        field: 'prompt',
        length: 811,
        limit: 800,
        message:
          'The prompt is 811 characters; dashscope accepts at most 800. Shorten the shot description by 11 characters.',
        params: { target: 'dashscope', length: 811, limit: 800, over: 11 },
      },
      {
        code: 'NEGATIVE_PROMPT_TOO_LONG',
        field: 'negativePrompt',
        length: 501,
        limit: 500,
        message:
          'The negative prompt is 501 characters; dashscope accepts at most 500. Shorten it by 1 characters.',
        params: { target: 'dashscope', length: 501, limit: 500, over: 1 },
      },
    ]);
  });

  it('accepts exactly the limit, and has no limit for wan', () => {
    const atLimit = ShotDescriptionSchema.parse({ action: `${'b'.repeat(799)}.` });
    expect(compileShotPrompt(atLimit, { target: 'dashscope' }).warnings).toEqual([]);
    const long = ShotDescriptionSchema.parse({ action: 'c'.repeat(5000) });
    expect(compileShotPrompt(long, { target: 'wan' }).warnings).toEqual([]);
  });

  it('counts characters as code points', () => {
    expect(promptLength('😀雨a')).toBe(3);
  });

  it('rejects an unknown target, naming the option', () => {
    expect(() => compileShotPrompt(nightDrop[0]!, { target: 'sora' as never })).toThrow(
      'compileShotPrompt: options.target must be one of wan, comfyui, dashscope (got "sora")',
    );
  });

  it('lays the prompt out with a template when given one', () => {
    const stunt = DEFAULT_PROMPT_TEMPLATES.find((template) => template.name === 'action stunt')!;
    expect(compileShotPrompt(nightDrop[3]!, { target: 'wan', template: stunt }).prompt).toBe(
      'Dynamic action stunt shot. A man in his 40s in a black trench coat torn at one shoulder leaps from the edge, turns two full somersaults in the air and lands on the next roof in a crouch. Slow motion as he lands. Setting: harbor city rooftop, outdoors, night. Weather: rain. Camera: fast tracking movement that keeps the whole body in frame, real momentum and weight, motion blur on impacts, sparks and debris. Style: slow motion.',
    );
  });
});
