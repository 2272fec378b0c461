// The continuity pane: its four actions, the fallback notice when a backend lacks first-and-last-frame.
import { renderToString } from 'react-dom/server';
import type { BackendInfo } from '../../../shared/protocol';
import { planConditioning } from '../../../plugin/ui/continuity';
import { backendInfo } from '../../support/backend-info';
import { ContinuityPane } from '../../../plugin/ui/ContinuityPane';
import { markSent, startChain, stopChain, type SceneChain } from '../../../plugin/ui/scene-chain';

const i2vOnly: BackendInfo = backendInfo({
  label: 'I2V-only backend',
  capabilities: { maxDurationSeconds: 5, conditioning: ['i2v'] },
});

const pane = (
  notice: string | null,
  problem: string | null = null,
  chain: SceneChain | null = null,
  timelineProblem: string | null = null,
) =>
  renderToString(
    <ContinuityPane
      problem={problem}
      timelineProblem={timelineProblem}
      notice={notice}
      onExtend={() => undefined}
      onBridge={() => undefined}
      onPlayheadFrame={() => undefined}
      onBoardImage={() => undefined}
      onContinue={() => undefined}
      onProjectStill={() => undefined}
      pickStill={async () => null}
      pickFolder={async () => null}
      chain={chain}
      onChain={() => undefined}
      onStopChain={() => undefined}
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

test('a chained scene shows each shot’s state; while it runs the chain button is off and Stop is offered', () => {
  const sent = markSent(startChain('INT. LAB', ['S1-01', 'S1-02']), 0, []);
  const running: SceneChain = {
    ...sent,
    links: [{ shotId: 'S1-01', state: 'running', fraction: 0.42 }, sent.links[1]!],
  };
  const html = pane(null, null, running);
  expect(html).toContain('Chain: INT. LAB');
  expect(html).toContain('S1-01: 42 %');
  expect(html).toContain('S1-02: waiting');
  expect(html).toMatch(/data-testid="chain-scene-button"[^>]*disabled/);
  expect(html).toContain('data-testid="chain-stop-button"');

  const stopped = pane(null, null, stopChain(running, 0, 'the take was cancelled'));
  expect(stopped).toContain('S1-02: not run');
  expect(stopped).toContain(
    'The chain stopped at S1-01: the take was cancelled. The shots after it were not generated.',
  );
  expect(stopped).not.toMatch(/data-testid="chain-scene-button"[^>]*disabled/);
  expect(stopped).not.toContain('chain-stop-button');
});

test('where the host cannot read its timeline, only the actions that need it are off, with the sentence', () => {
  const html = pane(null, null, null, 'This host cannot read its clips.');
  for (const id of ['extend-clip', 'bridge-gap', 'playhead-frame'])
    expect(html).toMatch(new RegExp(`data-testid="${id}-button"[^>]*disabled`));
  for (const id of ['continue-shot', 'board-image', 'chain-scene', 'project-still'])
    expect(html).not.toMatch(new RegExp(`data-testid="${id}-button"[^>]*disabled`));
  expect(html).toContain('This host cannot read its clips.');
});
