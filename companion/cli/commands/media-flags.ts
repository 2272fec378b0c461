// Output options shared by every command that writes clips.
import { Option, type Command } from 'commander';
import type { FitMode, RateMode } from '../../media/conform-plan';
import { encoders } from '../../media/encoders';

export interface MediaFlags {
  codec: string;
  fit: FitMode;
  rateMode: RateMode;
  burnInLabel: boolean;
}

/** `codec: false` for a cluster worker: the coordinator names the codec in each job (it chose the file name). */
export function mediaOptions(command: Command, { codec = true } = {}): Command {
  if (codec)
    command.addOption(
      new Option('--codec <codec>', 'output codec').choices(Object.keys(encoders)).default('h264'),
    );
  return command
    .addOption(
      new Option('--fit <mode>', 'size conform when the model size differs')
        .choices(['fit', 'fill', 'stretch'])
        .default('fit'),
    )
    .addOption(
      new Option('--rate-mode <mode>', 'frame-rate conform: duplicate frames or blend them')
        .choices(['duplicate', 'blend'])
        .default('duplicate'),
    )
    .option(
      '--no-burn-in-label',
      'do not burn "AI DRAFT" into clips of model backends (the slate always shows it)',
    );
}
