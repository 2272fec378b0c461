// JSX typing for the UXP built-in Spectrum widgets the panel renders inside Premiere.
import type { ReactNode, Ref } from 'react';

interface SpectrumElementProps {
  ref?: Ref<HTMLElement>;
  /** Spectrum widgets take `class`, not `className`. */
  class?: string;
  id?: string;
  'data-testid'?: string;
  disabled?: boolean;
  children?: ReactNode;
  [attribute: string]: unknown;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'sp-button': SpectrumElementProps;
      'sp-textfield': SpectrumElementProps;
      'sp-progressbar': SpectrumElementProps;
    }
  }
}
