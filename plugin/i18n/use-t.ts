// The translate function for components, bound to the panel's own i18next instance (not a global one).
import { useTranslation } from 'react-i18next';
import { i18n } from './i18n';

/** Re-renders the component when the panel's language changes. */
export function usePanelT() {
  return useTranslation('translation', { i18n }).t;
}
