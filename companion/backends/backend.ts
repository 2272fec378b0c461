// The one interface every video backend implements; the queue and pipeline know nothing else about them.
import type {
  BackendInfo,
  ConditioningAction,
  ConditioningMode,
  ImageSource,
  JobPhase,
  PreflightResult,
  PreviewMime,
  Provenance,
  ShotRequest,
} from '../../shared/protocol';

import type { FramePixelFormat, GeneratedMedia } from '../media/generated-media';

export type { GeneratedMedia, MediaFileSource, RawFrameSource } from '../media/generated-media';

/** A conditioning image ready for a backend: an RGB PNG at the shot's size, fitted as clips are conformed. */
export interface ConditioningImage {
  path: string;
  sha256: string;
  width: number;
  height: number;
  source: ImageSource;
}

export interface PreparedConditioning {
  mode: ConditioningMode;
  action?: ConditioningAction;
  start: ConditioningImage;
  end?: ConditioningImage;
}

/** One take of one shot, as the backend receives it. */
export interface GenerationRequest {
  shot: ShotRequest;
  take: number;
  seed: number;
  /** Exact frame count and rate the finished clip must have. */
  frames: number;
  /** The images the take starts (and ends) on, when the shot asked for any. */
  conditioning?: PreparedConditioning;
  /**
   * Raw frames in this format save ffmpeg a conversion (the encoder takes it as is); a backend that cannot
   * make it gives RGBA, and says which it gave in its media's pixelFormat.
   */
  framePixelFormat?: FramePixelFormat;
}

export interface GenerationProgress {
  phase: JobPhase;
  step: number;
  total: number;
}

/** A cheap image of the take so far (a few steps into sampling, say); disposable, only the latest matters. */
export interface GenerationPreview {
  step: number;
  total: number;
  width: number;
  height: number;
  mime: PreviewMime;
  /** The encoded image file. */
  data: Uint8Array;
}

/** The abort reason when the daemon stops (not a user cancel): remote work should be left to resume. */
export const SHUTDOWN_REASON = 'shutdown';

/** Durable notes a backend keeps with its job (a remote task id, say), so a restarted job resumes, not repays. */
export interface JobCheckpoint {
  read(): Readonly<Record<string, unknown>> | undefined;
  write(data: Record<string, unknown>): void;
}

export interface GenerationContext {
  signal: AbortSignal;
  onProgress(progress: GenerationProgress): void;
  /** Set when someone watches: backends that can make previews call it every few steps; it must be cheap. */
  onPreview?(preview: GenerationPreview): void;
  checkpoint: JobCheckpoint;
  /** A folder of the job's own for intermediate files (downloads); removed when the job ends. */
  workDir: string;
}

export interface GenerationResult {
  media: GeneratedMedia;
  model: string;
  steps: number;
  guidance: number;
  /** The negative prompt the model was given when it differs from the shot's (a backend's default). */
  negativePrompt?: string;
  expertGuidance?: Provenance['expertGuidance'];
  noise?: Provenance['noise'];
  quality?: Provenance['quality'];
  /** The conditioning mode the backend ran: i2v where it had no first-and-last-frame for a flf2v request. */
  conditioningUsed?: ConditioningMode;
}

export interface VideoBackend {
  readonly name: string;
  /** True when the backend draws the AI-draft label into its frames itself (the slate), so none is burned in. */
  readonly labelsFrames?: boolean;
  info(): BackendInfo;
  generate(request: GenerationRequest, ctx: GenerationContext): Promise<GenerationResult>;
  /** What the backend lacks before its first job, from cheap reads that create nothing; absent: needs nothing. */
  preflight?(signal: AbortSignal): Promise<PreflightResult>;
  dispose(): Promise<void>;
}
