// The default prompt layout: one paragraph, subject and action first, then labelled setting, camera and look.
import type { ShotDescription } from './description';
import { SHOT_FIELD_LABELS, type ShotFieldLabelKey } from './field-labels';
import { joinList, type PromptLanguage } from './language';

const PUNCTUATION = {
  en: { stop: '.', colon: ': ', separator: ' ', wearing: ', wearing ', endsSentence: /[.!?…"'”’)]$/ },
  zh: { stop: '。', colon: '：', separator: '', wearing: '，', endsSentence: /[。！？…”’）.!?]$/u },
} as const;

export function cameraText(description: ShotDescription, language: PromptLanguage): string {
  const { shotSize, angle, movement, lens } = description.camera;
  return joinList(
    [shotSize, angle, movement, lens].map((part) => part.trim()),
    language,
  );
}

export function composeParagraph(description: ShotDescription, language: PromptLanguage): string {
  const marks = PUNCTUATION[language];
  const sentence = (text: string): string => {
    const trimmed = text.trim().replace(/\s*\n\s*/g, language === 'zh' ? '' : ' ');
    return trimmed === '' || marks.endsSentence.test(trimmed) ? trimmed : trimmed + marks.stop;
  };
  const labelled = (key: ShotFieldLabelKey, value: string): string =>
    value.trim() === '' ? '' : sentence(SHOT_FIELD_LABELS[key][language] + marks.colon + value.trim());

  const who = description.subject.who.trim();
  const wardrobe = description.subject.wardrobe.trim();
  let subject = who;
  if (wardrobe !== '') subject = who === '' ? labelled('wardrobe', wardrobe) : who + marks.wearing + wardrobe;

  // Subjects such as "middle-aged man" open the paragraph, so they need a capital there.
  const opening = language === 'en' ? subject.charAt(0).toUpperCase() + subject.slice(1) : subject;
  return [
    sentence(opening),
    sentence(description.action),
    labelled('environment', description.environment),
    labelled('timeOfDay', description.timeOfDay),
    labelled('weather', description.weather),
    labelled('camera', cameraText(description, language)),
    labelled('lighting', description.lighting),
    labelled('style', description.style),
  ]
    .filter((part) => part !== '')
    .join(marks.separator);
}
