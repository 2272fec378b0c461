// Companion address, pairing token, connect/disconnect, and the connection state in words.
import { useState } from 'react';
import type { ConnectionState } from '../connection/companion-client';
import { Button, TextField } from './widgets';

export const DEFAULT_COMPANION_URL = 'ws://127.0.0.1:7391';

function describe(state: ConnectionState): string {
  switch (state.status) {
    case 'idle':
      return 'Not connected';
    case 'connecting':
      return state.attempt > 1 ? `Connecting (attempt ${state.attempt})…` : 'Connecting…';
    case 'pairing':
      return 'Pairing…';
    case 'connected':
      return `Connected to ${state.welcome.server.name} ${state.welcome.server.version}`;
    case 'waiting':
      return `Companion unreachable; retrying in ${Math.ceil(state.retryInMs / 1000)} s (attempt ${state.attempt})`;
    case 'failed':
      return 'Not connected: see the message above';
    case 'closed':
      return 'Disconnected';
  }
}

export interface ConnectionPaneProps {
  state: ConnectionState;
  initialUrl: string;
  initialToken: string;
  onConnect: (url: string, token: string) => void;
  onDisconnect: () => void;
}

export function ConnectionPane({
  state,
  initialUrl,
  initialToken,
  onConnect,
  onDisconnect,
}: ConnectionPaneProps) {
  const [url, setUrl] = useState(initialUrl);
  const [token, setToken] = useState(initialToken);
  const active = state.status !== 'idle' && state.status !== 'closed' && state.status !== 'failed';
  return (
    <section className="sl-pane" aria-label="Companion">
      <div className="sl-row">
        <TextField testId="companion-url" label="Companion" value={url} onChange={setUrl} />
        <TextField testId="token-input" label="Token" type="password" value={token} onChange={setToken} />
      </div>
      <div className="sl-row">
        <Button testId="connect-button" variant="primary" onClick={() => onConnect(url, token)}>
          {active ? 'Reconnect' : 'Connect'}
        </Button>
        <Button testId="disconnect-button" onClick={onDisconnect} disabled={!active}>
          Disconnect
        </Button>
        <span
          data-testid="connection-state"
          data-status={state.status}
          className={`sl-state ${state.status}`}
        >
          {describe(state)}
        </span>
      </div>
    </section>
  );
}
