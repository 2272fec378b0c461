// Rules that find who is in a shot and what they wear, from the action line alone, in English and Chinese.
import type { PromptLanguage } from './language';

const PERSON_NOUNS_EN = [
  'man',
  'woman',
  'men',
  'women',
  'boy',
  'girl',
  'child',
  'kid',
  'teenager',
  'figure',
  'stranger',
  'soldier',
  'officer',
  'policeman',
  'policewoman',
  'guard',
  'pilot',
  'captain',
  'driver',
  'rider',
  'doctor',
  'nurse',
  'detective',
  'agent',
  'worker',
  'crowd',
];
const PERSON_NOUNS_ZH = [
  '男子',
  '女子',
  '男人',
  '女人',
  '男孩',
  '女孩',
  '少年',
  '少女',
  '老人',
  '孩子',
  '士兵',
  '警察',
  '警官',
  '队长',
  '船长',
  '机长',
  '飞行员',
  '司机',
  '医生',
  '护士',
  '侦探',
  '特工',
  '工人',
  '人群',
];
const PERSON_MODIFIERS_ZH = ['中年', '青年', '年轻', '老年', '年迈', '高大', '瘦小'];

const WARDROBE_NOUNS_EN = [
  'trench coat',
  'coat',
  'jacket',
  'suit',
  'dress',
  'uniform',
  'shirt',
  't-shirt',
  'hoodie',
  'robe',
  'armor',
  'armour',
  'gown',
  'overalls',
  'raincoat',
  'vest',
  'sweater',
  'helmet',
  'mask',
];
const WARDROBE_NOUNS_ZH = [
  '警服',
  '长裙',
  '旗袍',
  '风衣',
  '大衣',
  '外套',
  '夹克',
  '西装',
  '西服',
  '连衣裙',
  '裙子',
  '制服',
  '军装',
  '衬衫',
  'T恤',
  '卫衣',
  '长袍',
  '盔甲',
  '雨衣',
  '背心',
  '毛衣',
  '头盔',
  '面具',
];

const alternation = (words: readonly string[]): string =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[-.]/g, '\\$&'))
    .join('|');

// "a middle-aged man", "the CAPTAIN": article, at most two modifiers, a person noun.
const PERSON_EN = new RegExp(
  `\\b(?:a|an|the)\\s+((?:[a-z][\\w-]*\\s+){0,2}?(?:${alternation(PERSON_NOUNS_EN)}))\\b`,
  'i',
);
const PERSON_ZH = new RegExp(
  `(?:${alternation(PERSON_MODIFIERS_ZH)})?(?:${alternation(PERSON_NOUNS_ZH)})`,
  'u',
);

// "in a damaged suit", "wearing a red dress": the garment with up to four words before it.
const WEARING_EN = new RegExp(
  `\\b(?:wearing|dressed in|in)\\s+(?:a|an|the|his|her|their)?\\s*((?:[\\w'-]+\\s+){0,4}?(?:${alternation(WARDROBE_NOUNS_EN)}))\\b`,
  'i',
);
const WEARING_ZH = new RegExp(`(?:身穿|穿着|身着|穿)(.{0,8}?(?:${alternation(WARDROBE_NOUNS_ZH)}))`, 'u');
const GARMENT_EN = new RegExp(`\\b(?:${alternation(WARDROBE_NOUNS_EN)})\\b`, 'i');
const GARMENT_ZH = new RegExp(alternation(WARDROBE_NOUNS_ZH), 'u');

/** Screenplays write first appearances in capitals; a prompt reads better in normal case. */
export function softenCapitals(text: string, style: 'lower' | 'title'): string {
  if (!/[A-Z]/.test(text) || /[a-z]/.test(text)) return text;
  const lower = text.toLowerCase();
  return style === 'lower'
    ? lower
    : lower.replace(/(^|[\s-])([a-z])/g, (_, gap: string, c: string) => gap + c.toUpperCase());
}

export function findPersonPhrase(text: string, language: PromptLanguage): string {
  if (language === 'zh') return PERSON_ZH.exec(text)?.[0] ?? '';
  const match = PERSON_EN.exec(text);
  return match ? softenCapitals(match[1]!, 'lower') : '';
}

/**
 * First "wearing/in <garment>"; failing that, a short comma clause that names a garment, as in
 * "KAI (40s), black trench coat torn at one shoulder, runs".
 */
export function findWardrobe(text: string, language: PromptLanguage): string {
  const wearing = (language === 'zh' ? WEARING_ZH : WEARING_EN).exec(text);
  if (wearing) return wearing[1]!.trim();
  const clauses = text.split(language === 'zh' ? /[，。；、,;.!?！？\n]/u : /[,;.!?\n]/);
  const garment = language === 'zh' ? GARMENT_ZH : GARMENT_EN;
  const maxLength = language === 'zh' ? 10 : 8;
  for (const clause of clauses) {
    const trimmed = clause.trim();
    const size = language === 'zh' ? [...trimmed].length : trimmed.split(/\s+/).length;
    if (trimmed !== '' && size <= maxLength && garment.test(trimmed)) return trimmed;
  }
  return '';
}

export function hasGarment(text: string, language: PromptLanguage): boolean {
  return (language === 'zh' ? GARMENT_ZH : GARMENT_EN).test(text);
}
