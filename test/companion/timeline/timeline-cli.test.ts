// render-script --timeline end to end: real slate renders, files read back as OTIO's FCP XML adapter reads them.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { registerRenderScript } from '../../../companion/cli/commands/render-script';
import { readFcpXml, type ReadClip } from './fcp-reader';
import { readOtio } from './otio-reader';

async function renderScript(args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  registerRenderScript(program);
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['render-script', ...args], { from: 'user' });
  } finally {
    write.mockRestore();
  }
}

describe('render-script --timeline', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-timeline-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes timeline.xml and timeline.otio matching index.json, from a script with a page break, at 01:00:00;00 DF', async () => {
    const script = join(dir, 'short.txt');
    // A plain-text export: a form feed between pages, a vertical tab and an escape inside the action.
    writeFileSync(
      script,
      'INT. LAB - NIGHT\n\nThe kettle\vboils & <hisses>.\n\f\nEXT. ROOF - DAWN\n\nA drone\u001b lifts off 🚁.\n',
    );
    const out = join(dir, 'out');
    await renderScript([
      script,
      '--out',
      out,
      '--timeline',
      '--fps',
      '29.97',
      '--size',
      '320x180',
      '--duration',
      '1.3',
      '--start-timecode',
      '01:00:00;00',
    ]);
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as {
      clips: { shotId: string; prompt: string; output: { path: string; frames: number } }[];
    };
    expect(index.clips).toHaveLength(2);
    expect(index.clips.map((c) => c.output.frames)).toEqual([39, 39]); // 1.3 s at 29.97 fps
    const xml = readFcpXml(readFileSync(join(out, 'timeline.xml'), 'utf8'));
    expect(xml.rate).toEqual({ timebase: 30, ntsc: true });
    expect(xml.globalStart).toEqual({ frame: 107892, string: '01:00:00;00', displayformat: 'DF' });
    const items = xml.tracks[0] as ReadClip[];
    expect(
      items.map((c) => [
        c.kind,
        c.media,
        c.start,
        c.duration,
        fileURLToPath(c.targetUrl.replace('file://localhost/', 'file:///')),
      ]),
    ).toEqual([
      ['clip', 'external', 0, 39, index.clips[0]!.output.path],
      ['clip', 'external', 39, 39, index.clips[1]!.output.path],
    ]);
    for (const item of items) {
      expect(item.markers[0]?.comment).toMatch(/\S/);
      // eslint-disable-next-line no-control-regex -- finding control characters is the point here
      expect(item.markers[0]?.comment).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
      expect(item.logging.lognote).toMatch(
        /^AI draft \(Shotline\)\. Prompt: .*\nSeed: \d+\nBackend: slate$/s,
      );
    }
    const otio = readOtio(readFileSync(join(out, 'timeline.otio'), 'utf8'));
    expect(otio.globalStart).toEqual({ value: 107892, rate: 30000 / 1001 });
    expect(otio.tracks[0]?.map((c) => c.kind === 'clip' && fileURLToPath(c.targetUrl))).toEqual(
      index.clips.map((c) => c.output.path),
    );
  });

  it('refuses a rate FCP 7 XML cannot express before rendering anything', async () => {
    const script = join(dir, 'odd.fountain');
    writeFileSync(script, 'INT. LAB - NIGHT\n\nThe kettle boils.\n');
    const out = join(dir, 'odd');
    await expect(
      renderScript([
        script,
        '--out',
        out,
        '--timeline',
        '--fps',
        '12.5',
        '--size',
        '320x180',
        '--duration',
        '1',
      ]),
    ).rejects.toThrow(/--timeline: FCP 7 XML counts whole frames per second .* 25\/2 fps cannot be written/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('refuses a drop-frame start at a rate without drop-frame', async () => {
    const script = join(dir, 'odd.fountain');
    await expect(
      renderScript([
        script,
        '--out',
        join(dir, 'df'),
        '--timeline',
        '--fps',
        '25',
        '--start-timecode',
        '10:00:00;00',
      ]),
    ).rejects.toThrow(/exists only at 29.97 and 59.94 fps/);
  });
});
