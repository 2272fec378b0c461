// The backend picker against a live companion: each backend's state with doctor's own sentences, and Generate
// off, saying why, for a backend that cannot run.
import { renderToString } from 'react-dom/server';
import WebSocket from 'ws';
import { formatPreflight } from '../../../companion/cli/preflight-lines';
import { CompanionClient, type SocketLike } from '../../../plugin/connection/companion-client';
import {
  backendChecksReducer,
  backendProblem,
  NO_CHECKS,
  type BackendChecks,
} from '../../../plugin/ui/backend-checks';
import { generateBlocker } from '../../../plugin/ui/generate-blocker';
import { GeneratePane } from '../../../plugin/ui/GeneratePane';
import type { BackendInfo } from '../../../shared/protocol';
import { startCompanion, type RunningCompanion } from '../../support/companion-harness';
import { useFakeComfyUI } from '../../companion/comfyui/fake-comfyui-hooks';

const suite = useFakeComfyUI();
let running: RunningCompanion;
let client: CompanionClient;

beforeEach(async () => {
  running = await startCompanion({
    backends: ['slate', 'comfyui'],
    backendSettings: { comfyui: { url: suite.fake.url, requestTimeoutMs: 5_000 } },
  });
});
afterEach(async () => {
  client?.close();
  await running.stop();
});

/** Connects a real panel client and folds every message into the picker's state, as useCompanion does. */
async function connect(): Promise<{
  backends: BackendInfo[];
  checks: () => BackendChecks;
  ask: (b: string) => void;
}> {
  let checks = NO_CHECKS;
  client = new CompanionClient({
    url: running.url,
    token: running.token,
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
  });
  client.on('message', (message) => (checks = backendChecksReducer(checks, { type: 'message', message })));
  const welcome = new Promise<BackendInfo[]>((resolve) =>
    client.on('state', (s) => s.status === 'connected' && resolve(s.welcome.backends)),
  );
  client.connect();
  const backends = await welcome;
  const ask = (backend: string) =>
    (checks = backendChecksReducer(checks, { type: 'asked', id: client.preflight(backend), backend }));
  return { backends, checks: () => checks, ask };
}

async function answered(checks: () => BackendChecks): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Object.keys(checks().pending).length > 0) {
    if (Date.now() > deadline) throw new Error('no preflight.result came back');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function pane(backends: BackendInfo[], checks: BackendChecks, backend: string): string {
  const info = backends.find((b) => b.name === backend);
  return renderToString(
    <GeneratePane
      settings={{ backend, durationSeconds: 3, takes: 1, seed: '' }}
      onSettingsChange={() => undefined}
      backends={backends}
      checks={checks.byBackend}
      sequence={null}
      onRefreshSequence={() => undefined}
      blocked={generateBlocker({
        connected: true,
        shotCount: 2,
        selectedCount: 2,
        backendReady: true,
        backendProblem: backendProblem(info, checks.byBackend[backend]),
      })}
      selectedCount={2}
      takeCount={2}
      onGenerate={() => undefined}
    />,
  );
}

const unescape = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');

test('a ComfyUI without models shows "needs something", doctor\'s sentences, and Generate off saying why', async () => {
  suite.fake.models.clear();
  const { backends, checks, ask } = await connect();
  ask('slate');
  ask('comfyui');
  expect(unescape(pane(backends, checks(), 'comfyui'))).toContain('Checking what comfyui needs…');
  await answered(checks);

  const html = unescape(pane(backends, checks(), 'comfyui'));
  const comfy = backends.find((b) => b.name === 'comfyui')!;
  expect(html).toContain(`>${comfy.label} — needs something</option>`);
  expect(html).toMatch(/>Slate[^<]* — ready<\/option>/);
  // The very lines doctor prints for the same server, without their marks.
  const doctorLines = formatPreflight((await suite.backend().preflight(AbortSignal.timeout(5_000)))!)
    .slice(1)
    .filter((line) => !line.trimStart().startsWith('ok'))
    .map((line) => line.replace(/^ {2}MISSING /, ''));
  expect(doctorLines).toHaveLength(2);
  const [first, second] = doctorLines;
  expect(html).toContain(
    `data-testid="backend-state" data-state="needs" class="sl-why"><div>${first}</div><div>${second}</div></div>`,
  );
  expect(html).toMatch(/data-testid="generate-button" disabled=""/);
  expect(html).toContain(
    `data-testid="generate-why" class="sl-why">${comfy.label} cannot run: ${first} (and 1 more under the Backend picker)</span>`,
  );

  const slate = unescape(pane(backends, checks(), 'slate'));
  expect(slate).toContain('data-state="ready"');
  expect(slate).not.toContain('generate-why');
});

test('picking the backend again after the model arrived makes it ready and turns Generate on', async () => {
  suite.fake.models.delete('wan2.2_t2v_low_noise_14B_fp8_scaled.safetensors');
  const { backends, checks, ask } = await connect();
  ask('comfyui');
  await answered(checks);
  expect(checks().byBackend.comfyui!.state).toBe('needs');
  suite.fake.models.add('wan2.2_t2v_low_noise_14B_fp8_scaled.safetensors');
  ask('comfyui');
  await answered(checks);
  const html = unescape(pane(backends, checks(), 'comfyui'));
  expect(html).toContain('data-state="ready"');
  expect(html).toContain(`ComfyUI 0.3.64 answers at ${suite.fake.url}`);
  expect(html).not.toContain('generate-why');
});

test('a server that is down is "unreachable", and a preflight the companion refuses says why', async () => {
  await suite.fake.stop();
  await suite.startAgain();
  const { backends, checks, ask } = await connect();
  ask('comfyui');
  ask('onnx'); // not offered by this companion: its error reply lands on the backend, not the banner
  await answered(checks);
  const html = unescape(pane(backends, checks(), 'comfyui'));
  expect(html).toContain('data-state="unreachable"');
  expect(html).toMatch(/— unreachable<\/option>/);
  expect(checks().byBackend.onnx).toEqual({
    state: 'unreachable',
    sentences: ['Unknown backend "onnx"; this companion has slate, comfyui.'],
  });
});
