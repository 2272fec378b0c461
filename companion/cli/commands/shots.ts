// `shotline shots FILE`: the candidate shots of a screenplay, as a reader or as JSON.
import type { Command } from 'commander';
import { readScriptShots } from '../script-shots';

export function registerShots(program: Command): void {
  program
    .command('shots')
    .description('print the candidate shots of a screenplay (.fountain, .fdx or plain text)')
    .argument('<file>', 'screenplay file')
    .option('--json', 'print JSON (the character bible, each shot with its fields and prompts)', false)
    .option(
      '--style <text>',
      'the project\'s default style, added to every prompt (e.g. "cinematic lighting")',
    )
    .action((file: string, flags: { json: boolean; style?: string }) => {
      const { language, bible, shots } = readScriptShots(file, {
        ...(flags.style && { defaultStyle: flags.style }),
      });
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
        out.push('');
      }
      process.stdout.write(out.join('\n'));
    });
}
