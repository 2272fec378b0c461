// What goes into the XML as text and as pathurl: control characters, markup characters, emoji, CJK, and
// Windows paths (drive letters, UNC shares) checked as strings even on Linux.
import fc from 'fast-check';
import {
  editorText,
  layoutTimeline,
  otioTargetUrl,
  premierePathUrl,
  toOtio,
  toXmeml,
  type ExportClip,
} from '../../../companion/timeline';
import { readFcpXml, type ReadClip } from './fcp-reader';
import { parseXml } from './xml-reader';

const RATE = { num: 25, den: 1 };
const SIZE = { width: 320, height: 180 };

const clip = (prompt: string, path = '/clips/S1.mp4', shotId = 'S1-01'): ExportClip => ({
  shotId,
  take: 1,
  prompt,
  path,
  frames: 25,
  seed: 3,
});

describe('text in the timeline', () => {
  it('the strict reader refuses what XML 1.0 forbids (so the checks below can fail)', () => {
    expect(() => parseXml('<a>page\fbreak</a>')).toThrow(/disallowed character|invalid/i);
    expect(() => parseXml('<a>x</b>')).toThrow();
  });

  it('a script with page breaks, vertical tabs and escapes gives well-formed XML with the words kept apart', () => {
    const prompt = 'The kettle\fboils.\vSteam\u001b[0m rises\u0000 — 雨夜 🌧️ & <rain> "quoted" \'single\'';
    const layout = layoutTimeline('Night\fdrop', [clip(prompt, '/clips/S1.mp4', 'S1\u000b01')], RATE, SIZE);
    const xml = toXmeml(layout);
    const read = readFcpXml(xml);
    const item = read.tracks[0]![0] as ReadClip;
    const cleaned = 'The kettle boils. Steam [0m rises — 雨夜 🌧️ & <rain> "quoted" \'single\'';
    expect(read.name).toBe('Night drop');
    expect(item.name).toBe('S1 01 take 1');
    expect(item.markers[0]?.comment).toBe(cleaned);
    expect(item.logging.description).toBe(cleaned);
    expect(item.logging.lognote).toBe(`AI draft (Shotline). Prompt: ${cleaned}\nSeed: 3`);
    expect(JSON.parse(toOtio(layout)).tracks.children[0].children[0].metadata.shotline.prompt).toBe(cleaned);
  });

  it('any string at all still gives a file a strict parser opens, with every printable character kept', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        (noise, words) => {
          const xml = toXmeml(
            layoutTimeline(words + noise, [clip(noise + words, '/c/S.mp4', 'S' + noise)], RATE, SIZE),
          );
          const item = readFcpXml(xml).tracks[0]![0] as ReadClip;
          expect(item.logging.description).toBe(editorText(noise + words).trim());
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('pathurl as Premiere writes it', () => {
  test.each([
    ['/Volumes/mydisk/mymovie.mov', 'file://localhost/Volumes/mydisk/mymovie.mov'],
    ['D:\\media\\sc01_sh010_anim.mov', 'file://localhost/D%3a/media/sc01_sh010_anim.mov'],
    ['c:/Media/Night drop/S1-01 take1.mov', 'file://localhost/C%3a/Media/Night%20drop/S1-01%20take1.mov'],
    ['\\\\server\\share\\S1.mp4', 'file://server/share/S1.mp4'],
    [
      '\\\\nas01\\Previz Shots\\雨夜\\S1 #2.mov',
      'file://nas01/Previz%20Shots/%e9%9b%a8%e5%a4%9c/S1%20%232.mov',
    ],
    ['/Users/ana/素材/a&b (1).mov', 'file://localhost/Users/ana/%e7%b4%a0%e6%9d%90/a%26b%20%281%29.mov'],
  ])('%s → %s', (path, url) => {
    expect(premierePathUrl(path)).toBe(url);
  });

  test.each([
    ['D:\\media\\a b.mov', 'file:///D:/media/a%20b.mov'],
    ['\\\\server\\share\\S1.mp4', 'file://server/share/S1.mp4'],
    ['/out/a b/S1.mov', 'file:///out/a%20b/S1.mov'],
  ])('OTIO target_url of %s is %s', (path, url) => {
    expect(otioTargetUrl(path)).toBe(url);
  });

  it('a timeline of clips on drive letters and shares links every clip', () => {
    const paths = ['D:\\Previz\\S1 take1.mov', '\\\\nas01\\shots\\雨夜.mov', '/Volumes/Shots/S3.mov'];
    const shots = paths.map((path, i) => ({ ...clip('shot', path, `S${i + 1}`) }));
    const read = readFcpXml(toXmeml(layoutTimeline('Paths', shots, RATE, SIZE)));
    expect(read.tracks[0]?.map((item) => item.kind === 'clip' && [item.media, item.targetUrl])).toEqual([
      ['external', 'file://localhost/D%3a/Previz/S1%20take1.mov'],
      ['external', 'file://nas01/shots/%e9%9b%a8%e5%a4%9c.mov'],
      ['external', 'file://localhost/Volumes/Shots/S3.mov'],
    ]);
  });

  it('a name holding a line or paragraph separator (U+2028/U+2029) is still a Windows path', () => {
    expect(premierePathUrl('C:\\clips\\a\u2028b.mp4')).toBe('file://localhost/C%3a/clips/a%e2%80%a8b.mp4');
    expect(premierePathUrl('\\\\nas\\media\u2029x.mp4')).toBe('file://nas/media%e2%80%a9x.mp4');
  });

  it('refuses a relative path with a code and a sentence', () => {
    expect(() => premierePathUrl('clips/S1.mp4')).toThrow(
      expect.objectContaining({
        code: 'TIMELINE_PATH_INVALID',
        message: expect.stringMatching(/not an absolute path/),
      }),
    );
  });

  it('every Windows path becomes a URL that decodes back to its segments', () => {
    const segment = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
      // Windows file names hold no control characters and never end in a space or a dot (Windows drops them).
      // eslint-disable-next-line no-control-regex -- path segments never hold control characters
      .filter((s) => !/[\\/\u0000-\u001f]/.test(s) && !/[ .]$/.test(s));
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom('C:', 'z:'), fc.constant('\\\\fileserver')),
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        (root, segments) => {
          const url = premierePathUrl([root, ...segments].join('\\'));
          const parsed = new URL(url);
          expect(parsed.protocol).toBe('file:');
          expect(url).not.toMatch(/[\s\\]/);
          const parts = parsed.pathname.split('/').slice(1).map(decodeURIComponent);
          if (root.startsWith('\\\\')) {
            expect(parsed.host).toBe('fileserver');
            expect(parts).toEqual(segments);
          } else {
            // WHATWG URL drops "localhost" from file URLs, so check the text Premiere reads.
            expect(url.startsWith('file://localhost/')).toBe(true);
            expect(parts).toEqual([root.toUpperCase(), ...segments]);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
