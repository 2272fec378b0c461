// FCP 7 XML (xmeml v4) as Premiere exports it: the interchange Premiere, Resolve and Avid (via converters) import.
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { FrameRate } from '../../shared/protocol';
import { provenanceNote } from '../../shared/shots/provenance-note';
import { formatTimecode, frameToTimecode, ticksPerFrame, type TimecodeStyle } from '../../shared/timecode';
import type { PlacedExportClip, TimelineLayout } from './layout';
import { baseName, premierePathUrl } from './path-url';
import { TimelineError } from './timeline-error';

/** The name Premiere and the panel give the prompt marker on a clip. */
export const PROMPT_MARKER_NAME = 'Shotline prompt';

/** xmeml writes NTSC rates as the rounded timebase plus an ntsc flag; times are whole frames at that rate. */
export function xmemlRate(fps: FrameRate): { timebase: number; ntsc: boolean } {
  const ntsc = fps.den === 1001 && fps.num % 1000 === 0;
  const timebase = ntsc ? fps.num / 1000 : fps.num / fps.den;
  if (!Number.isInteger(timebase)) {
    throw new TimelineError(
      'TIMELINE_RATE_UNSUPPORTED',
      `FCP 7 XML counts whole frames per second (or NTSC's 1000/1001 of them), so ${fps.num}/${fps.den} fps cannot be written; render at a whole or NTSC rate (e.g. 25 instead of 12.5), or leave out --timeline.`,
    );
  }
  return { timebase, ntsc };
}

const bool = (value: boolean) => (value ? 'TRUE' : 'FALSE');

function addRate(parent: XMLBuilder, fps: FrameRate): void {
  const { timebase, ntsc } = xmemlRate(fps);
  parent.ele('rate').ele('timebase').txt(String(timebase)).up().ele('ntsc').txt(bool(ntsc));
}

/** `<timecode>` as Premiere writes it; Resolve links clips to media by it. */
function addTimecode(
  parent: XMLBuilder,
  fps: FrameRate,
  frame: number,
  dropFrame: boolean,
  reel: boolean,
): void {
  const tc = parent.ele('timecode');
  addRate(tc, fps);
  tc.ele('string').txt(frameToTimecode(frame, fps, dropFrame));
  tc.ele('frame').txt(String(frame));
  tc.ele('displayformat').txt(dropFrame ? 'DF' : 'NDF');
  if (reel) tc.ele('reel').ele('name');
}

function addSampleCharacteristics(parent: XMLBuilder, layout: TimelineLayout): void {
  const sc = parent.ele('samplecharacteristics');
  addRate(sc, layout.fps);
  sc.ele('width').txt(String(layout.size.width));
  sc.ele('height').txt(String(layout.size.height));
  sc.ele('anamorphic').txt('FALSE');
  sc.ele('pixelaspectratio').txt('square');
  sc.ele('fielddominance').txt('none');
}

function addClip(track: XMLBuilder, clip: PlacedExportClip, layout: TimelineLayout, index: number): void {
  const tpf = ticksPerFrame(layout.fps);
  const item = track.ele('clipitem', { id: `clipitem-${index}` });
  item.ele('masterclipid').txt(`masterclip-${index}`);
  item.ele('name').txt(clip.name);
  item.ele('enabled').txt('TRUE');
  item.ele('duration').txt(String(clip.frames));
  addRate(item, layout.fps);
  item.ele('start').txt(String(clip.start));
  item.ele('end').txt(String(clip.start + clip.frames));
  item.ele('in').txt('0');
  item.ele('out').txt(String(clip.frames));
  item.ele('pproTicksIn').txt('0');
  item.ele('pproTicksOut').txt(String(BigInt(clip.frames) * tpf));
  item.ele('alphatype').txt('none');
  item.ele('pixelaspectratio').txt('square');
  item.ele('anamorphic').txt('FALSE');
  const file = item.ele('file', { id: `file-${index}` });
  file.ele('name').txt(baseName(clip.path));
  file.ele('pathurl').txt(premierePathUrl(clip.path));
  addRate(file, layout.fps);
  file.ele('duration').txt(String(clip.frames));
  addTimecode(file, layout.fps, clip.timecodeFrame ?? 0, layout.timecode.dropFrame, true);
  addSampleCharacteristics(file.ele('media').ele('video'), layout);
  // The prompt where an editor sees it: a clip marker over the whole clip, as the panel adds inside Premiere.
  const marker = item.ele('marker');
  marker.ele('comment').txt(clip.prompt);
  marker.ele('name').txt(PROMPT_MARKER_NAME);
  marker.ele('in').txt('0');
  marker.ele('out').txt(String(clip.frames));
  // Description and Log Note columns: the same text the panel writes into the clip's XMP.
  const logging = item.ele('logginginfo');
  logging.ele('description').txt(clip.prompt);
  logging.ele('scene').txt(clip.sceneHeading ?? '');
  logging.ele('shottake').txt(String(clip.take));
  logging.ele('lognote').txt(provenanceNote(clip));
  const comments = item.ele('comments');
  comments.ele('mastercomment1').txt(`Shotline shot ${clip.shotId} take ${clip.take}`);
  comments.ele('mastercomment2').txt(clip.prompt);
  comments.ele('mastercomment3').txt(clip.seed === undefined ? 'AI draft' : `AI draft, seed ${clip.seed}`);
  item.ele('labels').ele('label2').txt('Mango');
}

/** The sequence's start label, e.g. 01:00:00;00, for a reader that wants it spelled out. */
export function sequenceStart(layout: { fps: FrameRate; timecode: TimecodeStyle }): string {
  return formatTimecode(0, layout.fps, layout.timecode);
}

export function toXmeml(layout: TimelineLayout): string {
  xmemlRate(layout.fps);
  const doc = create({
    version: '1.0',
    encoding: 'UTF-8',
    // The layout already cleaned every text; this is the safety net, never a crash or a broken file.
    invalidCharReplacement: ' ',
  }).dtd({ name: 'xmeml' });
  const sequence = doc.ele('xmeml', { version: '4' }).ele('sequence', { id: 'sequence-1' });
  sequence.ele('duration').txt(String(layout.duration));
  addRate(sequence, layout.fps);
  sequence.ele('name').txt(layout.name);
  const video = sequence.ele('media').ele('video');
  addSampleCharacteristics(video.ele('format'), layout);
  let index = 0;
  for (const clips of layout.tracks) {
    const track = video.ele('track');
    for (const clip of clips) addClip(track, clip, layout, ++index);
    track.ele('enabled').txt('TRUE');
    track.ele('locked').txt('FALSE');
  }
  addTimecode(sequence, layout.fps, layout.timecode.startFrame, layout.timecode.dropFrame, false);
  return doc.end({ prettyPrint: true, wellFormed: true }) + '\n';
}
