// `shotline shots FILE`: the candidate shots of a screenplay, as a reader or as JSON.
import type { Command } from 'commander';
import type { WireError } from '../../../shared/protocol';
import type { ScriptShots } from '../script-shots';
import { addRewriteFlags, rewriteEndpoint, type RewriteFlags } from './rewrite-flags';

/** A model's rewrite, beside (never instead of) the rule-based prompts. */
type Rewrite = { prompt: string } | { error: WireError };

async function rewriteAll(read: ScriptShots, flags: RewriteFlags): Promise<(Rewrite | undefined)[]> {
  const endpoint = rewriteEndpoint(flags);
  if (!endpoint) return read.shots.map(() => undefined);
  // Only a rewrite needs the HTTP client and the wire errors.
  const [{ toWireError }, { rewriteShot }] = await Promise.all([
    import('../../../shared/protocol'),
    import('../../rewrite/rewrite-shot'),
  ]);
  const results: Rewrite[] = [];
  // One at a time: a studio's shared model server should not get a whole script at once.
  for (const shot of read.shots) {
    const input = {
      ...shot,
      shot: shot.candidate,
      prompt: shot.prompts[0]!.prompt,
      bible: read.bible,
      language: read.language,
    };
    try {
      results.push({ prompt: await rewriteShot(endpoint, input) });
    } catch (err) {
      results.push({ error: toWireError(err, 'the rewrite') });
    }
  }
  return results;
}

export function registerShots(program: Command): void {
  const command = program
    .command('shots')
    .description('print the candidate shots of a screenplay (.fountain, .fdx or plain text)')
    .argument('<file>', 'screenplay file')
    .option('--json', 'print JSON (the character bible, each shot with its fields and prompts)', false)
    .option(
      '--style <text>',
      'the project\'s default style, added to every prompt (e.g. "cinematic lighting")',
    );
  addRewriteFlags(command).action(
    async (file: string, flags: { json: boolean; style?: string } & RewriteFlags) => {
      const { describeNoActionLines } = await import('../../../shared/screenplay');
      const { readScriptShots, reportScriptNotices } = await import('../script-shots');
      const read = readScriptShots(file, {
        ...(flags.style && { defaultStyle: flags.style }),
      });
      const { script, language, bible } = read;
      reportScriptNotices(script, (line) => process.stderr.write(line + '\n'));
      const rewrites = await rewriteAll(read, flags);
      const shots = read.shots.map((shot, i) => (rewrites[i] ? { ...shot, rewrite: rewrites[i] } : shot));
      // Not an error: the file was read, it just holds no action a camera would film.
      if (!shots.some((shot) => shot.candidate.kind === 'action'))
        process.stderr.write(describeNoActionLines(script, shots.length) + '\n');
      if (flags.json) {
        process.stdout.write(JSON.stringify({ language, bible, shots }, null, 2) + '\n');
        return;
      }
      const out: string[] = [];
      for (const character of bible.characters) out.push(`${character.name}: ${character.description}`);
      if (bible.characters.length > 0) out.push('');
      for (const { candidate, description, prompts } of shots) {
        out.push(
          `${candidate.id}  (lines ${candidate.line}-${candidate.endLine})  ${candidate.scene?.heading ?? '(no scene)'}`,
        );
        out.push(`  line:   ${candidate.text.replace(/\s+/g, ' ')}`);
        const fields = [
          ['subject', [description.subject.who, description.subject.wardrobe].filter(Boolean).join(', ')],
          ['environment', description.environment],
          ['time', [description.timeOfDay, description.weather].filter(Boolean).join(', ')],
          ['camera', Object.values(description.camera).filter(Boolean).join(', ')],
          ['style', description.style],
        ].filter(([, v]) => v);
        for (const [name, value] of fields) out.push(`  ${name!.padEnd(12)}${value}`);
        for (const p of prompts) {
          out.push(`  prompt[${p.target}]: ${p.prompt}`);
          for (const w of p.warnings) out.push(`  warning[${p.target}]: ${w.message}`);
        }
        const rewrite = rewrites[shots.findIndex((shot) => shot.candidate === candidate)];
        if (rewrite && 'prompt' in rewrite) out.push(`  rewrite (not applied): ${rewrite.prompt}`);
        if (rewrite && 'error' in rewrite)
          out.push(`  rewrite failed [${rewrite.error.code}]: ${rewrite.error.message}`);
        out.push('');
      }
      process.stdout.write(out.join('\n'));
    },
  );
}
