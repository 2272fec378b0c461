// Independent check of a clip with ffprobe: decodes every frame to count them.
import { execFileSync } from 'node:child_process';
import { locateTool } from '../../companion/media/tool-locator';

export interface ClipFacts {
  codec: string;
  width: number;
  height: number;
  rate: string;
  frames: number;
}

export function probeClip(path: string): ClipFacts {
  const out = execFileSync(
    locateTool('ffprobe'),
    [
      '-v',
      'error',
      '-count_frames',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=codec_name,width,height,r_frame_rate,nb_read_frames',
      '-of',
      'json',
      path,
    ],
    { encoding: 'utf8' },
  );
  const s = JSON.parse(out).streams[0];
  return {
    codec: s.codec_name,
    width: s.width,
    height: s.height,
    rate: s.r_frame_rate,
    frames: Number(s.nb_read_frames),
  };
}
