// React state for the companion connection: its state, backends, jobs, and errors worth showing.
import { panelSessionId } from '../connection/panel-session';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { BackendInfo, MessageOf, ShotRequestInput } from '../../shared/protocol';
import { CompanionClient, type ConnectionState } from '../connection/companion-client';
import type { Credential } from '../connection/credential';
import type { PanelServices } from '../host/panel-services';
import { jobsReducer, type JobsAction, type JobsState } from './jobs-state';
import { PlacementReports } from './placement-report';

export interface CompanionHandle {
  state: ConnectionState;
  backends: BackendInfo[];
  jobs: JobsState;
  dispatchJobs: (action: JobsAction) => void;
  connect: (url: string, credential: Credential) => void;
  /** The token saved from an earlier pairing (null: pair with a code); undefined while it is being read. */
  savedToken: string | null | undefined;
  /** Disconnects and drops the saved token: the next connect needs a new code. */
  forget: () => void;
  disconnect: () => void;
  generate: (shots: ShotRequestInput[]) => void;
  cancel: (jobId: string) => void;
  /** The last template library the companion sent, per project (replies and other panels' changes). */
  templates: ReadonlyMap<string, MessageOf<'templates'>>;
  /** The last worker list (studio cluster), or null before the first reply. */
  workers: MessageOf<'workers'> | null;
  /** Sends through the live client; reports "not connected" and send errors instead of throwing. */
  request: (action: (client: CompanionClient) => void) => void;
}

export function useCompanion(
  reportError: (message: string) => void,
  services: Pick<PanelServices, 'tokens' | 'platform'>,
): CompanionHandle {
  const { tokens, platform } = services;
  const [savedToken, setSavedToken] = useState<string | null | undefined>(undefined);
  const clientRef = useRef<CompanionClient | null>(null);
  const [state, setState] = useState<ConnectionState>({ status: 'idle' });
  const [jobs, applyJobs] = useReducer(jobsReducer, []);
  const [templates, setTemplates] = useState<ReadonlyMap<string, MessageOf<'templates'>>>(new Map());
  const [workers, setWorkers] = useState<MessageOf<'workers'> | null>(null);
  const report = useRef(reportError);
  report.current = reportError;

  // Placement outcomes also go to the companion, whose log ends each job's timeline with them.
  const reports = useRef(
    new PlacementReports((placements) => clientRef.current?.reportPlacements(placements)),
  );
  const dispatchJobs = useCallback((action: JobsAction) => {
    applyJobs(action);
    reports.current.add(action);
  }, []);

  const disconnect = useCallback(() => {
    clientRef.current?.close();
    clientRef.current = null;
  }, []);

  useEffect(() => {
    let live = true;
    void tokens.load().then((token) => live && setSavedToken(token));
    return () => {
      live = false;
    };
  }, [tokens]);

  const connect = useCallback(
    (url: string, credential: Credential) => {
      disconnect();
      const client = new CompanionClient({
        url: url.trim(),
        ...credential,
        platform,
        session: panelSessionId(),
      });
      clientRef.current = client;
      client.on('token', (token) => {
        setSavedToken(token);
        tokens
          .save(token)
          .catch(() => report.current('Paired, but the token could not be saved for next time.'));
      });
      client.on('state', (next) => {
        if (clientRef.current !== client) return;
        setState(next);
        if (next.status === 'failed' || next.status === 'waiting') report.current(next.reason);
        // After a (re)connect, ask for every job so rows reflect what happened while away.
        if (next.status === 'connected') client.listJobs();
      });
      client.on('message', (message) => {
        applyJobs({ type: 'message', message });
        if (message.type === 'workers') setWorkers(message);
        if (message.type === 'templates') setTemplates((all) => new Map(all).set(message.project, message));
        if (message.type === 'error') report.current(message.error.message);
        if (message.type === 'job.failed' && message.error.code !== 'JOB_CANCELLED') {
          report.current(`Shot ${message.shotId} take ${message.take} failed: ${message.error.message}`);
        }
      });
      client.on('bad-frame', (error) =>
        report.current(`The companion sent a message the panel cannot read: ${error.message}`),
      );
      client.connect();
    },
    [disconnect, platform, tokens],
  );

  const forget = useCallback(() => {
    disconnect();
    setState({ status: 'idle' });
    setSavedToken(null);
    void tokens.forget();
  }, [disconnect, tokens]);

  useEffect(() => disconnect, [disconnect]);

  const send = useCallback((action: (client: CompanionClient) => void) => {
    const client = clientRef.current;
    if (!client) return report.current('Not connected to the companion. Connect first.');
    try {
      action(client);
    } catch (err) {
      report.current(err instanceof Error ? err.message : String(err));
    }
  }, []);

  return {
    state,
    backends: state.status === 'connected' ? state.welcome.backends : [],
    jobs,
    dispatchJobs,
    connect,
    savedToken,
    forget,
    disconnect,
    generate: (shots) =>
      send((client) => {
        // The protocol takes at most 64 shots per request.
        for (let i = 0; i < shots.length; i += 64) client.generate(shots.slice(i, i + 64));
      }),
    cancel: (jobId) => send((client) => client.cancel(jobId)),
    templates,
    workers,
    request: send,
  };
}
