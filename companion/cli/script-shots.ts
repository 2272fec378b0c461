// Reads a screenplay file into candidate shots with their structured fields and compiled prompts.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { extractCandidateShots, parseScript, type CandidateShot } from '../../shared/screenplay';
import {
  compileShotPrompt,
  prefillShots,
  PROMPT_TARGET_NAMES,
  type CompiledPrompt,
  type ShotDescription,
} from '../../shared/shots';
import { CliError } from './cli-error';

export interface ScriptShot {
  candidate: CandidateShot;
  description: ShotDescription;
  prompts: CompiledPrompt[];
}

export function readScriptShots(file: string): ScriptShot[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`,
    );
  }
  const script = parseScript(text, { fileName: basename(file) });
  const candidates = extractCandidateShots(script);
  // Prefilled together so weather and time of day carry from shot to shot within a scene.
  const descriptions = prefillShots(candidates);
  return candidates.map((candidate, i) => {
    const description = descriptions[i]!;
    return {
      candidate,
      description,
      prompts: PROMPT_TARGET_NAMES.map((target) => compileShotPrompt(description, { target })),
    };
  });
}

export function promptFor(shot: ScriptShot, target: string): CompiledPrompt {
  return shot.prompts.find((p) => p.target === target) ?? shot.prompts[0]!;
}
