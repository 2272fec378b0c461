// Timeline export for editors without the panel: FCP 7 XML and OpenTimelineIO files beside the clips.
import { join } from 'node:path';
import type { FrameRate, FrameSize } from '../../shared/protocol';
import type { TimecodeStyle } from '../../shared/timecode';
import { writeFileAtomic } from '../media/atomic-file';
import { toXmeml } from './fcp7-xml';
import { layoutTimeline, type ExportClip } from './layout';
import { toOtio } from './otio';

export { layoutTimeline, type ExportClip, type PlacedExportClip, type TimelineLayout } from './layout';
export { toXmeml, xmemlRate, sequenceStart, PROMPT_MARKER_NAME } from './fcp7-xml';
export { premierePathUrl, otioTargetUrl } from './path-url';
export { editorText } from './editor-text';
export { TimelineError, type TimelineErrorCode } from './timeline-error';
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
  timecode?: TimecodeStyle,
): Promise<WrittenTimeline> {
  const layout = layoutTimeline(name, clips, fps, size, timecode);
  const written = { xml: join(dir, 'timeline.xml'), otio: join(dir, 'timeline.otio') };
  // Both texts first: a format that cannot express the timeline leaves neither file half-written.
  const xml = toXmeml(layout);
  const otio = toOtio(layout);
  await writeFileAtomic(written.xml, xml);
  await writeFileAtomic(written.otio, otio);
  return written;
}
