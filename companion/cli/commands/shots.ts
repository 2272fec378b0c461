// `shotline shots FILE`: the candidate shots of a screenplay, as a reader or as JSON.
import type { Command } from 'commander';

export function registerShots(program: Command): void {
  program
    .command('shots')
    .description('print the candidate shots of a screenplay (.fountain, .fdx or plain text)')
    .argument('<file>', 'screenplay file')
    .option('--json', 'print JSON instead of text', false)
    .action(async (file: string, flags: { json: boolean }) => {
      const { describeNoActionLines } = await import('../../../shared/screenplay');
      const { readScriptShots, reportScriptNotices } = await import('../script-shots');
      const { script, shots } = readScriptShots(file);
      reportScriptNotices(script, (line) => process.stderr.write(line + '\n'));
      if (flags.json) {
        if (shots.length === 0) process.stderr.write(describeNoActionLines(script) + '\n');
        process.stdout.write(JSON.stringify(shots, null, 2) + '\n');
        return;
      }
      if (shots.length === 0) {
        // Not an error: the file was read, it just holds nothing a camera would film.
        process.stdout.write(describeNoActionLines(script) + '\n');
        return;
      }
      const out: string[] = [];
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
