// Public API of the screenplay module: parse scripts (Fountain, plain text, Final Draft) into elements and shots.
export * from './elements';
export { parseScript, sniffScriptFormat, type ParseScriptOptions } from './parse-script';
export { parseFountain } from './fountain';
export { parsePlainText } from './plain-text';
export { parseFdx } from './fdx';
export { ScriptError, ScriptErrorCodeSchema, type ScriptErrorCode } from './script-error';
export * from './script-notices';
export { parseChineseLayout, splitCastNames } from './chinese-layout';
export * from './scene-heading';
export * from './shot-notes';
export * from './candidate-shots';
export * from './characters';
export { describeNoActionLines, summarizeNoActionLines, NO_ACTION_CODES } from './script-summary';
