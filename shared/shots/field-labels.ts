// Bilingual labels for the shot form, shared by the panel and the prompt compiler.
import type { ShotFieldPath } from './description';

export interface FieldLabel {
  readonly en: string;
  readonly zh: string;
}

export const SHOT_FIELD_LABELS = Object.freeze({
  subject: { en: 'Subject', zh: '人物' },
  wardrobe: { en: 'Wardrobe', zh: '服装' },
  action: { en: 'Action', zh: '动作' },
  environment: { en: 'Environment', zh: '环境' },
  timeOfDay: { en: 'Time of day', zh: '时间' },
  weather: { en: 'Weather', zh: '天气' },
  camera: { en: 'Camera', zh: '镜头' },
  shotSize: { en: 'Shot size', zh: '景别' },
  angle: { en: 'Angle', zh: '角度' },
  movement: { en: 'Movement', zh: '运动' },
  lens: { en: 'Lens', zh: '镜头焦段' },
  lighting: { en: 'Lighting', zh: '光线' },
  style: { en: 'Style', zh: '风格' },
  negativePrompt: { en: 'Negative prompt', zh: '反向提示词' },
} satisfies Record<string, FieldLabel>);

export type ShotFieldLabelKey = keyof typeof SHOT_FIELD_LABELS;

/** Which label names each editable field (the subject group's `who` is labelled "Subject"). */
export const SHOT_FIELD_LABEL_KEYS: Readonly<Record<ShotFieldPath, ShotFieldLabelKey>> = Object.freeze({
  'subject.who': 'subject',
  'subject.wardrobe': 'wardrobe',
  action: 'action',
  environment: 'environment',
  timeOfDay: 'timeOfDay',
  weather: 'weather',
  'camera.shotSize': 'shotSize',
  'camera.angle': 'angle',
  'camera.movement': 'movement',
  'camera.lens': 'lens',
  lighting: 'lighting',
  style: 'style',
  negativePrompt: 'negativePrompt',
});
