// The `shotline` command as a user runs it: a real process, real files, one-line errors.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeClip } from '../support/ffprobe';
import { shotline } from '../support/shotline-cli';

describe('shotline CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('generate writes the clip and its sidecar', () => {
    const out = join(dir, 'clip.mp4');
    const r = shotline(
      'generate',
      '--prompt',
      '雨夜，霓虹 reflected in puddles',
      '--duration',
      '2',
      '--fps',
      '25',
      '--size',
      '480x270',
      '--seed',
      '9',
      '--out',
      out,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(probeClip(out)).toEqual({ codec: 'h264', width: 480, height: 270, rate: '25/1', frames: 50 });
    const sidecar = JSON.parse(readFileSync(join(dir, 'clip.json'), 'utf8'));
    expect(sidecar).toMatchObject({
      aiGenerated: true,
      prompt: '雨夜，霓虹 reflected in puddles',
      seed: 9,
      backend: 'slate',
    });
  });

  const notAFolder = () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    return join(file, 'clip.mp4');
  };

  test.each([
    ['size not WxH', ['--size', '1280by720'], /size "1280by720" is not WIDTHxHEIGHT/],
    ['duration zero', ['--duration', '0'], /duration "0" must be a number of seconds above 0/],
    [
      'duration above the backend maximum',
      ['--duration', '121'],
      /121\.00 s is longer than slate's maximum of 120 s/,
    ],
    ['unknown backend', ['--backend', 'sora'], /unknown backend "sora"; available: slate/],
    ['bad fps', ['--fps', 'fast'], /frame rate "fast"/],
  ])('%s exits non-zero with one line', (_name, extra, message) => {
    const r = shotline('generate', '--prompt', 'x', '--out', join(dir, 'never.mp4'), ...extra);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  test('an unwritable output path exits non-zero with one line', () => {
    const r = shotline('generate', '--prompt', 'x', '--out', notAFolder());
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^shotline: cannot write .*does not exist\.$/);
  });

  test('shots --json prints the bible, each shot with its fields, and a fluent prompt per target', () => {
    const script = join(dir, 'alley.fountain');
    writeFileSync(
      script,
      'EXT. ALLEY - NIGHT\n\nNAK (30s), grey hoodie, walks past the bins.\n\nShe stops.\n',
    );
    const r = shotline('shots', script, '--json', '--style', 'cinematic lighting');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.bible.characters).toEqual([
      expect.objectContaining({ name: 'NAK', description: 'a woman in her 30s in a grey hoodie' }),
    ]);
    expect(out.shots[0].description.subject.who).toBe('a woman in her 30s in a grey hoodie');
    expect(out.shots[0].prompts.map((p: { target: string }) => p.target)).toEqual([
      'wan',
      'comfyui',
      'dashscope',
    ]);
    expect(out.shots[0].prompts[0].prompt).toBe(
      'A woman in her 30s in a grey hoodie walks past the bins, at the alley at night. Cinematic lighting.',
    );
  });
});
