// The latest problem in plain words, until dismissed or replaced.
import { usePanelT } from '../i18n/use-t';
import { Button } from './widgets';

export function ErrorBanner({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  const t = usePanelT();
  if (!message) return null;
  return (
    <div data-testid="error-banner" role="alert" className="sl-error">
      <span className="sl-error-text">{message}</span>
      <Button testId="error-dismiss" onClick={onDismiss}>
        {t('app.dismiss')}
      </Button>
    </div>
  );
}
