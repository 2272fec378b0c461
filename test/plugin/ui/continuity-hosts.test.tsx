// The continuity actions per host: After Effects' adapter cannot read a comp's clips, so those actions are off
// there with a sentence; Premiere keeps every one, and only Premiere offers a still from its Project panel.
import { renderToString } from 'react-dom/server';
import { createAfterEffectsAdapter } from '../../../plugin/host/aftereffects/ae-adapter';
import { SimulatedAfterEffects } from '../../../plugin/host/aftereffects/simulated-ae';
import type { HostAdapter } from '../../../plugin/host/host-adapter';
import { loadPanelServices } from '../../../plugin/host/panel-services';
import { App } from '../../../plugin/ui/App';
import { stubLocalStorage } from '../../support/local-storage';
import { setUp } from '../sim-fixture';

stubLocalStorage();

const panel = (adapter: HostAdapter) =>
  renderToString(<App adapter={adapter} services={loadPanelServices('other').services} />);
const disabled = (html: string, id: string) =>
  new RegExp(`data-testid="${id}-button"[^>]*disabled`).test(html);

test('in After Effects the frame-reading actions are off and say why; the rest stay', () => {
  const ae = new SimulatedAfterEffects();
  ae.addComp('Previz', 1920, 1080, 24, 10);
  const adapter = createAfterEffectsAdapter(ae, 'After Effects');
  expect(adapter.readsTimeline).toBe(false);
  expect(adapter.getSelectedProjectItems).toBeUndefined();
  const html = panel(adapter);
  expect(html).toContain('data-testid="continuity-host-limit"');
  expect(html).toContain(
    'After Effects&#x27;s API does not let Shotline read the clips of a composition with their source times yet',
  );
  // Not connected: every action is off anyway; the host limit is said on top of that.
  for (const id of ['extend-clip', 'bridge-gap', 'playhead-frame']) expect(disabled(html, id)).toBe(true);
  expect(html).not.toContain('project-still-button');
  for (const id of ['pick-still', 'pick-folder']) expect(disabled(html, id)).toBe(false);
});

test('in Premiere there is no such limit, and From project still is offered', () => {
  const html = panel(setUp().adapter);
  expect(html).not.toContain('continuity-host-limit');
  expect(html).toContain('data-testid="project-still-button"');
});
