// `shotline render-script FILE --out DIR`: one clip per action line of a screenplay, plus an index.
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { FrameRate, FrameSize } from '../../../shared/protocol';
import { encoders, type EncoderName } from '../../media/encoders';
import type { JobRecord } from '../../queue/job-record';
import type { WrittenTimeline } from '../../timeline';
import { safeFileStem } from '../../util/ids';
import { fpsOption, parseDurationSeconds, parsePositiveInt, parseSeed, sizeOption } from '../arguments';
import { CliError } from '../cli-error';
import { checkWritableFile } from './generate';
import { mediaOptions, type MediaFlags } from './media-flags';
import { backendOptions, backendSettingsFromFlags, type BackendFlags } from './backend-flags';
import {
  defaultJobs,
  jobsOption,
  progressOptions,
  type JobsFlags,
  type ProgressFlags,
} from './progress-flags';

interface RenderFlags extends MediaFlags, BackendFlags, ProgressFlags, JobsFlags {
  out: string;
  backend: string;
  duration: number;
  fps: FrameRate;
  size: FrameSize;
  seed: number;
  takes: number;
  timeline?: boolean;
  startTimecode: string;
}

export function registerRenderScript(program: Command): void {
  const command = mediaOptions(
    program
      .command('render-script')
      .description('render one clip per action line of a screenplay into a folder')
      .argument('<file>', 'screenplay file (.fountain, .fdx or plain text)')
      .requiredOption('--out <dir>', 'output folder (created if missing)')
      .option('--backend <name>', 'backend to generate with', 'slate')
      .option('--duration <seconds>', 'length of each clip in seconds', parseDurationSeconds, 4)
      .addOption(fpsOption('frame rate'))
      .addOption(sizeOption('frame size'))
      .option('--seed <n>', 'seed of the first shot; each shot and take counts up from it', parseSeed, 1)
      .option('--takes <n>', 'takes per shot', parsePositiveInt, 1)
      .option('--timeline', 'also write timeline.xml (FCP 7 XML) and timeline.otio, shots in script order')
      .option(
        '--start-timecode <tc>',
        "the timeline's start timecode; ';' before the frames means drop-frame (29.97/59.94), e.g. 01:00:00;00",
        '00:00:00:00',
      ),
  );
  backendOptions(progressOptions(jobsOption(command))).action(async (file: string, flags: RenderFlags) => {
    // Loaded here, not at the top: `--help` and the other commands should not pay for them.
    const { Companion } = await import('../../companion');
    const { ShotRequestSchema } = await import('../../../shared/protocol');
    const { describeNoActionLines } = await import('../../../shared/screenplay');
    const { writeFileAtomic } = await import('../../media/atomic-file');
    const { promptFor, readScriptShots, reportScriptNotices } = await import('../script-shots');
    const { writeTimelineFiles } = await import('../../timeline');
    const { timelineStyle } = await import('../timeline-flags');
    const { progressMode, progressReporters } = await import('../progress/reporters');
    const { batchSummary, watchBatch } = await import('../progress/watch-batch');
    const { script, shots } = readScriptShots(file);
    reportScriptNotices(script, (line) => process.stderr.write(line + '\n'));
    if (shots.length === 0) throw new CliError(`${file}: ${describeNoActionLines(script)}`);
    if (!shots.some((shot) => shot.candidate.kind === 'action'))
      process.stderr.write(describeNoActionLines(script, shots.length) + '\n');
    // A timeline the formats cannot express is refused before anything renders, not after.
    const timecode = flags.timeline ? timelineStyle(flags.fps, flags.startTimecode) : undefined;
    const outDir = resolve(flags.out);
    mkdirSync(outDir, { recursive: true });
    checkWritableFile(join(outDir, 'index.json'));
    const extension = encoders[flags.codec as EncoderName].extension;
    const companion = new Companion({
      outputDir: outDir,
      backends: [flags.backend],
      // Slate draws on the CPU: it may use every core. The others' limits are their own (GPU memory, API quota).
      backendSettings: { ...backendSettingsFromFlags(flags), slate: { concurrency: defaultJobs() } },
      codec: flags.codec,
      fit: flags.fit,
      rateMode: flags.rateMode,
      burnInLabel: flags.burnInLabel,
      jobs: flags.jobs,
    });
    const reporter = await progressReporters[progressMode(flags)]();
    try {
      const jobs: JobRecord[] = [];
      let seed = flags.seed;
      for (const shot of shots) {
        const compiled = promptFor(shot, 'wan');
        for (let take = 1; take <= flags.takes; take++) {
          const request = ShotRequestSchema.parse({
            shotId: shot.candidate.id,
            prompt: compiled.prompt,
            negativePrompt: compiled.negativePrompt,
            ...(shot.candidate.scene && { sceneHeading: shot.candidate.scene.heading }),
            sourceText: shot.candidate.text,
            sourceLine: shot.candidate.line,
            duration: { seconds: flags.duration },
            fps: flags.fps,
            size: flags.size,
            seed: seed++ % 2147483648,
            backend: flags.backend,
          });
          const outPath = join(outDir, `${safeFileStem(shot.candidate.id)}_take${take}${extension}`);
          const [job] = companion.submit([request], { ownerId: 'cli', outPath });
          job!.take = take;
          jobs.push(job!);
        }
      }
      const inFlight =
        flags.jobs ?? companion.registry.get(flags.backend)?.info().capabilities.concurrency ?? 1;
      const result = await watchBatch(companion, jobs, reporter, {
        backend: flags.backend,
        outDir,
        jobs: inFlight,
      });
      const index = jobs.map((job) => ({
        shotId: job.shot.shotId,
        take: job.take,
        sceneHeading: job.shot.sceneHeading,
        sourceLine: job.shot.sourceLine,
        sourceText: job.shot.sourceText,
        prompt: job.shot.prompt,
        status: job.status,
        output: job.output,
        error: job.error,
      }));
      await writeFileAtomic(
        join(outDir, 'index.json'),
        JSON.stringify({ script: resolve(file), clips: index }, null, 2) + '\n',
      );
      let timeline: WrittenTimeline | undefined;
      if (flags.timeline) {
        const done = jobs.flatMap((job) =>
          job.status === 'done' && job.output
            ? [
                {
                  shotId: job.shot.shotId,
                  take: job.take,
                  prompt: job.shot.prompt,
                  backend: job.shot.backend,
                  ...(job.shot.seed !== undefined && { seed: job.shot.seed }),
                  ...(job.shot.model !== undefined && { model: job.shot.model }),
                  path: job.output.path,
                  frames: job.output.frames,
                  ...(job.shot.sceneHeading ? { sceneHeading: job.shot.sceneHeading } : {}),
                },
              ]
            : [],
        );
        const name = basename(file).replace(/\.[^.]+$/, '');
        timeline = await writeTimelineFiles(outDir, name, done, flags.fps, flags.size, timecode);
      }
      reporter.report(batchSummary(result, outDir, timeline));
      if (result.failed.length)
        throw new CliError(`${result.failed.length} of ${jobs.length} clip(s) failed.`, 1);
    } finally {
      reporter.stop();
      await companion.close();
    }
  });
}
