// Panel entry inside After Effects: the same React panel over the After Effects host adapter.
import { createRoot } from 'react-dom/client';
import { createAfterEffectsAdapter } from '../host/aftereffects/ae-adapter';
import { loadAfterEffects } from '../host/aftereffects/module';
import { SimulatedAfterEffects } from '../host/aftereffects/simulated-ae';
import { loadPanelServices } from '../host/panel-services';
import { App } from '../ui/App';
import { followHostTheme } from '../ui/theme';
import { HostUiContext } from '../ui/host-ui';

followHostTheme(document);
const real = loadAfterEffects();
// Outside AE (a browser preview of this bundle) the panel still renders, over an empty simulated AE.
const adapter = createAfterEffectsAdapter(
  real ?? new SimulatedAfterEffects(),
  real ? 'After Effects' : 'Simulated After Effects',
);
const { services } = loadPanelServices();
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <HostUiContext.Provider value={{ spectrum: real !== null }}>
    <App adapter={adapter} services={services} />
  </HostUiContext.Provider>,
);
