// Timeline export for editors without the panel: FCP 7 XML and OpenTimelineIO files beside the clips.
import { join } from 'node:path';
import type { FrameRate, FrameSize } from '../../shared/protocol';
import { writeFileAtomic } from '../media/atomic-file';
import { toXmeml } from './fcp7-xml';
import { layoutTimeline, type ExportClip } from './layout';
import { toOtio } from './otio';

export { layoutTimeline, type ExportClip, type PlacedExportClip, type TimelineLayout } from './layout';
export { toXmeml, pathUrl, xmemlRate } from './fcp7-xml';
export { toOtio } from './otio';

export interface WrittenTimeline {
  xml: string;
  otio: string;
}

/** Writes `<dir>/timeline.xml` and `<dir>/timeline.otio`; returns their paths. */
export async function writeTimelineFiles(
  dir: string,
  name: string,
  clips: readonly ExportClip[],
  fps: FrameRate,
  size: FrameSize,
): Promise<WrittenTimeline> {
  const layout = layoutTimeline(name, clips, fps, size);
  const written = { xml: join(dir, 'timeline.xml'), otio: join(dir, 'timeline.otio') };
  await writeFileAtomic(written.xml, toXmeml(layout));
  await writeFileAtomic(written.otio, toOtio(layout));
  return written;
}
