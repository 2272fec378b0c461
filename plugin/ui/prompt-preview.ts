// Which prompt rules a backend follows, and the compiled prompt for a shot with the chosen layout.
import { t } from '../i18n/i18n';
import {
  compileShotPrompt,
  isPromptTarget,
  WAN_DEFAULT_NEGATIVE_PROMPT,
  type CompiledPrompt,
  type PromptTarget,
  type PromptTemplate,
  type ShotDescription,
} from '../../shared/shots';

/** Backends named after a prompt target use its limits; the rest (slate, onnx) take Wan's prompt as is. */
export function targetForBackend(backend: string): PromptTarget {
  return isPromptTarget(backend) ? backend : 'wan';
}

export interface PromptLayout {
  backend: string;
  /** Laid out with this template; Wan's one-paragraph layout when null. */
  template: Pick<PromptTemplate, 'template'> | null;
  /** The project's own negative prompt; Wan's default when null. */
  projectNegativePrompt: string | null;
  /** The project's default style, added to every prompt; none when null or left out. */
  defaultStyle?: string | null;
}

export function compileForBackend(description: ShotDescription, layout: PromptLayout): CompiledPrompt {
  return compileShotPrompt(description, {
    target: targetForBackend(layout.backend),
    ...(layout.template && { template: layout.template }),
    defaultNegativePrompt: layout.projectNegativePrompt ?? WAN_DEFAULT_NEGATIVE_PROMPT,
    ...(layout.defaultStyle && { defaultStyle: layout.defaultStyle }),
  });
}

export type PromptPreview =
  { compiled: CompiledPrompt; error?: undefined } | { compiled: null; error?: string };

/** The preview never throws into the render: a template the compiler refuses becomes a sentence. */
export function previewPrompt(description: ShotDescription | null, layout: PromptLayout): PromptPreview {
  if (!description) return { compiled: null };
  try {
    return { compiled: compileForBackend(description, layout) };
  } catch (err) {
    return {
      compiled: null,
      error: t('problems.noPreview', { detail: err instanceof Error ? err.message : String(err) }),
    };
  }
}
