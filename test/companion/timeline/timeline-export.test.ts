// Timeline export: FCP 7 XML read back the way OpenTimelineIO's FCP XML adapter reads it, and the OTIO JSON.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  layoutTimeline,
  PROMPT_MARKER_NAME,
  toOtio,
  toXmeml,
  xmemlRate,
  type ExportClip,
} from '../../../companion/timeline';
import { fixturePath } from '../../support/fixtures';
import { readFcpXml, type ReadClip } from './fcp-reader';
import { readOtio } from './otio-reader';
import { child, findAll, parseXml } from './xml-reader';

const NTSC = { num: 24000, den: 1001 };
const SIZE = { width: 320, height: 180 };

const clips: ExportClip[] = [
  {
    shotId: 'S1-01',
    take: 1,
    prompt: 'Rain & neon <night>',
    path: '/out/a b/S1-01_take1.mov',
    frames: 97,
    seed: 7,
  },
  {
    shotId: 'S1-01',
    take: 2,
    prompt: 'Rain & neon <night>',
    path: '/out/a b/S1-01_take2.mov',
    frames: 97,
    seed: 8,
  },
  { shotId: 'S1-02', take: 1, prompt: '雨夜，霓虹', path: '/out/a b/S1-02_take1.mov', frames: 51, seed: 9 },
  { shotId: 'S2-01', take: 1, prompt: 'A door opens', path: '/out/a b/S2-01_take1.mov', frames: 1 },
];

const clipRows = (tracks: ReturnType<typeof readFcpXml>['tracks']) =>
  tracks.flatMap((items, track) =>
    items.flatMap((item) =>
      item.kind === 'clip' && item.media === 'external'
        ? [
            {
              track,
              name: item.name,
              start: item.start,
              duration: item.duration,
              path: fileURLToPath(item.targetUrl.replace('file://localhost/', 'file:///')),
            },
          ]
        : [],
    ),
  );

describe('timeline layout', () => {
  it('puts shots end to end in script order, take n on track n', () => {
    const layout = layoutTimeline('Night drop', clips, NTSC, SIZE);
    expect(layout.duration).toBe(149);
    expect(layout.tracks.map((t) => t.map((c) => [c.name, c.start]))).toEqual([
      [
        ['S1-01 take 1', 0],
        ['S1-02 take 1', 97],
        ['S2-01 take 1', 148],
      ],
      [['S1-01 take 2', 0]],
    ]);
  });

  it('keeps a take on its own track when an earlier take of the shot failed', () => {
    const survivors = clips.filter((c) => !(c.shotId === 'S1-01' && c.take === 1));
    const layout = layoutTimeline('Night drop', survivors, NTSC, SIZE);
    const read = readFcpXml(toXmeml(layout));
    expect(read.tracks).toHaveLength(2);
    const take2 = clipRows(read.tracks).find((c) => c.name === 'S1-01 take 2');
    expect(take2).toMatchObject({ track: 1, start: 0 });
    expect(
      readOtio(toOtio(layout))
        .tracks[1]?.filter((i) => i.kind === 'clip')
        .map((c) => c.name),
    ).toEqual(['S1-01 take 2']);
  });
});

describe('FCP 7 XML read as OpenTimelineIO reads it', () => {
  const layout = layoutTimeline('Night drop', clips, NTSC, SIZE);
  const xml = toXmeml(layout);
  const read = readFcpXml(xml);

  it('links every clip at its start and length', () => {
    expect(
      read.tracks.flat().filter((i) => i.kind !== 'gap' && !(i.kind === 'clip' && i.media === 'external')),
    ).toEqual([]);
    expect(read.rate).toEqual({ timebase: 24, ntsc: true });
    expect(clipRows(read.tracks)).toEqual([
      { track: 0, name: 'S1-01 take 1', start: 0, duration: 97, path: clips[0]!.path },
      { track: 0, name: 'S1-02 take 1', start: 97, duration: 51, path: clips[2]!.path },
      { track: 0, name: 'S2-01 take 1', start: 148, duration: 1, path: clips[3]!.path },
      { track: 1, name: 'S1-01 take 2', start: 0, duration: 97, path: clips[1]!.path },
    ]);
  });

  it('carries prompt, seed and the AI-draft notice as a clip marker, description and log note', () => {
    const first = read.tracks[0]![0] as ReadClip;
    expect(first.markers).toEqual([
      { name: PROMPT_MARKER_NAME, comment: 'Rain & neon <night>', in: 0, duration: 97 },
    ]);
    expect(first.logging.description).toBe('Rain & neon <night>');
    expect(first.logging.shottake).toBe('1');
    expect(first.logging.lognote).toBe('AI draft (Shotline). Prompt: Rain & neon <night>\nSeed: 7');
    expect(first.comments.mastercomment1).toBe('Shotline shot S1-01 take 1');
  });

  it('writes timecode, pixel aspect and field dominance wherever Premiere does', () => {
    const premiere = parseXml(readFileSync(fixturePath('otio/premiere_example.xml'), 'utf8'));
    const ours = parseXml(xml);
    const shape = (doc: ReturnType<typeof parseXml>) => {
      const file = findAll(doc, 'file').find((f) => f.children.length > 0)!;
      const names = (n: ReturnType<typeof child>) => (n?.children ?? []).map((c) => c.name);
      const video = child(child(file, 'media'), 'video');
      return {
        file: names(file).filter((n) => n !== 'media'),
        timecode: names(child(file, 'timecode')),
        media: names(child(video, 'samplecharacteristics')),
        format: names(child(findAll(doc, 'format')[0], 'samplecharacteristics')).filter(
          (n) => n !== 'codec' && n !== 'colordepth',
        ),
        sequence: names(child(findAll(doc, 'sequence')[0], 'timecode')),
        logging: names(findAll(doc, 'logginginfo')[0]),
      };
    };
    expect(shape(ours)).toEqual(shape(premiere));
    const fileTc = (read.tracks[0]![0] as ReadClip).mediaStart;
    expect(fileTc).toBe(0);
    expect(read.globalStart).toEqual({ frame: 0, string: '00:00:00:00', displayformat: 'NDF' });
  });

  it('reads Premiere’s own export with the same reader', () => {
    const premiere = readFcpXml(readFileSync(fixturePath('otio/premiere_example.xml'), 'utf8'));
    const first = premiere.tracks[0]!.find((i) => i.kind === 'clip') as ReadClip;
    expect(first).toMatchObject({ name: 'sc01_sh010_anim.mov', start: 536, duration: 100 });
    expect(first.targetUrl).toBe('file://localhost/D%3a/media/sc01_sh010_anim.mov');
    expect(premiere.tracks[0]![0]).toEqual({ kind: 'gap', duration: 536 });
  });

  it('writes the sequence start timecode in drop-frame the way Premiere counts it', () => {
    const df = { num: 30000, den: 1001 };
    const started = layoutTimeline('Broadcast', clips, df, SIZE, { startFrame: 107892, dropFrame: true });
    const back = readFcpXml(toXmeml(started));
    expect(back.globalStart).toEqual({ frame: 107892, string: '01:00:00;00', displayformat: 'DF' });
    expect(back.rate).toEqual({ timebase: 30, ntsc: true });
    const otio = readOtio(toOtio(started));
    expect(otio.globalStart).toEqual({ value: 107892, rate: 30000 / 1001 });
  });

  it('links a clip that has its own timecode track by that timecode, as Resolve does', () => {
    const own = layoutTimeline(
      'Own TC',
      [{ ...clips[3]!, timecodeFrame: 86_400 }],
      { num: 24, den: 1 },
      SIZE,
    );
    const xmlDoc = parseXml(toXmeml(own));
    const fileTc = child(findAll(xmlDoc, 'file')[0], 'timecode');
    expect(child(fileTc, 'string')?.text).toBe('01:00:00:00');
    const item = readFcpXml(toXmeml(own)).tracks[0]![0] as ReadClip;
    expect([item.mediaStart, item.sourceStart, item.start]).toEqual([86_400, 86_400, 0]);
    const otioItem = readOtio(toOtio(own)).tracks[0]![0]!;
    expect(otioItem.kind === 'clip' && otioItem.sourceStart).toBe(86_400);
  });

  it('expresses rates exactly, or refuses with a code and a sentence', () => {
    expect(xmemlRate({ num: 30000, den: 1001 })).toEqual({ timebase: 30, ntsc: true });
    expect(xmemlRate({ num: 25, den: 1 })).toEqual({ timebase: 25, ntsc: false });
    expect(() => xmemlRate({ num: 25, den: 2 })).toThrow(
      expect.objectContaining({
        code: 'TIMELINE_RATE_UNSUPPORTED',
        message: expect.stringMatching(/25\/2 fps cannot be written/),
      }),
    );
  });
});

describe('OTIO', () => {
  it('reads back the same clips, at the exact NTSC rate, with the prompt marker', () => {
    const layout = layoutTimeline('Night drop', clips, NTSC, SIZE);
    const otio = readOtio(toOtio(layout));
    const rows = otio.tracks.flatMap((items, track) =>
      items.flatMap((i) =>
        i.kind === 'clip'
          ? [{ track, name: i.name, start: i.start, duration: i.duration, path: fileURLToPath(i.targetUrl) }]
          : [],
      ),
    );
    expect(rows).toEqual(clipRows(readFcpXml(toXmeml(layout)).tracks));
    expect(new Set(otio.rates)).toEqual(new Set([24000 / 1001]));
    const first = otio.tracks[0]![0]!;
    expect(first.kind === 'clip' && first.markers).toEqual([
      { name: PROMPT_MARKER_NAME, comment: 'Rain & neon <night>', start: 0, duration: 97 },
    ]);
  });
});
