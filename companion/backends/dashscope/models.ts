// The hosted Wan text-to-video models each DashScope region serves, as documented, and the nearest-size rule.
//
// Sources (checked December 2026):
// - Alibaba Cloud Model Studio, "Wan – text-to-video API reference" and "Text-to-video" guide
//   (https://www.alibabacloud.com/help/en/model-studio/text-to-video-api-reference): hosts per region (Singapore
//   dashscope-intl, Virginia dashscope-us, Beijing dashscope), "model, endpoint and API key must be in the same
//   region", wan2.6 (2–15 s; 720P/1080P), wan2.5 preview (5/10 s; 480P/720P/1080P), audio on wan2.5 and wan2.6.
// - The same page for the mainland service (https://help.aliyun.com/zh/model-studio/developer-reference/
//   text-to-video-api-reference): wan2.5-t2v-preview 24 fps with audio; wan2.2-t2v-plus 480P/1080P, 5 s, 30 fps;
//   wanx2.1-t2v-turbo 480P/720P and wanx2.1-t2v-plus 720P, 5 s, silent.
// - The official SDK, dashscope/dashscope-sdk-python 1.26.2, VideoSynthesis.Models: the Beijing spelling
//   "wanx2.1-t2v-turbo" / "wanx2.1-t2v-plus" (the international site spells them "wan2.1-t2v-…").
// - Image models: "Wan - image-to-video - first frame API reference"
//   (https://www.alibabacloud.com/help/en/model-studio/image-to-video-api-reference): same create URL as text,
//   `input.img_url` a public URL or `data:{MIME_type};base64,{data}`, JPEG/PNG (no alpha)/BMP/WEBP, 360–2000 px a
//   side, at most 10 MB; `parameters.resolution` a tier (the output keeps the image's aspect ratio);
//   wan2.2-i2v-plus 480P/1080P and wan2.2-i2v-flash 480P/720P, 5 s, 30 fps; Singapore and Beijing.
//   "Wan - image-to-video - first and last frames API reference"
//   (https://www.alibabacloud.com/help/en/model-studio/image-to-video-by-first-and-last-frame-api-reference):
//   POST …/services/aigc/image2video/video-synthesis, `input.first_frame_url` / `last_frame_url`,
//   wan2.2-kf2v-flash 480P/720P/1080P, fixed 5 s; Singapore and Beijing only.
// - Virginia's image model: the mainland "图生视频-基于首帧" guide (https://help.aliyun.com/zh/model-studio/
//   image-to-video-guide), its table for the US deployment mode (endpoint, data and inference in US (Virginia)):
//   wan2.6-i2v-us, 720P/1080P, 5/10/15 s, 30 fps MP4, with generated audio (有声视频), on the same first-frame
//   API (the English API reference lists the Virginia create URL dashscope-us.aliyuncs.com). No keyframe
//   (first-and-last-frame) model is documented for Virginia: a bridge there runs first-frame only.
import type { ConditioningMode, FrameSize } from '../../../shared/protocol';
import { nearestSize } from '../remote/nearest-size';

export interface DashScopeModel {
  /** Allowed output sizes as the API spells them, "W*H". */
  sizes: readonly string[];
  /** Native rate of the delivered MP4, for the panel; the real rate is read with ffprobe. */
  fps: number;
  /** Durations the model takes, in seconds, shortest first. */
  durations: readonly number[];
  /** Generates a soundtrack (on by default at the service; `parameters.audio` turns it off). */
  audio: boolean;
}

const P480 = ['832*480', '480*832', '624*624'];
const P720 = ['1280*720', '720*1280', '960*960', '1088*832', '832*1088'];
const P1080 = ['1920*1080', '1080*1920', '1440*1440', '1632*1248', '1248*1632'];

/** An image model: where its create call goes, the resolution tiers it takes, and its durations. */
export interface DashScopeImageModel {
  mode: ConditioningMode;
  /** The service path the create call goes to: …/services/aigc/<service>/video-synthesis. */
  service: 'video-generation' | 'image2video';
  resolutions: readonly string[];
  durations: readonly number[];
  fps: number;
  /** Makes a soundtrack of its own (wan2.6 first-frame models), so provenance says the clip has audio. */
  audio?: true;
}

const I2V_PLUS: DashScopeImageModel = {
  mode: 'i2v',
  service: 'video-generation',
  resolutions: ['480P', '1080P'],
  durations: [5],
  fps: 30,
};
const I2V_FLASH: DashScopeImageModel = { ...I2V_PLUS, resolutions: ['480P', '720P'] };
const KF2V_FLASH: DashScopeImageModel = {
  mode: 'flf2v',
  service: 'image2video',
  resolutions: ['480P', '720P', '1080P'],
  durations: [5],
  fps: 30,
};
const I2V_26_US: DashScopeImageModel = {
  mode: 'i2v',
  service: 'video-generation',
  resolutions: ['720P', '1080P'],
  durations: [5, 10, 15],
  fps: 30,
  audio: true,
};
/** The image models of the regions that have them, with the one each mode uses by default. */
const IMAGE_MODELS = {
  models: { 'wan2.2-i2v-plus': I2V_PLUS, 'wan2.2-i2v-flash': I2V_FLASH, 'wan2.2-kf2v-flash': KF2V_FLASH },
  defaults: { i2v: 'wan2.2-i2v-flash', flf2v: 'wan2.2-kf2v-flash' },
} as const;

const WAN26: DashScopeModel = { sizes: [...P720, ...P1080], fps: 24, durations: [5, 10, 15], audio: true };
const WAN25: DashScopeModel = {
  sizes: [...P480, ...P720, ...P1080],
  fps: 24,
  durations: [5, 10],
  audio: true,
};
const WAN22_PLUS: DashScopeModel = { sizes: [...P480, ...P1080], fps: 30, durations: [5], audio: false };
const WAN21_TURBO: DashScopeModel = { sizes: [...P480, ...P720], fps: 30, durations: [5], audio: false };
const WAN21_PLUS: DashScopeModel = { sizes: P720, fps: 30, durations: [5], audio: false };

export const DASHSCOPE_REGIONS = Object.freeze({
  beijing: {
    host: 'https://dashscope.aliyuncs.com',
    defaultModel: 'wan2.2-t2v-plus',
    models: {
      'wan2.6-t2v': WAN26,
      'wan2.5-t2v-preview': WAN25,
      'wan2.2-t2v-plus': WAN22_PLUS,
      'wanx2.1-t2v-turbo': WAN21_TURBO,
      'wanx2.1-t2v-plus': WAN21_PLUS,
    },
    images: IMAGE_MODELS,
  },
  singapore: {
    host: 'https://dashscope-intl.aliyuncs.com',
    defaultModel: 'wan2.2-t2v-plus',
    models: {
      'wan2.6-t2v': WAN26,
      'wan2.5-t2v-preview': WAN25,
      'wan2.2-t2v-plus': WAN22_PLUS,
      'wan2.1-t2v-turbo': WAN21_TURBO,
      'wan2.1-t2v-plus': WAN21_PLUS,
    },
    images: IMAGE_MODELS,
  },
  virginia: {
    host: 'https://dashscope-us.aliyuncs.com',
    defaultModel: 'wan2.6-t2v-us',
    models: { 'wan2.6-t2v-us': WAN26 },
    images: { models: { 'wan2.6-i2v-us': I2V_26_US }, defaults: { i2v: 'wan2.6-i2v-us' } },
  },
} satisfies Record<
  string,
  {
    host: string;
    defaultModel: string;
    models: Readonly<Record<string, DashScopeModel>>;
    images: {
      models: Readonly<Record<string, DashScopeImageModel>>;
      defaults: Partial<Record<ConditioningMode, string>>;
    };
  }
>);
export type DashScopeRegion = keyof typeof DASHSCOPE_REGIONS;

export const DASHSCOPE_HOSTS: Readonly<Record<DashScopeRegion, string>> = Object.freeze(
  Object.fromEntries(Object.entries(DASHSCOPE_REGIONS).map(([r, spec]) => [r, spec.host])) as Record<
    DashScopeRegion,
    string
  >,
);

/** Every model name any region serves (for the CLI's choices); which region serves it is checked later. */
export const DASHSCOPE_MODEL_NAMES: readonly string[] = [
  ...new Set(Object.values(DASHSCOPE_REGIONS).flatMap((r) => Object.keys(r.models))),
];

/** The region's model by name, or undefined when that region does not serve it (spelling differs by region). */
export function regionModel(region: DashScopeRegion, model: string): DashScopeModel | undefined {
  const models: Readonly<Record<string, DashScopeModel>> = DASHSCOPE_REGIONS[region].models;
  return Object.hasOwn(models, model) ? models[model] : undefined;
}

/** The region's image model for a conditioning mode, by its default name; undefined where it has none. */
export function regionImageModel(
  region: DashScopeRegion,
  mode: ConditioningMode,
): { name: string; spec: DashScopeImageModel } | undefined {
  const images: {
    models: Readonly<Record<string, DashScopeImageModel>>;
    defaults: Partial<Record<ConditioningMode, string>>;
  } = DASHSCOPE_REGIONS[region].images;
  const name = images.defaults[mode];
  const spec = name === undefined ? undefined : images.models[name];
  return name && spec ? { name, spec } : undefined;
}

/** The tier nearest the shot's height among the model's ("480P", "720P", "1080P"): the service keeps the aspect. */
export function resolutionFor(model: DashScopeImageModel, height: number): string {
  const lines = (tier: string) => Number.parseInt(tier, 10);
  return [...model.resolutions].sort((a, b) => Math.abs(lines(a) - height) - Math.abs(lines(b) - height))[0]!;
}

/** The shortest duration the model takes that covers the shot, else its longest (the clip is conformed after). */
export function durationFor(model: Pick<DashScopeModel, 'durations'>, seconds: number): number {
  return model.durations.find((d) => d >= seconds - 1e-9) ?? model.durations.at(-1)!;
}

export function parseApiSize(size: string): FrameSize {
  const [w, h] = size.split('*').map(Number);
  return { width: w ?? 0, height: h ?? 0 };
}

/** The allowed "W*H" size nearest the wanted frame with the same orientation (see nearestSize). */
export function nearestApiSize(wanted: FrameSize, allowed: readonly string[]): string | null {
  const sizes = allowed.map((api) => ({ api, ...parseApiSize(api) }));
  return nearestSize(wanted, sizes)?.api ?? null;
}
