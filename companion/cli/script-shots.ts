// Reads a screenplay file into candidate shots with their structured fields and compiled prompts.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseScript, ScriptError, type CandidateShot, type ParsedScript } from '../../shared/screenplay';
import {
  compileShotPrompt,
  prepareScript,
  PROMPT_TARGET_NAMES,
  type CharacterBible,
  type CompiledPrompt,
  type PromptLanguage,
  type ShotDescription,
} from '../../shared/shots';
import { CliError } from './cli-error';

export interface ScriptShot {
  candidate: CandidateShot;
  description: ShotDescription;
  prompts: CompiledPrompt[];
}

export interface ScriptShots {
  script: ParsedScript;
  language: PromptLanguage;
  bible: CharacterBible;
  shots: ScriptShot[];
}

export interface ScriptShotOptions {
  /** The project's house style, appended to every prompt. */
  defaultStyle?: string;
}

export function readScriptShots(file: string, options: ScriptShotOptions = {}): ScriptShots {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`,
    );
  }
  const script = parseFile(file, text);
  // Prefilled together so weather, time of day and who "he" is carry from shot to shot within a scene.
  const { language, bible, candidates, descriptions } = prepareScript(script);
  const style = options.defaultStyle ? { defaultStyle: options.defaultStyle } : {};
  const shots = candidates.map((candidate, i) => {
    const description = descriptions[i]!;
    return {
      candidate,
      description,
      prompts: PROMPT_TARGET_NAMES.map((target) => compileShotPrompt(description, { target, ...style })),
    };
  });
  return { script, language, bible, shots };
}

function parseFile(file: string, text: string): ParsedScript {
  try {
    return parseScript(text, { fileName: basename(file) });
  } catch (err) {
    if (err instanceof ScriptError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
}

/** What the reader left out of the script, one line each, so a missing shot is never a silent one. */
export function reportScriptNotices(script: ParsedScript, write: (line: string) => void): void {
  for (const notice of script.notices ?? []) write(`note: ${notice.message}`);
}

export function promptFor(shot: ScriptShot, target: string): CompiledPrompt {
  return shot.prompts.find((p) => p.target === target) ?? shot.prompts[0]!;
}
