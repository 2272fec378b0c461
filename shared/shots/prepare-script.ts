// A parsed script to everything a shot list needs: the character bible (with the user's edits), the
// candidate shots and their prefilled fields, in one pass that the CLI, the panel and the bench share.
import {
  collectCharacters,
  extractCandidateShots,
  type CandidateShot,
  type ParsedScript,
} from '../screenplay';
import { buildCharacterBible, mergeBible, type CharacterBible } from './bible';
import type { ShotDescription } from './description';
import type { PromptLanguage } from './language';
import { prefillShots, scriptLanguage } from './prefill';

export interface PreparedScript {
  language: PromptLanguage;
  bible: CharacterBible;
  candidates: CandidateShot[];
  descriptions: ShotDescription[];
}

export function prepareScript(script: ParsedScript, editedBible?: CharacterBible | null): PreparedScript {
  const characters = collectCharacters(script.elements);
  const candidates = extractCandidateShots(script, characters);
  const language = scriptLanguage(candidates);
  const bible = mergeBible(buildCharacterBible(characters, language), editedBible);
  // A plain-text list is one independent line per shot: each is worded in its own language.
  const perShot = script.format === 'text' ? 'per-shot' : language;
  return {
    language,
    bible,
    candidates,
    descriptions: prefillShots(candidates, { bible, language: perShot }),
  };
}
