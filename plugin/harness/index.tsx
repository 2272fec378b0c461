// Browser harness: the same panel over the simulated Premiere, with a live view of its timeline.
import { createRoot } from 'react-dom/client';
import { createHostSetup } from '../host/create-host-adapter';
import type { HostAdapter } from '../host/host-adapter';
import type { SimulatedPremiere } from '../host/simulated';
import { App } from '../ui/App';
import { HostUiContext } from '../ui/host-ui';
import { readHarnessParams } from './query-params';
import { SimTimeline } from './SimTimeline';

declare global {
  interface Window {
    /**
     * The simulated Premiere, for e2e tests and manual checks: addClip, addMarker, selectClip, setTranscript,
     * registerMedia, setPlayhead, undo and snapshot() (tracks, gaps' inputs, markers, take bins, undo stack).
     */
    __shotlineSim?: SimulatedPremiere;
    /** The panel's host adapter, so tests can call findGaps/getMarkers/placeClips exactly as the panel does. */
    __shotlineHost?: HostAdapter;
  }
}

const params = readHarnessParams(window.location.search);
const setup = createHostSetup({
  ...(params.frameRate ? { frameRate: params.frameRate } : {}),
  ...(params.frameSize ? { frameSize: params.frameSize } : {}),
  ...(params.startTimecode ? { startTimecode: params.startTimecode } : {}),
});
if (!setup.simulated) throw new Error('the harness must run outside Premiere, on the simulated host');
window.__shotlineSim = setup.simulated;
window.__shotlineHost = setup.adapter;

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <HostUiContext.Provider value={{ spectrum: false }}>
    <div className="harness">
      <App adapter={setup.adapter} initialUrl={params.companion} initialToken={params.token} />
      <SimTimeline sim={setup.simulated} />
    </div>
  </HostUiContext.Provider>,
);
