// The optional rewrite of one shot's prompt by a language model: the bible, the scene and Wan's structure in
// the system prompt, the rule-based prompt and fields in the user's. The result is shown beside the
// rule-based prompt and never replaces it by itself.
import type { CandidateShot } from '../../shared/screenplay';
import type { CharacterBible, PromptLanguage, ShotDescription } from '../../shared/shots';
import { chatComplete, type ChatEndpoint, type ChatMessage, type ChatOptions } from './chat-client';

const STRUCTURE = {
  en: 'Write one or two fluent sentences in English, in this order: subject (what the person looks like, never a name), action, environment (place, time of day, weather, light), camera (shot size, angle, movement, lens), style. No labels, no lists, no names, nothing the camera cannot see. Answer with the prompt only.',
  zh: '用中文写一到两句流畅的视频提示词，顺序为：人物（外貌穿着，不写名字）、动作、环境（地点、时间、天气、光线）、镜头（景别、角度、运动、焦段）、风格。不要标签，不要列表，不要人名，不写镜头看不到的内容。只回答提示词本身。',
} as const;

export interface RewriteInput {
  shot: CandidateShot;
  description: ShotDescription;
  /** The rule-based prompt the model starts from. */
  prompt: string;
  bible: CharacterBible;
  language: PromptLanguage;
}

export function rewriteMessages(input: RewriteInput): ChatMessage[] {
  const cast = input.bible.characters
    .filter(
      (entry) =>
        input.shot.charactersMentioned.includes(entry.name) ||
        input.shot.charactersInScene.includes(entry.name),
    )
    .map((entry) => `- ${entry.name}: ${entry.description}`);
  const system = [
    'You write prompts for a text-to-video model (Wan) for film previsualisation.',
    STRUCTURE[input.language],
    cast.length > 0 ? `Characters (describe them like this, never by name):\n${cast.join('\n')}` : '',
    input.shot.scene ? `Scene heading: ${input.shot.scene.heading}` : '',
  ]
    .filter((part) => part !== '')
    .join('\n\n');
  const user = [
    `Script line: ${input.shot.text || '(dialogue coverage)'}`,
    `Fields: ${JSON.stringify(input.description)}`,
    `Rule-based prompt: ${input.prompt}`,
  ].join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}

export function rewriteShot(
  endpoint: ChatEndpoint,
  input: RewriteInput,
  options?: ChatOptions,
): Promise<string> {
  return chatComplete(endpoint, rewriteMessages(input), { temperature: 0.3, ...options });
}
