// DashScope backend options: defaults merged once and checked together, each error naming its option.
import type { Dispatcher } from 'undici';
import type { Logger } from 'pino';
import type { PartialColourTags } from '../../../shared/protocol';
import { resolveSourceColour, type SourceColourSetting } from '../../media/colour';
import { DASHSCOPE_REGIONS, regionModel, type DashScopeModel, type DashScopeRegion } from './models';

export interface DashScopeSettings {
  /** Region whose host the key belongs to (key, model and host must match). Default "beijing". */
  region?: DashScopeRegion;
  /** Overrides the region's host (proxies, tests). */
  baseUrl?: string;
  /** From the companion config; otherwise the DASHSCOPE_API_KEY environment variable. */
  apiKey?: string;
  /** A model the region serves (names differ by region); default the region's own default. */
  model?: string;
  /** Generated audio for models that make it (wan2.5, wan2.6): on by default, as at the service. */
  audio?: boolean;
  /** Forces one of the model's sizes ("832*480"); otherwise the nearest to the shot's frame. */
  size?: string;
  promptExtend?: boolean;
  watermark?: boolean;
  /** First wait between status polls; grows ×1.5 per poll up to maxPollIntervalMs. */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  requestTimeoutMs?: number;
  /** Give up on a task still unfinished after this long (the job keeps the task id for a later retry). */
  maxTaskWaitMs?: number;
  maxRetries?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  maxDownloadBytes?: number;
  /** Typical generation time, used only to move the progress bar while the service says RUNNING. */
  expectedSeconds?: number;
  concurrency?: number;
  /** Colour to assume for tags a delivered clip lacks (see DASHSCOPE_SOURCE_COLOUR); the clip's own tags win. */
  colour?: SourceColourSetting;
  dispatcher?: Dispatcher;
  log?: Logger;
  /** Where DASHSCOPE_API_KEY is read from; tests pass their own. */
  env?: Readonly<Record<string, string | undefined>>;
  random?: () => number;
}

/**
 * Alibaba documents the files only as H.264 MP4, nothing about colour. An untagged file is the mark of an
 * ffmpeg-default encode (Wan's own save_video goes through imageio/ffmpeg): BT.601 matrix, limited range.
 */
export const DASHSCOPE_SOURCE_COLOUR: PartialColourTags = Object.freeze({ matrix: 'smpte170m', range: 'tv' });

export type ResolvedDashScope = Required<
  Omit<DashScopeSettings, 'apiKey' | 'size' | 'dispatcher' | 'log' | 'env' | 'random' | 'audio' | 'colour'>
> & {
  spec: DashScopeModel;
  /** Sent as parameters.audio only for models that generate audio. */
  audio: boolean | undefined;
  colour: PartialColourTags;
  apiKey: string | undefined;
  size: string | undefined;
  dispatcher: Dispatcher | undefined;
  log: Logger | undefined;
  random: () => number;
};

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`dashscope: option "${name}" must be a positive number, got ${value}`);
  }
  return value;
}

export function resolveDashScopeSettings(settings: DashScopeSettings = {}): ResolvedDashScope {
  const region = settings.region ?? 'beijing';
  if (!Object.hasOwn(DASHSCOPE_REGIONS, region)) {
    throw new Error(
      `dashscope: option "region" must be one of ${Object.keys(DASHSCOPE_REGIONS).join(', ')}, got "${region}"`,
    );
  }
  const served = DASHSCOPE_REGIONS[region];
  const model = settings.model ?? served.defaultModel;
  const spec = regionModel(region, model);
  if (!spec) {
    const elsewhere = Object.keys(DASHSCOPE_REGIONS).filter((r) => regionModel(r as DashScopeRegion, model));
    throw new Error(
      `dashscope: the ${region} region does not serve model "${model}"${elsewhere.length > 0 ? ` (${elsewhere.join(' and ')} ${elsewhere.length > 1 ? 'do' : 'does'})` : ''}; ${region} serves ${Object.keys(served.models).join(', ')}`,
    );
  }
  if (settings.audio !== undefined && !spec.audio) {
    throw new Error(
      `dashscope: option "audio" applies only to models that generate sound; ${model} is silent`,
    );
  }
  if (settings.size !== undefined && !spec.sizes.includes(settings.size)) {
    throw new Error(
      `dashscope: option "size" must be one of ${model}'s sizes (${spec.sizes.join(', ')}), got "${settings.size}"`,
    );
  }
  const baseUrl = (settings.baseUrl ?? served.host).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(baseUrl)) {
    throw new Error(`dashscope: option "baseUrl" must be an http(s) URL, got "${baseUrl}"`);
  }
  const env = settings.env ?? process.env;
  const apiKey = (settings.apiKey ?? env.DASHSCOPE_API_KEY)?.trim() || undefined;
  const pollIntervalMs = positive('pollIntervalMs', settings.pollIntervalMs ?? 15_000);
  return {
    region,
    baseUrl,
    apiKey,
    model,
    spec,
    audio: spec.audio ? (settings.audio ?? true) : undefined,
    size: settings.size,
    promptExtend: settings.promptExtend ?? true,
    watermark: settings.watermark ?? false,
    pollIntervalMs,
    maxPollIntervalMs: positive(
      'maxPollIntervalMs',
      settings.maxPollIntervalMs ?? Math.max(60_000, pollIntervalMs),
    ),
    requestTimeoutMs: positive('requestTimeoutMs', settings.requestTimeoutMs ?? 30_000),
    maxTaskWaitMs: positive('maxTaskWaitMs', settings.maxTaskWaitMs ?? 30 * 60_000),
    maxRetries: settings.maxRetries ?? 6,
    retryBaseMs: positive('retryBaseMs', settings.retryBaseMs ?? 2_000),
    retryMaxMs: positive('retryMaxMs', settings.retryMaxMs ?? 60_000),
    maxDownloadBytes: positive('maxDownloadBytes', settings.maxDownloadBytes ?? 512 * 1024 * 1024),
    expectedSeconds: positive('expectedSeconds', settings.expectedSeconds ?? 90),
    concurrency: positive('concurrency', settings.concurrency ?? 2),
    colour: resolveSourceColour('dashscope', settings.colour, DASHSCOPE_SOURCE_COLOUR),
    dispatcher: settings.dispatcher,
    log: settings.log,
    random: settings.random ?? Math.random,
  };
}
