// Streams a finished remote clip into the job's work folder, checking its size so a cut-off file never passes.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { request } from 'undici';
import { ShotlineError } from '../../../shared/protocol';
import { networkError, type RemoteEndpoint } from './http';
import { describeUrl } from './redact';

export interface DownloadOptions {
  headers?: Record<string, string>;
  signal: AbortSignal;
  /** Refuse anything larger: a 5 s clip is tens of MB, never gigabytes. */
  maxBytes: number;
  onBytes?: (received: number, expected: number | undefined) => void;
}

export async function downloadToFile(
  endpoint: RemoteEndpoint,
  url: string,
  path: string,
  options: DownloadOptions,
): Promise<number> {
  const where = describeUrl(url);
  const fail = (why: string) =>
    new ShotlineError(
      'DOWNLOAD_FAILED',
      endpoint.redactor.redact(`Downloading the clip from ${where} failed: ${why}.`),
      { params: { where, why: endpoint.redactor.redact(why), case: 'download' } },
    );
  let received = 0;
  try {
    const res = await request(url, {
      method: 'GET',
      headers: options.headers,
      signal: options.signal,
      dispatcher: endpoint.dispatcher,
      headersTimeout: endpoint.timeoutMs,
      bodyTimeout: endpoint.timeoutMs,
    });
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw fail(
        res.statusCode === 403 || res.statusCode === 404
          ? `HTTP ${res.statusCode} (the link may have expired)`
          : `HTTP ${res.statusCode}`,
      );
    }
    const lengthHeader = res.headers['content-length'];
    const expected = typeof lengthHeader === 'string' ? Number(lengthHeader) : undefined;
    if (expected !== undefined && expected > options.maxBytes) {
      await res.body.dump();
      throw fail(`the file is ${expected} bytes, more than the ${options.maxBytes} allowed`);
    }
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        received += chunk.length;
        if (received > options.maxBytes) {
          done(fail(`more than ${options.maxBytes} bytes arrived`));
          return;
        }
        options.onBytes?.(received, expected);
        done(null, chunk);
      },
    });
    await pipeline(res.body, counter, createWriteStream(path));
    if (expected !== undefined && received !== expected) {
      throw fail(`only ${received} of ${expected} bytes arrived`);
    }
    if (received === 0) throw fail('the file is empty');
    return received;
  } catch (err) {
    await rm(path, { force: true });
    if (options.signal.aborted) throw networkError(err, endpoint, url, options.signal);
    if (err instanceof ShotlineError && err.code === 'DOWNLOAD_FAILED') throw err;
    const cause = networkError(err, endpoint, url, options.signal);
    throw fail(
      received > 0 ? `the connection broke after ${received} bytes (${cause.message})` : cause.message,
    );
  }
}
