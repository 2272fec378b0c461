// Built-in terms per policy category, English and Chinese; studios add their own lists on top.
import type { PolicyCategory } from './policy-config';

export const CATEGORY_TERMS: Readonly<Record<PolicyCategory, readonly string[]>> = Object.freeze({
  violence: [
    'explosion',
    'explodes',
    'gun',
    'shoot',
    'stab',
    'blood',
    'kill',
    'fight',
    '爆炸',
    '枪',
    '刺',
    '血',
    '杀',
    '打斗',
  ],
  sexual: ['nude', 'naked', 'sex', 'sexual', 'porn', '裸体', '色情', '性爱'],
  selfHarm: ['suicide', 'self-harm', 'cuts herself', 'cuts himself', '自杀', '自残'],
  hate: ['racial slur', 'ethnic cleansing', 'nazi salute', '种族清洗'],
});
