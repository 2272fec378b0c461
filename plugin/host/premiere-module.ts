// The one place that loads `premierepro`: the real module inside Premiere, a simulated host everywhere else.
import type { premierepro } from '@adobe/premierepro';
import type { PremiereApi } from './premiere/premiere-api';
import { SimulatedPremiere, type SimOptions } from './simulated';

export interface LoadedPremiere {
  api: PremiereApi;
  /** True inside Premiere; false in the browser harness and under jest. */
  isReal: boolean;
  /** The stand-in when not in Premiere, so the harness can seed and show it. */
  simulated: SimulatedPremiere | null;
}

function requireRealModule(): premierepro | null {
  try {
    // webpack keeps this as a runtime require (externals) in the UXP build and maps it to an empty
    // module in the harness build; under jest it simply fails to resolve.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const candidate = require('premierepro') as Partial<premierepro> | undefined;
    return typeof candidate?.Project?.getActiveProject === 'function' ? (candidate as premierepro) : null;
  } catch {
    return null;
  }
}

let loaded: LoadedPremiere | undefined;

/** `simOptions` shape the stand-in (e.g. the Premiere version it plays) when there is no real module. */
export function loadPremiere(simOptions: SimOptions = {}): LoadedPremiere {
  if (!loaded) {
    const real = requireRealModule();
    if (real) {
      loaded = { api: real, isReal: true, simulated: null };
    } else {
      const simulated = new SimulatedPremiere(simOptions);
      loaded = { api: simulated.api, isReal: false, simulated };
    }
  }
  return loaded;
}
