// The default prompt layout: fluent sentences in the order Wan's guide asks for, without "Key: value" labels:
// subject → action → environment (place, time, weather, light) → camera → style.
import type { ShotDescription } from './description';
import { joinList, type PromptLanguage } from './language';

export function cameraText(description: ShotDescription, language: PromptLanguage): string {
  const { shotSize, angle, movement, lens } = description.camera;
  return joinList(
    [shotSize, angle, movement, lens].map((part) => part.trim()),
    language,
  );
}

/** How a time of day reads inside a sentence; anything else is written as "at <text>". */
const TIME_PHRASES: Readonly<Record<string, string>> = Object.freeze({
  day: 'during the day',
  daytime: 'during the day',
  night: 'at night',
  'late night': 'late at night',
  midnight: 'at midnight',
  dawn: 'at dawn',
  sunrise: 'at sunrise',
  daybreak: 'at daybreak',
  dusk: 'at dusk',
  sunset: 'at sunset',
  twilight: 'at twilight',
  'magic hour': 'at magic hour',
  morning: 'in the morning',
  'early morning': 'early in the morning',
  noon: 'at noon',
  midday: 'at midday',
  afternoon: 'in the afternoon',
  evening: 'in the evening',
});

const ZH_TIME: Readonly<Record<string, string>> = Object.freeze({ 夜: '夜晚', 日: '白天', 晚: '晚上' });

const WEATHER_PHRASES: Readonly<Record<string, string>> = Object.freeze({
  rain: 'in the rain',
  'heavy rain': 'in heavy rain',
  snow: 'in the snow',
  fog: 'in thick fog',
  storm: 'in a storm',
  'strong wind': 'in strong wind',
});

const ENDS_SENTENCE = { en: /[.!?…]["'”’)]*$/u, zh: /[。！？…]["'”’）)]*$/u };

function placePhrase(environment: string): string {
  const place = environment.replace(/,\s*(?:indoors and outdoors|indoors|outdoors)$/u, '').trim();
  if (place === '') return environment.trim();
  return /^(?:a|an|the|in|on|at|inside|outside)\b/i.test(place) ? place : `at the ${place}`;
}

export interface ComposeOptions {
  /** The project's house look ("cinematic lighting, 35 mm film look"), added after the shot's own style words. */
  defaultStyle?: string;
}

function styleText(description: ShotDescription, language: PromptLanguage, options: ComposeOptions): string {
  // Style words the action already says ("Slow motion as he lands", 慢动作收尾) are not said twice.
  const action = description.action.toLowerCase();
  const own = description.style
    .split(language === 'zh' ? '，' : ', ')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !action.includes(part.toLowerCase()))
    .join(language === 'zh' ? '，' : ', ');
  const house = (options.defaultStyle ?? '').trim();
  if (house === '' || own.includes(house)) return own;
  return joinList([own, house], language);
}

function composeEnglish(description: ShotDescription, options: ComposeOptions): string {
  const subject = description.subject.who.trim();
  const wardrobe = description.subject.wardrobe.trim();
  const who = subject === '' ? '' : wardrobe === '' ? subject : `${subject} wearing ${wardrobe}`;
  let action = description.action.trim().replace(/\s*\n\s*/g, ' ');
  // A predicate ("runs toward the edge") follows its subject; a whole sentence gets its own clause.
  const predicate = who !== '' && /^\p{Ll}/u.test(action);
  // Don't repeat what the action already says ("A middle-aged man in a damaged suit walks…").
  const said = who !== '' && action.toLowerCase().includes(subject.toLowerCase());
  if (said) action = action.replace(/[.;,\s]+$/u, '');
  else if (who !== '' && action !== '' && !predicate)
    action = `${who}; ${action.charAt(0).toLowerCase()}${action.slice(1)}`;
  else if (who !== '') action = action === '' ? who : `${who} ${action}`;
  action = action.replace(/[.;,\s]+$/u, '');
  const light = description.lighting.trim();
  const where = [
    description.environment.trim() === '' ? '' : placePhrase(description.environment),
    TIME_PHRASES[description.timeOfDay.trim().toLowerCase()] ??
      (description.timeOfDay.trim() === '' ? '' : `at ${description.timeOfDay.trim()}`),
  ]
    .filter((part) => part !== '')
    .join(' ');
  const setting = [
    where,
    WEATHER_PHRASES[description.weather.trim().toLowerCase()] ??
      (description.weather.trim() === '' ? '' : `in ${description.weather.trim()}`),
    light === '' ? '' : `lit by ${light.replace(/, (?=[^,]*$)/, ' and ')}`,
  ]
    .filter((part) => part !== '')
    .join(', ');
  // After an action of several sentences the setting reads better as a sentence of its own.
  const severalSentences = /[.!?]\s+\p{Lu}/u.test(action);
  const first = severalSentences
    ? [action + '.', setting === '' ? '' : setting.charAt(0).toUpperCase() + setting.slice(1)]
        .filter((part) => part !== '')
        .join(' ')
    : [action, setting].filter((part) => part !== '').join(', ');
  const second = [cameraText(description, 'en'), styleText(description, 'en', options)]
    .filter((part) => part !== '')
    .join(', ');
  const sentence = (text: string): string =>
    text === ''
      ? ''
      : `${text.charAt(0).toUpperCase()}${text.slice(1)}${ENDS_SENTENCE.en.test(text) ? '' : '.'}`;
  return [sentence(first), sentence(second)].filter((part) => part !== '').join(' ');
}

function composeChinese(description: ShotDescription, options: ComposeOptions): string {
  const subject = description.subject.who.trim();
  const wardrobe = description.subject.wardrobe.trim();
  const who = wardrobe === '' ? subject : subject === '' ? `身穿${wardrobe}的人` : `${subject}，${wardrobe}`;
  const action = description.action
    .trim()
    .replace(/\s*\n\s*/g, '')
    .replace(/[。！？；，\s]+$/u, '');
  // Don't repeat what the action already says (它已写出“男子”或“黑色风衣”).
  const said = (subject !== '' && action.includes(subject)) || (wardrobe !== '' && action.includes(wardrobe));
  const doing = who === '' || said ? action : action === '' ? who : `${who}${action}`;
  const time = description.timeOfDay.trim();
  const place = description.environment.trim().replace(/，(?:室内外|室内|室外)$/u, '');
  const setting = [
    place,
    ZH_TIME[time] ?? time,
    description.weather.trim(),
    description.lighting.trim() === '' ? '' : `${description.lighting.trim()}映照`,
  ].filter((part) => part !== '');
  const first = [doing, ...setting].filter((part) => part !== '').join('，');
  // Camera words the action already says (跟拍) are not said twice.
  const camera = cameraText(description, 'zh')
    .split('，')
    .filter((part) => !action.includes(part))
    .join('，');
  const second = [camera, styleText(description, 'zh', options)].filter((part) => part !== '').join('，');
  return [first, second]
    .filter((part) => part !== '')
    .map((part) => (ENDS_SENTENCE.zh.test(part) ? part : `${part}。`))
    .join('');
}

export function composeParagraph(
  description: ShotDescription,
  language: PromptLanguage,
  options: ComposeOptions = {},
): string {
  return language === 'zh' ? composeChinese(description, options) : composeEnglish(description, options);
}
