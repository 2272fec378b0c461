// The continuity pane: its four actions, the fallback notice when a backend lacks first-and-last-frame.
import { renderToString } from 'react-dom/server';
import type { BackendInfo } from '../../../shared/protocol';
import { planConditioning } from '../../../plugin/ui/continuity';
import { ContinuityPane } from '../../../plugin/ui/ContinuityPane';

const i2vOnly: BackendInfo = {
  name: 'x',
  label: 'I2V-only backend',
  available: true,
  capabilities: {
    sizes: [],
    maxSize: { width: 1920, height: 1080 },
    fps: [],
    maxDurationSeconds: 5,
    concurrency: 1,
    conditioning: ['i2v'],
  },
};

const pane = (notice: string | null, problem: string | null = null) =>
  renderToString(
    <ContinuityPane
      problem={problem}
      notice={notice}
      onExtend={() => undefined}
      onBridge={() => undefined}
      onPlayheadFrame={() => undefined}
      onBoardImage={() => undefined}
      onContinue={() => undefined}
      onProjectStill={() => undefined}
      pickStill={async () => null}
      pickFolder={async () => null}
    />,
  );

test('a bridge on a backend without first-and-last-frame shows why the shot will not aim for the next clip', () => {
  const still = { kind: 'still' as const, path: '/m/a.png' };
  const plan = planConditioning(i2vOnly, 'bridge', still, still);
  const html = pane(plan.ok ? (plan.notice ?? null) : null);
  expect(html).toContain('data-testid="continuity-notice"');
  expect(html).toContain('I2V-only backend has no first-and-last-frame mode');
});

test('the four actions are there, and off with the reason while not connected', () => {
  const html = pane(null, 'Connect to the companion first.');
  for (const id of [
    'extend-clip',
    'bridge-gap',
    'playhead-frame',
    'continue-shot',
    'board-image',
    'project-still',
  ])
    expect(html).toMatch(new RegExp(`data-testid="${id}-button"[^>]*disabled`));
  expect(html).toContain('Connect to the companion first.');
  expect(pane(null)).not.toContain('continuity-notice');
  // Picking a file is not talking to the companion: the pickers stay on.
  for (const id of ['pick-still', 'pick-folder'])
    expect(html).not.toMatch(new RegExp(`data-testid="${id}-button"[^>]*disabled`));
});
