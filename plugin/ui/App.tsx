// The Shotline panel: connect to the companion, pick script lines, generate, and place the clips.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { HostAdapter, SequenceInfo } from '../host/host-adapter';
import { ConnectionPane, DEFAULT_COMPANION_URL } from './ConnectionPane';
import { ErrorBanner } from './ErrorBanner';
import { GeneratePane } from './GeneratePane';
import { isPlaceable, JobList } from './JobList';
import type { JobRow } from './jobs-state';
import { placeAtPlayhead, placeInScriptOrder } from './place-jobs';
import { ScriptPane } from './ScriptPane';
import { splitScript } from './script-lines';
import { buildShotRequests, FALLBACK_FORMAT, type GenerateSettings } from './shot-requests';
import { useCompanion } from './use-companion';

export interface AppProps {
  adapter: HostAdapter;
  initialUrl?: string;
  initialToken?: string;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function App({ adapter, initialUrl = DEFAULT_COMPANION_URL, initialToken = '' }: AppProps) {
  const [error, setError] = useState<string | null>(null);
  const companion = useCompanion(setError);
  const [scriptText, setScriptText] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [sequence, setSequence] = useState<SequenceInfo | null>(null);
  const [settings, setSettings] = useState<GenerateSettings>({
    backend: '',
    durationSeconds: 3,
    takes: 1,
    seed: '',
  });
  const lines = useMemo(() => splitScript(scriptText), [scriptText]);

  const refreshSequence = useCallback(async (): Promise<SequenceInfo | null> => {
    try {
      const info = await adapter.getSequenceInfo();
      setSequence(info);
      return info;
    } catch (err) {
      setError(`Could not read the active sequence: ${messageOf(err)}`);
      return null;
    }
  }, [adapter]);

  useEffect(() => void refreshSequence(), [refreshSequence]);

  // Pick the first ready backend once the companion lists them, unless the current one is still offered.
  useEffect(() => {
    const ready = companion.backends.filter((b) => b.available);
    if (!ready.some((b) => b.name === settings.backend)) {
      setSettings((s) => ({ ...s, backend: ready[0]?.name ?? '' }));
    }
  }, [companion.backends, settings.backend]);

  const toggleLine = (lineNumber: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(lineNumber)) next.add(lineNumber);
      return next;
    });

  const selectedLines = lines.filter((line) => selected.has(line.lineNumber));

  const generate = async () => {
    const info = await refreshSequence();
    const built = buildShotRequests(selectedLines, settings, info ?? FALLBACK_FORMAT);
    if (!built.ok) return setError(built.message);
    setError(null);
    companion.generate(built.shots);
  };

  const place = (job: JobRow) =>
    placeAtPlayhead(adapter, job, companion.dispatchJobs).catch((err) => setError(messageOf(err)));

  const placeAll = async () => {
    const info = await refreshSequence();
    if (!info) return setError('No sequence is open: open one in the Timeline panel first.');
    const ready = companion.jobs.filter((job) => isPlaceable(job) && job.placement?.state !== 'placed');
    await placeInScriptOrder(adapter, ready, info.playheadTicks, companion.dispatchJobs).catch((err) =>
      setError(messageOf(err)),
    );
  };

  return (
    <main className="sl-panel">
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      <ConnectionPane
        state={companion.state}
        initialUrl={initialUrl}
        initialToken={initialToken}
        onConnect={(url, token) => {
          setError(null);
          companion.connect(url, token);
        }}
        onDisconnect={companion.disconnect}
      />
      <ScriptPane
        text={scriptText}
        onTextChange={setScriptText}
        lines={lines}
        selected={selected}
        onToggle={toggleLine}
        onSelectAll={(all) => setSelected(new Set(all ? lines.map((l) => l.lineNumber) : []))}
      />
      <GeneratePane
        settings={settings}
        onSettingsChange={setSettings}
        backends={companion.backends}
        sequence={sequence}
        onRefreshSequence={() => void refreshSequence()}
        canGenerate={companion.state.status === 'connected' && selectedLines.length > 0}
        selectedCount={selectedLines.length}
        onGenerate={() => void generate()}
      />
      <JobList
        jobs={companion.jobs}
        lineText={(shotId) => lines.find((line) => line.shotId === shotId)?.text}
        onPlace={(job) => void place(job)}
        onPlaceAll={() => void placeAll()}
        onCancel={companion.cancel}
      />
      <footer className="sl-muted">Host: {adapter.hostName}. Generated clips are AI drafts.</footer>
    </main>
  );
}
