// Conditioned shots in a studio cluster: the coordinator reads the frames, its workers get them as bytes.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { sha256File } from '../../companion/media/file-hash';
import { locateTool } from '../../companion/media/tool-locator';
import { ClusterHarness, tinyShot } from '../support/cluster-harness';

const W = 160;
const H = 90;

/** Mean green minus mean red of a clip's frame n, below the slate's label band (the top 40 rows). */
function greenness(path: string, n: number): number {
  const rgb = execFileSync(locateTool('ffmpeg'), [
    ...['-v', 'error', '-i', path, '-vf', `select=eq(n\\,${n})`, '-frames:v', '1'],
    ...['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
  ]);
  let diff = 0;
  for (let i = 40 * W * 3; i < rgb.length; i += 3) diff += rgb[i + 1]! - rgb[i]!;
  return diff / ((rgb.length - 40 * W * 3) / 3);
}

describe('conditioned shots on cluster workers', () => {
  let cluster: ClusterHarness;
  let media: string;

  beforeEach(async () => {
    cluster = await ClusterHarness.start();
    media = join(cluster.dataDir, 'media');
    mkdirSync(media, { recursive: true });
    const green = sharp({
      create: { width: 320, height: 180, channels: 3, background: { r: 20, g: 200, b: 40 } },
    }).png();
    // One inside the media folder, one beside it (outside every root).
    await green.clone().toFile(join(media, 'green.png'));
    await green.clone().toFile(join(cluster.dataDir, 'green.png'));
  });
  afterEach(() => cluster.stop());

  const shot = (path: string) =>
    tinyShot('G1', {
      duration: { frames: 12 },
      size: { width: W, height: H },
      conditioning: { mode: 'i2v', action: 'storyboard', startImage: { kind: 'still', path } },
    });

  test('a worker without media folders runs the shot on the frame its coordinator kept', async () => {
    await cluster.startCoordinator(['--media-root', media]);
    await cluster.startWorker(['--backend', 'slate']);
    const panel = await cluster.connect('session-images');
    panel.send({ type: 'generate', id: 'g', shots: [shot(join(media, 'green.png'))] });
    const { jobs } = await panel.waitFor('accepted');
    const done = await panel.waitFor('job.done', (m) => m.jobId === jobs[0]!.jobId, 60_000);
    const kept = join(cluster.dataDir, 'conditioning', jobs[0]!.jobId, 'start.png');
    expect(done.provenance.conditioning?.startImage.sha256).toBe(await sha256File(kept));
    expect(done.provenance.conditioning?.used).toBe('i2v');
    // The slate's first frame is the start image: green, where the slate itself is grey.
    expect(greenness(done.output.path, 0)).toBeGreaterThan(100);
    expect(greenness(done.output.path, 11)).toBeLessThan(30);
  }, 90_000);

  test('an image outside the coordinator’s media folders fails with its own code; nothing is queued', async () => {
    await cluster.startCoordinator(['--media-root', media]);
    await cluster.startWorker(['--backend', 'slate']);
    const panel = await cluster.connect('session-outside');
    panel.send({ type: 'generate', id: 'g', shots: [shot(join(cluster.dataDir, 'green.png'))] });
    const failed = await panel.waitFor('job.failed', undefined, 30_000);
    expect(failed.error.code).toBe('IMAGE_NOT_ALLOWED');
    expect(failed.error.message).toMatch(/outside the media folders/);
    expect(panel.received.some((m) => m.type === 'job.progress' && m.progress.phase !== 'queued')).toBe(
      false,
    );
  }, 60_000);
});
