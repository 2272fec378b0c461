// Browser harness: the same panel over the simulated Premiere, with a live view of its timeline.
// ?spectrum=1 renders the Spectrum-widget mode Premiere gets (over stand-ins with UXP's limits); ?locale=zh_CN
// plays Premiere in Simplified Chinese.
import { createRoot } from 'react-dom/client';
import { createHostSetup } from '../host/create-host-adapter';
import type { HostAdapter } from '../host/host-adapter';
import { loadPanelServices } from '../host/panel-services';
import type { SimulatedPremiere } from '../host/simulated';
import { parseSimVersion } from '../host/simulated/api-versions';
import type { SimulatedUxp } from '../host/simulated/uxp';
import { hostPlatform } from '../host/uxp-module';
import { App } from '../ui/App';
import { followHostTheme } from '../ui/theme';
import { HostUiContext } from '../ui/host-ui';
import { readHarnessParams } from './query-params';
import { SimTimeline } from './SimTimeline';
import { installSpectrumStandins } from './spectrum-standins';

declare global {
  interface Window {
    /**
     * The simulated Premiere, for e2e tests and manual checks: addClip, addMarker, selectClip, setTranscript,
     * registerMedia, setPlayhead, undo, undoCount and snapshot() (tracks, markers, take bins, undo stack).
     */
    __shotlineSim?: SimulatedPremiere;
    /** The panel's host adapter, so tests can call findGaps/getMarkers/placeClips exactly as the panel does. */
    __shotlineHost?: HostAdapter;
    /** The simulated `uxp`: queue files in toOpen / names in toSaveAs, read what was saved, setUiLocale('zh_CN'). */
    __shotlineUxp?: SimulatedUxp;
  }
}

const params = readHarnessParams(window.location.search);
const version = params.premiereVersion ? parseSimVersion(params.premiereVersion) : undefined;
const setup = createHostSetup({
  ...(params.frameRate ? { frameRate: params.frameRate } : {}),
  ...(params.frameSize ? { frameSize: params.frameSize } : {}),
  ...(params.startTimecode ? { startTimecode: params.startTimecode } : {}),
  ...(version ? { version } : {}),
});
const sim = setup.simulated;
if (!sim) throw new Error('the harness must run outside Premiere, on the simulated host');
const platform = params.platform ?? hostPlatform();
const { services, simulatedUxp } = loadPanelServices(platform);
if (!simulatedUxp) throw new Error('the harness must run outside UXP, on the simulated storage');
window.__shotlineSim = sim;
window.__shotlineHost = setup.adapter;
window.__shotlineUxp = simulatedUxp;
if (params.locale) simulatedUxp.setUiLocale(params.locale);
if (params.spectrum) installSpectrumStandins(platform);
followHostTheme(document, params.theme);

const start = async () => {
  // ?token= stands for an earlier pairing: the token is already in (simulated) secure storage.
  if (params.token) await services.tokens.save(params.token);
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <HostUiContext.Provider value={{ spectrum: params.spectrum }}>
      <div className="harness">
        <App adapter={setup.adapter} services={services} initialUrl={params.companion} />
        <SimTimeline sim={sim} />
      </div>
    </HostUiContext.Provider>,
  );
};
void start();
