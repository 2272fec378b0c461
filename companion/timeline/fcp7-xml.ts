// FCP 7 XML (xmeml v4), the interchange Premiere, Resolve and Final Cut (via converters) all import.
import { pathToFileURL } from 'node:url';
import type { FrameRate } from '../../shared/protocol';
import type { PlacedExportClip, TimelineLayout } from './layout';

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** xmeml writes NTSC rates as the rounded timebase plus an ntsc flag; times are whole frames at that rate. */
export function xmemlRate(fps: FrameRate): { timebase: number; ntsc: boolean } {
  const ntsc = fps.den === 1001;
  const timebase = ntsc ? fps.num / 1000 : fps.num / fps.den;
  if (!Number.isInteger(timebase)) throw new Error(`xmeml cannot express ${fps.num}/${fps.den} fps exactly`);
  return { timebase, ntsc };
}

/** file://localhost/… as FCP 7 and Premiere write it (absolute path, percent-encoded). */
export function pathUrl(path: string): string {
  const url = pathToFileURL(path).href; // file:///abs/path, or file:///C:/… on Windows
  return url.replace(/^file:\/\//, 'file://localhost');
}

const tag = (name: string, body: string | number) =>
  `<${name}>${typeof body === 'number' ? body : escape(body)}</${name}>`;

function rateXml(fps: FrameRate): string {
  const { timebase, ntsc } = xmemlRate(fps);
  return `<rate>${tag('timebase', timebase)}${tag('ntsc', ntsc ? 'TRUE' : 'FALSE')}</rate>`;
}

function clipXml(clip: PlacedExportClip, layout: TimelineLayout, index: number): string {
  const size = `<samplecharacteristics>${tag('width', layout.size.width)}${tag('height', layout.size.height)}</samplecharacteristics>`;
  return [
    `<clipitem id="clipitem-${index}">`,
    tag('name', clip.name),
    tag('enabled', 'TRUE'),
    tag('duration', clip.frames),
    rateXml(layout.fps),
    tag('start', clip.start),
    tag('end', clip.start + clip.frames),
    tag('in', 0),
    tag('out', clip.frames),
    `<file id="file-${index}">`,
    tag('name', clip.path.split(/[\\/]/).pop() ?? clip.path),
    tag('pathurl', pathUrl(clip.path)),
    rateXml(layout.fps),
    tag('duration', clip.frames),
    `<media><video>${size}</video></media>`,
    '</file>',
    // Editors see these as the clip's comment columns: the shot id and the prompt that made it.
    `<comments>${tag('mastercomment1', `Shotline shot ${clip.shotId} take ${clip.take}`)}${tag('mastercomment2', clip.prompt)}${tag('mastercomment3', 'AI draft')}</comments>`,
    `<labels>${tag('label2', 'Mango')}</labels>`,
    '</clipitem>',
  ].join('');
}

export function toXmeml(layout: TimelineLayout): string {
  let index = 0;
  const tracks = layout.tracks
    .map((clips) => `<track>${clips.map((clip) => clipXml(clip, layout, ++index)).join('')}</track>`)
    .join('');
  const format = `<format><samplecharacteristics>${rateXml(layout.fps)}${tag('width', layout.size.width)}${tag('height', layout.size.height)}</samplecharacteristics></format>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE xmeml>',
    '<xmeml version="4">',
    `<sequence id="sequence-1">${tag('name', layout.name)}${tag('duration', layout.duration)}${rateXml(layout.fps)}`,
    `<media><video>${format}${tracks}</video></media>`,
    '</sequence>',
    '</xmeml>',
    '',
  ].join('\n');
}
