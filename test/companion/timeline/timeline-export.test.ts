// Timeline export: FCP 7 XML and OTIO written by render-script --timeline, parsed back clip by clip.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { registerRenderScript } from '../../../companion/cli/commands/render-script';
import { layoutTimeline, toOtio, toXmeml, xmemlRate, type ExportClip } from '../../../companion/timeline';
import { childText, findAll, parseXml, type XmlNode } from './xml-reader';

const NTSC = { num: 24000, den: 1001 };
const SIZE = { width: 320, height: 180 };

interface ReadClip {
  name: string;
  track: number;
  start: number;
  duration: number;
  path: string;
  shotId: string;
  prompt: string;
}

function readXmeml(xml: string): { rate: { timebase: number; ntsc: boolean }; clips: ReadClip[] } {
  const doc = parseXml(xml);
  const sequence = findAll(doc, 'sequence')[0] as XmlNode;
  const rate = sequence.children.find((c) => c.name === 'rate') as XmlNode;
  const clips = findAll(sequence, 'track').flatMap((track, index) =>
    findAll(track, 'clipitem').map((item) => {
      const start = Number(childText(item, 'start'));
      const file = findAll(item, 'file')[0] as XmlNode;
      const comments = findAll(item, 'comments')[0] as XmlNode;
      return {
        name: childText(item, 'name') ?? '',
        track: index,
        start,
        duration: Number(childText(item, 'end')) - start,
        path: fileURLToPath((childText(file, 'pathurl') ?? '').replace('file://localhost', 'file://')),
        shotId: /shot (\S+)/.exec(childText(comments, 'mastercomment1') ?? '')?.[1] ?? '',
        prompt: childText(comments, 'mastercomment2') ?? '',
      };
    }),
  );
  return {
    rate: { timebase: Number(childText(rate, 'timebase')), ntsc: childText(rate, 'ntsc') === 'TRUE' },
    clips,
  };
}

interface OtioItem {
  OTIO_SCHEMA: string;
  name: string;
  source_range: { start_time: { value: number; rate: number }; duration: { value: number; rate: number } };
  media_references?: { DEFAULT_MEDIA: { target_url: string } };
  metadata: { shotline?: { shotId: string; prompt: string } };
}

function readOtio(text: string): { rates: number[]; clips: ReadClip[] } {
  const timeline = JSON.parse(text) as {
    OTIO_SCHEMA: string;
    tracks: { children: { children: OtioItem[] }[] };
  };
  expect(timeline.OTIO_SCHEMA).toBe('Timeline.1');
  const rates: number[] = [];
  const clips = timeline.tracks.children.flatMap((track, index) => {
    let cursor = 0;
    return track.children.flatMap((item) => {
      const start = cursor;
      const duration = item.source_range.duration.value;
      rates.push(item.source_range.duration.rate);
      cursor += duration;
      if (item.OTIO_SCHEMA !== 'Clip.2') return [];
      return [
        {
          name: item.name,
          track: index,
          start,
          duration,
          path: fileURLToPath(item.media_references?.DEFAULT_MEDIA.target_url ?? ''),
          shotId: item.metadata.shotline?.shotId ?? '',
          prompt: item.metadata.shotline?.prompt ?? '',
        },
      ];
    });
  });
  return { rates, clips };
}

describe('timeline layout and writers', () => {
  const clips: ExportClip[] = [
    { shotId: 'S1-01', take: 1, prompt: 'Rain & neon <night>', path: '/out/a b/S1-01_take1.mov', frames: 97 },
    { shotId: 'S1-01', take: 2, prompt: 'Rain & neon <night>', path: '/out/a b/S1-01_take2.mov', frames: 97 },
    { shotId: 'S1-02', take: 1, prompt: '雨夜，霓虹', path: '/out/a b/S1-02_take1.mov', frames: 51 },
    { shotId: 'S2-01', take: 1, prompt: 'A door opens', path: '/out/a b/S2-01_take1.mov', frames: 1 },
  ];
  const expected: ReadClip[] = [
    {
      name: 'S1-01 take 1',
      track: 0,
      start: 0,
      duration: 97,
      path: clips[0]!.path,
      shotId: 'S1-01',
      prompt: clips[0]!.prompt,
    },
    {
      name: 'S1-02 take 1',
      track: 0,
      start: 97,
      duration: 51,
      path: clips[2]!.path,
      shotId: 'S1-02',
      prompt: '雨夜，霓虹',
    },
    {
      name: 'S2-01 take 1',
      track: 0,
      start: 148,
      duration: 1,
      path: clips[3]!.path,
      shotId: 'S2-01',
      prompt: 'A door opens',
    },
    {
      name: 'S1-01 take 2',
      track: 1,
      start: 0,
      duration: 97,
      path: clips[1]!.path,
      shotId: 'S1-01',
      prompt: clips[0]!.prompt,
    },
  ];
  const layout = layoutTimeline('Night drop', clips, NTSC, SIZE);

  it('puts shots end to end in script order, takes stacked above', () => {
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

  it('writes xmeml that reads back with every clip start, duration, path, shot id and prompt', () => {
    const read = readXmeml(toXmeml(layout));
    expect(read.rate).toEqual({ timebase: 24, ntsc: true });
    expect(read.clips).toEqual(expected);
  });

  it('writes OTIO that reads back the same clips, at the exact NTSC rate', () => {
    const read = readOtio(toOtio(layout));
    expect(read.clips).toEqual(expected);
    expect(new Set(read.rates)).toEqual(new Set([24000 / 1001]));
  });

  it('expresses xmeml rates exactly or refuses', () => {
    expect(xmemlRate({ num: 30000, den: 1001 })).toEqual({ timebase: 30, ntsc: true });
    expect(xmemlRate({ num: 25, den: 1 })).toEqual({ timebase: 25, ntsc: false });
    expect(() => xmemlRate({ num: 25, den: 2 })).toThrow('cannot express 25/2 fps exactly');
  });
});

describe('render-script --timeline', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-timeline-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes timeline.xml and timeline.otio beside the clips, matching index.json', async () => {
    const script = join(dir, 'short.fountain');
    writeFileSync(
      script,
      'INT. LAB - NIGHT\n\nThe kettle boils.\n\nEXT. ROOF - DAWN\n\nA drone lifts off.\n',
    );
    const out = join(dir, 'out');
    const program = new Command().exitOverride();
    registerRenderScript(program);
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await program.parseAsync(
        [
          'render-script',
          script,
          '--out',
          out,
          '--timeline',
          '--fps',
          '23.976',
          '--size',
          '320x180',
          '--duration',
          '1.3',
        ],
        { from: 'user' },
      );
    } finally {
      write.mockRestore();
    }
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as {
      clips: { shotId: string; prompt: string; output: { path: string; frames: number } }[];
    };
    expect(index.clips).toHaveLength(2);
    let start = 0;
    const expected = index.clips.map((clip) => {
      const row = {
        start,
        duration: clip.output.frames,
        path: clip.output.path,
        shotId: clip.shotId,
        prompt: clip.prompt,
      };
      start += clip.output.frames;
      return row;
    });
    expect(expected.map((e) => e.duration)).toEqual([31, 31]); // 1.3 s at 23.976 fps
    const pick = ({ start: s, duration, path, shotId, prompt }: ReadClip) => ({
      start: s,
      duration,
      path,
      shotId,
      prompt,
    });
    expect(readXmeml(readFileSync(join(out, 'timeline.xml'), 'utf8')).clips.map(pick)).toEqual(expected);
    expect(readOtio(readFileSync(join(out, 'timeline.otio'), 'utf8')).clips.map(pick)).toEqual(expected);
  });
});
