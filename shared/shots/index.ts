// Public API of the shot model: structured descriptions, prefill from scripts, prompts, templates, variants.
export * from './description';
export * from './field-labels';
export { detectLanguage, type PromptLanguage } from './language';
export * from './vocabulary';
export { findTerms, type TermMatch } from './match-vocabulary';
export { prefillShot, prefillShots, type PrefillContext } from './prefill';
export * from './prompt-targets';
export { composeParagraph } from './paragraph';
export * from './prompt-compiler';
export * from './templates';
export * from './variants';
