// Reads a screenplay file into candidate shots with their structured fields and compiled prompts.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  extractCandidateShots,
  parseScript,
  ScriptError,
  type CandidateShot,
  type ParsedScript,
} from '../../shared/screenplay';
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

export interface ScriptFileShots {
  script: ParsedScript;
  shots: ScriptShot[];
}

export function readScriptShots(file: string): ScriptFileShots {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`,
    );
  }
  const script = parseFile(file, text);
  const candidates = extractCandidateShots(script);
  // Prefilled together so weather and time of day carry from shot to shot within a scene.
  const descriptions = prefillShots(candidates);
  const shots = candidates.map((candidate, i) => {
    const description = descriptions[i]!;
    return {
      candidate,
      description,
      prompts: PROMPT_TARGET_NAMES.map((target) => compileShotPrompt(description, { target })),
    };
  });
  return { script, shots };
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
