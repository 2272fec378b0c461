// React state for the companion connection: its state, backends, jobs, and errors worth showing.
import { panelSessionId } from '../connection/panel-session';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { BackendInfo, MessageOf, ShotRequestInput, WireError } from '../../shared/protocol';
import { CompanionClient, type ConnectionState } from '../connection/companion-client';
import type { Credential } from '../connection/credential';
import { withTemplatePage } from '../connection/template-pages';
import type { PanelServices } from '../host/panel-services';
import { t } from '../i18n/i18n';
import { wireErrorText } from '../i18n/wire-error';
import { jobsReducer, type JobsAction, type JobsState } from './jobs-state';
import { backendChecksReducer, isChecking, NO_CHECKS, type BackendChecks } from './backend-checks';
import { PlacementReports } from './placement-report';

export interface CompanionHandle {
  state: ConnectionState;
  backends: BackendInfo[];
  /** Each backend's last preflight (ready, needs something, unreachable) with its sentence. */
  checks: BackendChecks;
  /** Asks the companion what this backend lacks (the panel picked it); one question at a time per backend. */
  checkBackend: (backend: string) => void;
  jobs: JobsState;
  dispatchJobs: (action: JobsAction) => void;
  connect: (url: string, credential: Credential) => void;
  /** The token saved from an earlier pairing (null: pair with a code); undefined while it is being read. */
  savedToken: string | null | undefined;
  /** Disconnects and drops the saved token: the next connect needs a new code. */
  forget: () => void;
  disconnect: () => void;
  /** Sends the shots; returns the last request's id, or undefined when nothing was sent (the banner says why). */
  generate: (shots: ShotRequestInput[]) => string | undefined;
  /** The companion's latest outright refusal of a request: an `error` reply naming it in `re`. */
  refusal: { re: string; error: WireError } | null;
  cancel: (jobId: string) => void;
  /** "Render final": the draft take again at full quality, same seed and prompt. */
  renderFinal: (jobId: string) => void;
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
  const [checks, dispatchChecks] = useReducer(backendChecksReducer, NO_CHECKS);
  // The reducer's state, read by checkBackend between renders so two quick picks do not ask twice.
  const checksRef = useRef(checks);
  checksRef.current = checks;
  const [templates, setTemplates] = useState<ReadonlyMap<string, MessageOf<'templates'>>>(new Map());
  const [workers, setWorkers] = useState<MessageOf<'workers'> | null>(null);
  const [refusal, setRefusal] = useState<{ re: string; error: WireError } | null>(null);
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
      const ask = (backend: string) =>
        dispatchChecks({ type: 'asked', id: client.preflight(backend), backend });
      client.on('token', (token) => {
        setSavedToken(token);
        tokens.save(token).catch(() => report.current(t('errors.tokenNotSaved')));
      });
      client.on('state', (next) => {
        if (clientRef.current !== client) return;
        setState(next);
        if (next.status === 'failed' || next.status === 'waiting') report.current(next.reason);
        // After a (re)connect, ask for every job so rows reflect what happened while away, and what each
        // backend lacks so the picker can say it before the first Generate.
        if (next.status === 'connected') {
          client.listJobs();
          dispatchChecks({ type: 'reset' }); // questions sent before a drop get no answer
          for (const backend of next.welcome.backends.filter((b) => b.available)) ask(backend.name);
        }
      });
      client.on('message', (message) => {
        applyJobs({ type: 'message', message });
        dispatchChecks({ type: 'message', message });
        if (message.type === 'workers') setWorkers(message);
        if (message.type === 'templates') {
          setTemplates((all) =>
            new Map(all).set(message.project, withTemplatePage(all.get(message.project), message)),
          );
        }
        // A preflight that could not run shows in the picker, not the banner as well.
        const preflightError =
          message.type === 'error' && message.re && checksRef.current.pending[message.re];
        if (message.type === 'error' && !preflightError) report.current(wireErrorText(message.error));
        if (message.type === 'error' && message.re) setRefusal({ re: message.re, error: message.error });
        if (message.type === 'job.failed' && message.error.code !== 'JOB_CANCELLED') {
          const { shotId, take } = message;
          report.current(t('errors.takeFailed', { shotId, take, detail: wireErrorText(message.error) }));
        }
      });
      client.on('bad-frame', (error) => report.current(t('errors.badFrame', { detail: error.message })));
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
    if (!client) return report.current(t('errors.notConnected'));
    try {
      action(client);
    } catch (err) {
      report.current(err instanceof Error ? err.message : String(err));
    }
  }, []);

  const checkBackend = useCallback((backend: string) => {
    const client = clientRef.current;
    if (!client || client.state.status !== 'connected' || isChecking(checksRef.current, backend)) return;
    try {
      dispatchChecks({ type: 'asked', id: client.preflight(backend), backend });
    } catch (err) {
      report.current(err instanceof Error ? err.message : String(err));
    }
  }, []);

  return {
    state,
    backends: state.status === 'connected' ? state.welcome.backends : [],
    checks,
    checkBackend,
    jobs,
    dispatchJobs,
    connect,
    savedToken,
    forget,
    disconnect,
    refusal,
    generate: (shots) => {
      let id: string | undefined;
      send((client) => {
        // The protocol takes at most 64 shots per request.
        for (let i = 0; i < shots.length; i += 64) id = client.generate(shots.slice(i, i + 64));
      });
      return id;
    },
    cancel: (jobId) => send((client) => client.cancel(jobId)),
    renderFinal: (jobId) => send((client) => client.promote(jobId)),
    templates,
    workers,
    request: send,
  };
}
