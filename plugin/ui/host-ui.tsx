// Whether the panel runs inside a UXP host (Spectrum widgets) or a plain browser (HTML controls).
import { createContext, useContext } from 'react';

export interface HostUi {
  spectrum: boolean;
}

export const HostUiContext = createContext<HostUi>({ spectrum: false });

export function useHostUi(): HostUi {
  return useContext(HostUiContext);
}
