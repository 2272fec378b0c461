// For the browser tests: serves dist/harness over loopback HTTP and starts Debian's headless chromium.
import { existsSync, readFile } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const ROOT = join(__dirname, '../..');
export const HARNESS = join(ROOT, 'dist/harness');
export const E2E_OUTPUT = join(ROOT, 'test-output/e2e');
const CHROMIUM = process.env.SHOTLINE_CHROMIUM ?? '/usr/bin/chromium';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

export function serveHarness(): Promise<Server> {
  if (!existsSync(join(HARNESS, 'index.html')))
    throw new Error('dist/harness is missing: run `npm run build` first');
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = normalize(join(HARNESS, url.pathname === '/' ? 'index.html' : url.pathname));
    if (!file.startsWith(HARNESS)) return void res.writeHead(403).end();
    readFile(file, (err, data) => {
      if (err) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
