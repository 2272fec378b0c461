// Reads a screenplay file into candidate shots with their structured fields and compiled prompts.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseScript, type CandidateShot } from '../../shared/screenplay';
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
  const script = parseScript(text, { fileName: basename(file) });
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
  return { language, bible, shots };
}

export function promptFor(shot: ScriptShot, target: string): CompiledPrompt {
  return shot.prompts.find((p) => p.target === target) ?? shot.prompts[0]!;
}
