// Pairing and the connection state in words: a one-time code the first time, the saved token afterwards.
import { useState } from 'react';
import { usePanelT } from '../i18n/use-t';
import { t } from '../i18n/i18n';
import type { ConnectionState } from '../connection/companion-client';
import { readCredential, type Credential } from '../connection/credential';
import { Disclosure } from './Disclosure';
import { Button, TextField } from './widgets';

export const DEFAULT_COMPANION_URL = 'ws://127.0.0.1:7391';

function describe(state: ConnectionState, paired: boolean): string {
  switch (state.status) {
    case 'idle':
      return paired ? t('connection.state.pairedIdle') : t('connection.state.notPaired');
    case 'connecting':
      return state.attempt > 1
        ? t('connection.state.connectingAttempt', { attempt: state.attempt })
        : t('connection.state.connecting');
    case 'pairing':
      return t('connection.state.pairing');
    case 'connected':
      return t('connection.state.connected', state.welcome.server);
    case 'waiting':
      return t('connection.state.waiting', {
        seconds: Math.ceil(state.retryInMs / 1000),
        attempt: state.attempt,
      });
    case 'failed':
      return t('connection.state.failed');
    case 'closed':
      return t('connection.state.closed');
  }
}

export interface ConnectionPaneProps {
  state: ConnectionState;
  initialUrl: string;
  /** The token kept from an earlier pairing; null when the panel must pair with a code. */
  savedToken: string | null;
  onConnect: (url: string, credential: Credential) => void;
  onDisconnect: () => void;
  onForget: () => void;
  onError: (message: string) => void;
}

export function ConnectionPane(props: ConnectionPaneProps) {
  const { state, savedToken } = props;
  const t = usePanelT();
  const [url, setUrl] = useState(props.initialUrl);
  // A plain text field: UXP cannot read a password field's value on macOS (Adobe's known issues), and a
  // one-time code is no secret worth masking once used.
  const [code, setCode] = useState('');
  const active = state.status !== 'idle' && state.status !== 'closed' && state.status !== 'failed';
  const needsCode = savedToken === null || (state.status === 'failed' && !active);
  const connect = () => {
    const read = readCredential(needsCode ? code : '', savedToken);
    if (!read.ok) return props.onError(read.message);
    setCode('');
    props.onConnect(url, read.credential);
  };
  return (
    <section className="sl-pane" aria-label={t('connection.pane')}>
      <div className="sl-row">
        {needsCode && !active && (
          <TextField
            testId="pairing-code-input"
            label={t('connection.pairingCode')}
            value={code}
            placeholder="1234-5678"
            onChange={setCode}
          />
        )}
        <Button testId="connect-button" variant={active ? 'secondary' : 'primary'} onClick={connect}>
          {active ? t('connection.reconnect') : t('connection.connect')}
        </Button>
        {active && (
          <Button testId="disconnect-button" onClick={props.onDisconnect}>
            {t('connection.disconnect')}
          </Button>
        )}
        <span
          data-testid="connection-state"
          data-status={state.status}
          className={`sl-state ${state.status}`}
        >
          {describe(state, savedToken !== null)}
        </span>
      </div>
      <Disclosure testId="connection-advanced" title={t('connection.advanced')}>
        <div className="sl-row">
          <TextField testId="companion-url" label={t('connection.address')} value={url} onChange={setUrl} />
          <Button testId="forget-button" onClick={props.onForget} disabled={savedToken === null}>
            {t('connection.forget')}
          </Button>
        </div>
      </Disclosure>
    </section>
  );
}
