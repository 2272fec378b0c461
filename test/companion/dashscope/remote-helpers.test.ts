// Shared remote helpers: jittered backoff, Retry-After, redaction, nearest allowed size.
import { backoffDelay, parseRetryAfter, sleep } from '../../../companion/backends/remote/backoff';
import { Redactor, describeUrl } from '../../../companion/backends/remote/redact';
import { nearestApiSize, regionModel } from '../../../companion/backends/dashscope/models';
import { ShotlineError } from '../../../shared/protocol';

describe('remote helpers', () => {
  test('backoff doubles up to the cap, with half of each wait jittered', () => {
    const at = (r: number) =>
      [0, 1, 2, 3, 8].map((n) => backoffDelay(n, { baseMs: 100, maxMs: 500, random: () => r }));
    expect(at(0)).toEqual([50, 100, 200, 250, 250]);
    expect(at(1)).toEqual([100, 200, 400, 500, 500]);
  });

  test('Retry-After in seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(['0.5'])).toBe(500);
    expect(
      parseRetryAfter('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT')),
    ).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  test('sleep stops with JOB_CANCELLED when the job is cancelled', async () => {
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
  });

  test('the redactor hides given secrets, bearer tokens and sk- keys', () => {
    const r = new Redactor(['my-very-secret-value', undefined]);
    expect(r.redact('got my-very-secret-value and Bearer abc.def and sk-1234567890abcdef')).toBe(
      'got [redacted] and Bearer [redacted] and [redacted]',
    );
    const err = r.error(new ShotlineError('REMOTE_AUTH_FAILED', 'key my-very-secret-value refused'));
    expect(err).toMatchObject({ code: 'REMOTE_AUTH_FAILED', message: 'key [redacted] refused' });
    expect(describeUrl('https://oss.example/v/1.mp4?Signature=abc&Expires=1')).toBe(
      'https://oss.example/v/1.mp4',
    );
  });

  test('sizes map to the nearest allowed size of the same orientation', () => {
    const plus = regionModel('beijing', 'wan2.2-t2v-plus')!.sizes;
    expect(nearestApiSize({ width: 1920, height: 1080 }, plus)).toBe('1920*1080');
    expect(nearestApiSize({ width: 1280, height: 720 }, plus)).toBe('1920*1080');
    expect(nearestApiSize({ width: 640, height: 360 }, plus)).toBe('832*480');
    expect(nearestApiSize({ width: 1080, height: 1920 }, plus)).toBe('1080*1920');
    expect(nearestApiSize({ width: 1000, height: 1000 }, plus)).toBe('1440*1440');
    expect(nearestApiSize({ width: 1440, height: 1080 }, plus)).toBe('1632*1248');
    expect(
      nearestApiSize({ width: 1280, height: 720 }, regionModel('beijing', 'wanx2.1-t2v-plus')!.sizes),
    ).toBe('1280*720');
    expect(nearestApiSize({ width: 720, height: 1280 }, ['832*480'])).toBeNull();
  });
});
