// Prompt templates: rendering with optional parts, validation, and JSON export/import.
import {
  DEFAULT_PROMPT_TEMPLATES,
  PromptTemplateLibrarySchema,
  PromptTemplateSchema,
  SHOT_FIELD_LABELS,
  ShotDescriptionSchema,
  renderTemplate,
} from '../../../shared/shots';

const shot = ShotDescriptionSchema.parse({
  subject: { who: 'Kai', wardrobe: 'black trench coat' },
  action: 'Kai leaps between roofs.',
  environment: 'harbor city rooftop, outdoors',
  timeOfDay: 'night',
  camera: { shotSize: 'wide shot', angle: 'low angle' },
});

describe('renderTemplate', () => {
  it('fills placeholders and drops optional parts whose placeholders are empty', () => {
    const template = {
      template: '{subject} ({wardrobe}): {action}[ Weather: {weather}.][ Camera: {camera}.]',
    };
    expect(renderTemplate(template, shot)).toBe(
      'Kai (black trench coat): Kai leaps between roofs. Camera: wide shot, low angle.',
    );
  });

  it('renders the default templates to exact text', () => {
    const byName = new Map(DEFAULT_PROMPT_TEMPLATES.map((template) => [template.name, template]));
    expect([...byName.keys()]).toEqual(['action stunt', 'establishing shot', 'cyberpunk night exterior']);
    expect(renderTemplate(byName.get('establishing shot')!, shot)).toBe(
      'Establishing shot of harbor city rooftop, outdoors at night. Kai leaps between roofs. Camera: wide shot, low angle, wide composition, slow steady movement, deep focus, the whole location readable.',
    );
    expect(renderTemplate(byName.get('cyberpunk night exterior')!, shot)).toBe(
      'Kai. Wearing black trench coat. Kai leaps between roofs. Setting: harbor city rooftop, outdoors, cyberpunk city street at night, wet asphalt reflecting pink and teal neon signs, steam and haze. Camera: wide shot, low angle. Lighting: neon glow and hard rim light. Style: cyberpunk, cinematic, high contrast.',
    );
  });

  it('rejects unknown placeholders and nested optional parts', () => {
    expect(() => renderTemplate({ template: '{mood}' }, shot)).toThrow('unknown placeholder {mood}');
    const result = PromptTemplateSchema.safeParse({ name: 'bad', template: '[a [b]]' });
    expect(result.success).toBe(false);
  });
});

describe('template library JSON', () => {
  it('round-trips the defaults through JSON', () => {
    const exported = JSON.stringify({ version: 1, templates: DEFAULT_PROMPT_TEMPLATES });
    expect(PromptTemplateLibrarySchema.parse(JSON.parse(exported)).templates).toEqual(
      DEFAULT_PROMPT_TEMPLATES,
    );
  });

  it('rejects duplicate names and a wrong version', () => {
    const duplicate = { version: 1, templates: [DEFAULT_PROMPT_TEMPLATES[0], DEFAULT_PROMPT_TEMPLATES[0]] };
    expect(PromptTemplateLibrarySchema.safeParse(duplicate).error?.issues[0]?.message).toBe(
      'duplicate template name "action stunt"',
    );
    expect(PromptTemplateLibrarySchema.safeParse({ version: 2, templates: [] }).success).toBe(false);
  });
});

describe('field labels', () => {
  it('has English and Chinese labels for the form', () => {
    expect(Object.values(SHOT_FIELD_LABELS).map((label) => label.zh)).toEqual([
      '人物',
      '服装',
      '动作',
      '环境',
      '时间',
      '天气',
      '镜头',
      '景别',
      '角度',
      '运动',
      '镜头焦段',
      '光线',
      '风格',
      '反向提示词',
    ]);
    expect(SHOT_FIELD_LABELS.negativePrompt.en).toBe('Negative prompt');
  });
});
