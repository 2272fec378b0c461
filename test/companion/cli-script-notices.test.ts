// `shotline shots` and `render-script` on Final Draft files that hold no shots or hide some paragraphs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '../support/fixtures';
import { shotline } from '../support/shotline-cli';

const NO_ACTION =
  'The script has no action lines to make shots from: it has 1 scene heading and 2 dialogue blocks; 1 coverage shot of the dialogue-only scenes instead.\n';

describe('shotline on Final Draft files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-fdx-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('shots: a script with no action says so, with what it did read, and exits 0', () => {
    const r = shotline('shots', fixturePath('fdx/minimal/no-action.fdx'));
    expect(r).toMatchObject({ code: 0, stderr: NO_ACTION });
    expect(r.stdout).toContain('S1-01');
  });

  test('shots --json: still JSON on stdout, the sentence on stderr', () => {
    const r = shotline('shots', '--json', fixturePath('fdx/minimal/no-action.fdx'));
    expect(r).toMatchObject({ code: 0, stderr: NO_ACTION });
    const json = JSON.parse(r.stdout) as { shots: { candidate: { kind: string } }[] };
    expect(json.shots.map((shot) => shot.candidate.kind)).toEqual(['coverage']);
  });

  test('render-script: a script with nothing to film is an error that says what it read', () => {
    const file = join(dir, 'heading-only.fdx');
    writeFileSync(
      file,
      '<?xml version="1.0" encoding="UTF-8"?>\n<FinalDraft DocumentType="Script" Version="5"><Content>' +
        '<Paragraph Type="Scene Heading"><Text>INT. EMPTY ROOM - DAY</Text></Paragraph></Content></FinalDraft>\n',
    );
    const r = shotline('render-script', file, '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${file}: The script has no action lines to make shots from: it has 1 scene heading and 0 dialogue blocks.`,
    );
  });

  test('paragraphs left out or read as another type are reported once per type on stderr', () => {
    const r = shotline('shots', fixturePath('fdx/minimal/custom-types.fdx'));
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((line) => line.includes('Legend'))).toEqual([
      'note: 2 paragraphs of type Legend were not read as action: Final Draft has no such type and the file does not say how it is paginated.',
    ]);
    expect(r.stdout).toContain('S1-02');
    expect(r.stdout).not.toContain('Madrid');
  });

  test('a broken file is one line naming the file and the XML problem', () => {
    const file = join(dir, 'cut-off.fdx');
    writeFileSync(file, '<FinalDraft><Content><Paragraph Type="Action"><Text>Cut');
    const r = shotline('shots', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(`^shotline: ${file}: This Final Draft file is not well-formed XML \\(1:\\d+: .+\\)\\.\\n$`),
    );
  });
});
