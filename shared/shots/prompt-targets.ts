// Backends a prompt can be compiled for, with the text limits each one enforces.

export interface PromptTargetLimits {
  /** Characters (code points); null = no limit the backend documents. */
  readonly maxPromptChars: number | null;
  readonly maxNegativePromptChars: number | null;
}

export const PROMPT_TARGETS = Object.freeze({
  /** Wan2.2 run locally (onnx backend): the text encoder itself truncates at 512 tokens. */
  wan: Object.freeze({ maxPromptChars: null, maxNegativePromptChars: null }),
  comfyui: Object.freeze({ maxPromptChars: null, maxNegativePromptChars: null }),
  /** Alibaba Cloud Model Studio documents 800 and 500 characters (DESIGN.md §5). */
  dashscope: Object.freeze({ maxPromptChars: 800, maxNegativePromptChars: 500 }),
} satisfies Record<string, PromptTargetLimits>);

export type PromptTarget = keyof typeof PROMPT_TARGETS;

export const PROMPT_TARGET_NAMES = Object.freeze(Object.keys(PROMPT_TARGETS) as PromptTarget[]);

export function isPromptTarget(name: string): name is PromptTarget {
  return Object.prototype.hasOwnProperty.call(PROMPT_TARGETS, name);
}

/**
 * Wan's own default negative prompt, used when a shot gives none: `sample_neg_prompt` in Wan2.2's
 * wan/configs/shared_config.py (commit 42bf4cf); text2video.py uses it when the negative prompt is "".
 */
export const WAN_DEFAULT_NEGATIVE_PROMPT =
  '色调艳丽，过曝，静态，细节模糊不清，字幕，风格，作品，画作，画面，静止，整体发灰，最差质量，低质量，JPEG压缩残留，丑陋的，残缺的，多余的手指，画得不好的手部，画得不好的脸部，畸形的，毁容的，形态畸形的肢体，手指融合，静止不动的画面，杂乱的背景，三条腿，背景人很多，倒着走';
