// Generated sound from wan2.6 kept through conform at the clip's exact length; silent models stay silent.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Companion } from '../../../companion/companion';
import { locateTool } from '../../../companion/media/tool-locator';
import { testShot } from '../../support/backend-context';
import { FakeDashScope } from '../../support/fake-dashscope';
import { probeClip } from '../../support/ffprobe';
import { settled } from '../../support/remote-harness';

const KEY = 'sk-test-audio-5d3b1f';

/** Seconds of the clip's first audio stream, or undefined when it has none. */
function audioSeconds(path: string): number | undefined {
  const out = execFileSync(
    locateTool('ffprobe'),
    ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=duration', '-of', 'json', path],
    { encoding: 'utf8' },
  );
  const stream = (JSON.parse(out) as { streams: { duration?: string }[] }).streams[0];
  return stream ? Number(stream.duration) : undefined;
}

describe('dashscope generated audio through conform', () => {
  let dir: string;
  let fake: FakeDashScope;
  const companions: Companion[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-dsa-'));
    // What wan2.6 delivers: 24 fps H.264 with an AAC soundtrack, longer than the shot.
    execFileSync(locateTool('ffmpeg'), [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=24'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
      ...['-t', '3', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
      join(dir, 'with-sound.mp4'),
    ]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    fake = await FakeDashScope.start(KEY, join(dir, 'with-sound.mp4'));
  });
  afterEach(async () => {
    for (const c of companions.splice(0)) await c.close();
    await fake.stop();
  });

  async function generate(model: string, audio?: boolean) {
    const c = new Companion({
      outputDir: join(dir, 'out'),
      backends: ['dashscope'],
      backendSettings: {
        dashscope: {
          baseUrl: fake.url,
          apiKey: KEY,
          model,
          pollIntervalMs: 5,
          ...(audio !== undefined && { audio }),
        },
      },
    });
    companions.push(c);
    const shot = testShot({
      duration: { seconds: 2 },
      fps: { num: 25, den: 1 },
      size: { width: 1280, height: 720 },
    });
    const [job] = c.submit([shot], { ownerId: 'test' });
    const done = await settled(c, job!.jobId);
    expect(done.error).toBeUndefined();
    return done.output!;
  }

  test('wan2.6-t2v: the soundtrack is kept, cut to the 2 s shot with its 50 frames', async () => {
    const output = await generate('wan2.6-t2v');
    expect(probeClip(output.path).frames).toBe(50);
    expect(audioSeconds(output.path)).toBeCloseTo(2, 1);
    // Marked as generated too: the sound is as much an AI draft as the picture.
    const sidecar = JSON.parse(readFileSync(output.sidecarPath, 'utf8')) as Record<string, unknown>;
    expect(sidecar).toMatchObject({ aiGenerated: true, generatedAudio: true });
  });

  test('audio turned off, or a silent model: the clip has no audio stream', async () => {
    for (const output of [await generate('wan2.6-t2v', false), await generate('wan2.2-t2v-plus')]) {
      expect(audioSeconds(output.path)).toBeUndefined();
      expect(JSON.parse(readFileSync(output.sidecarPath, 'utf8'))).not.toHaveProperty('generatedAudio');
    }
  });
});
