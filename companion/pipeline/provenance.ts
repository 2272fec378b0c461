// The provenance record every clip carries, in its sidecar and in the job.done message.
import type { ColourHandling, ConditioningRecord, Provenance, ShotRequest } from '../../shared/protocol';
import { SOFTWARE } from '../version';
import { AI_DRAFT_LABEL } from '../backends/slate/slate-backend';

export interface ProvenanceInput {
  shot: ShotRequest;
  take: number;
  seed: number;
  backend: string;
  model: string;
  steps: number;
  guidance: number;
  /** What the backend reports it actually used: its default negative prompt, per-expert guidance, noise, quality. */
  sampling?: Partial<Pick<Provenance, 'negativePrompt' | 'expertGuidance' | 'noise' | 'quality'>>;
  createdAt: Date;
  finishedAt: Date;
  policyWarnings?: string[];
  generatedAudio?: boolean;
  colour: ColourHandling;
  conditioning?: ConditioningRecord;
}

export function buildProvenance(input: ProvenanceInput): Provenance {
  const { shot } = input;
  return {
    aiGenerated: true,
    label: AI_DRAFT_LABEL,
    prompt: shot.prompt,
    ...(shot.negativePrompt !== undefined && { negativePrompt: shot.negativePrompt }),
    seed: input.seed,
    backend: input.backend,
    model: input.model,
    steps: input.steps,
    guidance: input.guidance,
    ...input.sampling,
    shotId: shot.shotId,
    take: input.take,
    ...(shot.sceneHeading !== undefined && { sceneHeading: shot.sceneHeading }),
    ...(shot.sourceText !== undefined && { sourceText: shot.sourceText }),
    ...(shot.sourceLine !== undefined && { sourceLine: shot.sourceLine }),
    ...(input.policyWarnings?.length && { policyWarnings: input.policyWarnings }),
    ...(input.generatedAudio && { generatedAudio: true as const }),
    colour: input.colour,
    ...(input.conditioning && { conditioning: input.conditioning }),
    createdAt: input.createdAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    software: { name: SOFTWARE.name, version: SOFTWARE.version },
  };
}
