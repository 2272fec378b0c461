// Public API of the shot model: structured descriptions, prefill from scripts, prompts, templates, variants.
export * from './description';
export * from './field-labels';
export { detectLanguage, type PromptLanguage } from './language';
export * from './vocabulary';
export { findTerms, type TermMatch } from './match-vocabulary';
export {
  prefillShot,
  prefillShots,
  scriptLanguage,
  type PrefillContext,
  type PrefillOptions,
} from './prefill';
export * from './bible';
export { cleanActionText, stripEmphasis, softenEmphasis, joinLines } from './clean-text';
export * from './prompt-targets';
export { composeParagraph, type ComposeOptions } from './paragraph';
export * from './prompt-compiler';
export * from './templates';
export * from './variants';
export { prepareScript, type PreparedScript } from './prepare-script';
