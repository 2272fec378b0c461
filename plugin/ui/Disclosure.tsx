// A titled section that opens on demand: keeps rarely used settings out of the way ("Advanced").
import { useState, type ReactNode } from 'react';
import { usePanelT } from '../i18n/use-t';
import { Button } from './widgets';

export interface DisclosureProps {
  testId: string;
  title: string;
  children: ReactNode;
  initiallyOpen?: boolean;
}

/** A button and a body rather than <details>, which UXP's HTML reference does not list. */
export function Disclosure({ testId, title, children, initiallyOpen = false }: DisclosureProps) {
  const t = usePanelT();
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <div className="sl-disclosure" data-open={open ? 'true' : 'false'}>
      <Button testId={testId} variant="secondary" onClick={() => setOpen(!open)}>
        {t('app.disclosure', { arrow: open ? '▾' : '▸', title })}
      </Button>
      {/* Kept mounted while closed, so what was typed inside survives closing it. */}
      <div className="sl-disclosure-body" style={open ? undefined : { display: 'none' }}>
        {children}
      </div>
    </div>
  );
}
