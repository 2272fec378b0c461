// Premiere's UI locale as UXP reports it (`require('uxp').host.uiLocale`, e.g. "zh_CN"), read through one seam.
// https://developer.adobe.com/premiere-pro/uxp/uxp-api/reference-js/Modules/uxp/Host%20Information/Host/
import type { UxpApi } from '../host/uxp-api';

export interface HostLocale {
  current(): string | undefined;
  /** Only the simulated host changes language while the panel is open; Premiere needs a restart. */
  subscribe?(listener: () => void): () => void;
}

export function uxpHostLocale(uxp: Pick<UxpApi, 'host'>): HostLocale {
  return { current: () => uxp.host?.uiLocale };
}
