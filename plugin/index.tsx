// Panel entry inside Premiere: mounts the React panel on the page the manifest's entrypoint loads.
import { createRoot } from 'react-dom/client';
import { createHostSetup } from './host/create-host-adapter';
import { loadPanelServices } from './host/panel-services';
import { App } from './ui/App';
import { followHostTheme } from './ui/theme';
import { HostUiContext } from './ui/host-ui';

followHostTheme(document);
const setup = createHostSetup();
const { services } = loadPanelServices();
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <HostUiContext.Provider value={{ spectrum: setup.isRealHost }}>
    <App adapter={setup.adapter} services={services} />
  </HostUiContext.Provider>,
);
