// The Shotline panel: connect to the companion, turn script lines into shots and takes, and place the clips.
import { useCallback, useEffect, useState } from 'react';
import { hostErrorText } from './host-text';
import { usePanelT } from '../i18n/use-t';
import { usePanelLanguage } from '../i18n/use-panel-language';
import type { HostAdapter, SequenceInfo } from '../host/host-adapter';
import type { PanelServices } from '../host/panel-services';
import { SCRIPT_TYPES } from '../host/text-files';
import { ConnectionPane, DEFAULT_COMPANION_URL } from './ConnectionPane';
import { ContinuityPane } from './ContinuityPane';
import { Disclosure } from './Disclosure';
import { ErrorBanner } from './ErrorBanner';
import { backendProblem } from './backend-checks';
import { generateBlocker } from './generate-blocker';
import { GeneratePane } from './GeneratePane';
import { isBatchPlaceable, JobList } from './JobList';
import type { JobRow } from './jobs-state';
import { placeBatchOfJobs, scriptOrderRequests } from './place-jobs';
import { PlacementPane } from './PlacementPane';
import { toPlacementSettings } from './placement-settings';
import { previewPrompt } from './prompt-preview';
import { ScriptPane } from './ScriptPane';
import { ShotForm } from './ShotForm';
import { buildShotRequests, FALLBACK_FORMAT, type GenerateSettings } from './shot-requests';
import { BiblePane } from './BiblePane';
import { TemplatePane } from './TemplatePane';
import { markersToSource, transcriptToSource } from './timeline-lines';
import { useCompanion } from './use-companion';
import { useContinuity } from './use-continuity';
import { useSceneChain } from './use-scene-chain';
import { useScript } from './use-script';
import { usePlacement } from './use-placement';
import { usePlacementCheck } from './use-placement-check';
import { useTemplates } from './use-templates';
import {
  countTakes,
  DEFAULT_VARIANT_SETTINGS,
  previewLabels,
  variantProblem,
  type VariantSettings,
} from './variant-form';
import { VariantPane } from './VariantPane';
import { WorkersPane } from './WorkersPane';
import { LanguagePicker } from './LanguagePicker';
import { WAN_DEFAULT_NEGATIVE_PROMPT } from '../../shared/shots';

export interface AppProps {
  adapter: HostAdapter;
  services: PanelServices;
  initialUrl?: string;
}

/** Host calls fail with coded HostErrors, worded in the panel's language; anything else keeps its text. */
const messageOf = hostErrorText;

export function App({ adapter, services, initialUrl = DEFAULT_COMPANION_URL }: AppProps) {
  // Chosen before anything renders: the first paint is already in Premiere's (or the remembered) language.
  const language = usePanelLanguage(services.locale);
  const t = usePanelT();
  const [error, setError] = useState<string | null>(null);
  const companion = useCompanion(setError, services);
  const [project, setProject] = useState('default');
  const templates = useTemplates(companion, project);
  const script = useScript(templates.bibles);
  const [activeTemplate, setActiveTemplate] = useState<string | null>(null);
  const [variants, setVariants] = useState<VariantSettings>(DEFAULT_VARIANT_SETTINGS);
  const [sequence, setSequence] = useState<SequenceInfo | null>(null);
  const [settings, setSettings] = useState<GenerateSettings>({
    backend: '',
    durationSeconds: 3,
    takes: 1,
    seed: '',
  });
  const template = templates.templates?.find((t) => t.name === activeTemplate) ?? null;
  const layout = {
    template,
    projectNegativePrompt: templates.negativePrompt,
    defaultStyle: templates.defaultStyle,
  };
  const preview = previewPrompt(script.focusedDescription, { ...layout, backend: settings.backend });
  const counted = countTakes(variants, script.prepared.length, settings.takes);
  const unfit = counted.problem
    ? undefined
    : variantProblem(
        variants,
        script.prepared.map((p) => ({ shotId: p.shot.shotId, description: p.description })),
      );
  const takeCount = unfit ? { ...counted, problem: unfit } : counted;

  const refreshSequence = useCallback(async (): Promise<SequenceInfo | null> => {
    try {
      const info = await adapter.getSequenceInfo();
      setSequence(info);
      return info;
    } catch (err) {
      setError(t('errors.sequenceUnreadable', { detail: messageOf(err) }));
      return null;
    }
  }, [adapter, t]);

  useEffect(() => void refreshSequence(), [refreshSequence]);

  // Paired before: connect at once with the saved token, as a panel that remembers its companion should.
  const { savedToken, connect } = companion;
  const [autoConnected, setAutoConnected] = useState(false);
  useEffect(() => {
    if (autoConnected || savedToken === undefined) return;
    setAutoConnected(true);
    if (savedToken) connect(initialUrl, { token: savedToken });
  }, [autoConnected, savedToken, connect, initialUrl]);

  const importScript = async () => {
    try {
      const file = await services.files.open(SCRIPT_TYPES);
      if (file) script.load({ text: file.text, fileName: file.name });
    } catch (err) {
      setError(t('errors.scriptUnreadable', { detail: messageOf(err) }));
    }
  };

  // Pick the first ready backend once the companion lists them, unless the current one is still offered.
  useEffect(() => {
    const ready = companion.backends.filter((b) => b.available);
    if (!ready.some((b) => b.name === settings.backend)) {
      setSettings((s) => ({ ...s, backend: ready[0]?.name ?? '' }));
    }
  }, [companion.backends, settings.backend]);

  // Picking a backend asks what it lacks, so Generate can say why it cannot run before anything is sent.
  const { checkBackend } = companion;
  const connected = companion.state.status === 'connected';
  useEffect(() => {
    if (connected && settings.backend) checkBackend(settings.backend);
  }, [connected, settings.backend, checkBackend]);
  const chosenBackend = companion.backends.find((b) => b.name === settings.backend);

  const generate = async () => {
    const info = await refreshSequence();
    const built = buildShotRequests(script.prepared, {
      settings,
      format: info ?? FALLBACK_FORMAT,
      layout,
      variants,
    });
    if (!built.ok) return setError(built.message);
    setError(null);
    companion.generate(built.shots);
  };

  /** Markers and transcript segments become plain-text lines that keep their time on the timeline. */
  const fromTimeline = async (kind: 'markers' | 'transcript') => {
    try {
      const source =
        kind === 'markers'
          ? markersToSource(await adapter.getMarkers())
          : transcriptToSource(await adapter.getSelectedClipTranscript());
      if (source.text === '') {
        return setError(kind === 'markers' ? t('errors.noMarkers') : t('errors.noTranscript'));
      }
      setError(null);
      script.load(source);
    } catch (err) {
      const detail = messageOf(err);
      setError(
        kind === 'markers'
          ? t('errors.markersUnreadable', { detail })
          : t('errors.transcriptUnreadable', { detail }),
      );
    }
  };

  /** A shot taken from a marker or transcript goes back to that time; others follow the playhead. */
  const markerStartOf = (shotId: string) =>
    script.shots.find((shot) => shot.shotId === shotId)?.timing?.startTicks;
  const startOf = (job: JobRow) => markerStartOf(job.shotId);
  const sceneOf = (shotId: string) => script.shots.find((shot) => shot.shotId === shotId)?.sceneHeading;

  const placing = usePlacement({
    adapter,
    jobs: companion.jobs,
    dispatch: companion.dispatchJobs,
    generate: companion.generate,
    refreshSequence,
    reportError: setError,
    maxDurationSeconds:
      companion.backends.find((b) => b.name === settings.backend)?.capabilities.maxDurationSeconds ?? 5,
    markerStartOf,
    sceneOf,
  });
  const placeSettings = toPlacementSettings(placing.placement, sceneOf);

  /** The shot before this one when both are in one scene: "Continue previous shot" starts on its last take. */
  const previousShotOf = (shotId: string) => {
    const index = script.shots.findIndex((shot) => shot.shotId === shotId);
    const previous = index > 0 ? script.shots[index - 1] : undefined;
    return previous && previous.sceneHeading === script.shots[index]?.sceneHeading
      ? previous.shotId
      : undefined;
  };
  const continuity = useContinuity({
    adapter,
    backend: companion.backends.find((b) => b.name === settings.backend),
    settings,
    prepared: script.prepared,
    layout,
    jobs: companion.jobs,
    previousShotOf,
    edit: placing.placement.edit,
    track: placing.placement.gapTrack,
    refreshSequence,
    reportError: setError,
    generate: companion.generate,
    generateInSlots: placing.generateInSlots,
  });
  const sceneChain = useSceneChain({
    backend: companion.backends.find((b) => b.name === settings.backend),
    settings,
    prepared: script.prepared,
    layout,
    jobs: companion.jobs,
    refreshSequence,
    reportError: setError,
    generate: companion.generate,
    refusal: companion.refusal,
    cancel: companion.cancel,
  });
  usePlacementCheck(adapter, companion.jobs, companion.dispatchJobs);

  /** A picker that UXP refuses (the manifest's file permission) says so instead of doing nothing. */
  const pickMedia = (picker: () => Promise<string | null>) =>
    picker().catch((err: unknown) => {
      setError(t('continuity.pickerRefused', { detail: messageOf(err) }));
      return null;
    });

  const place = (job: JobRow) => placing.place(job).catch((err) => setError(messageOf(err)));

  /** This session's finished, unplaced takes, all in one batch: one undo entry for the whole "Place all". */
  const placeAll = async () => {
    const info = await refreshSequence();
    if (!info) return setError(t('errors.noSequence'));
    const ready = companion.jobs.filter(isBatchPlaceable);
    const atMarkers = ready
      .filter(startOf)
      .flatMap((job) => scriptOrderRequests([job], startOf(job) ?? '0', placeSettings));
    const rest = scriptOrderRequests(
      ready.filter((job) => !startOf(job)),
      info.playheadTicks,
      placeSettings,
    );
    try {
      await placeBatchOfJobs(adapter, [...atMarkers, ...rest], companion.dispatchJobs);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <main className="sl-panel">
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      <ConnectionPane
        state={companion.state}
        initialUrl={initialUrl}
        savedToken={companion.savedToken ?? null}
        onConnect={(url, credential) => {
          setError(null);
          companion.connect(url, credential);
        }}
        onDisconnect={companion.disconnect}
        onForget={companion.forget}
        onError={setError}
      />
      <ScriptPane
        text={script.source.text}
        onTextChange={script.setText}
        onImport={() => void importScript()}
        shots={script.shots}
        formatLabel={script.formatLabel}
        {...(script.parseError && { parseError: script.parseError })}
        notices={script.notices}
        selected={script.selected}
        focused={script.focusedShot?.lineNumber ?? null}
        onToggle={script.toggle}
        onSelectAll={script.selectAll}
        onFromMarkers={() => void fromTimeline('markers')}
        onFromTranscript={() => void fromTimeline('transcript')}
      />
      <Disclosure testId="shot-details" title={t('app.shotDetails')}>
        <ShotForm
          shot={script.focusedShot}
          description={script.focusedDescription}
          edited={script.isEdited}
          onFieldChange={(path, value) =>
            script.focusedShot && script.editField(script.focusedShot, path, value)
          }
          onReset={() => script.focusedShot && script.reset(script.focusedShot)}
          compiled={preview.compiled}
          {...(preview.error && { compileError: preview.error })}
          defaultNegativePrompt={templates.negativePrompt ?? WAN_DEFAULT_NEGATIVE_PROMPT}
        />
      </Disclosure>
      <Disclosure testId="characters" title={t('app.characters')}>
        <BiblePane
          bible={script.bible}
          scriptKey={script.scriptKey}
          onSave={(characters) => templates.saveBible(script.scriptKey, characters)}
          defaultStyle={templates.defaultStyle}
          onSaveDefaultStyle={templates.setDefaultStyle}
        />
      </Disclosure>
      <GeneratePane
        settings={settings}
        onSettingsChange={setSettings}
        backends={companion.backends}
        checks={companion.checks.byBackend}
        sequence={sequence}
        onRefreshSequence={() => void refreshSequence()}
        blocked={generateBlocker({
          connected: companion.state.status === 'connected',
          shotCount: script.shots.length,
          selectedCount: script.prepared.length,
          backendReady: companion.backends.some((b) => b.available),
          backendProblem: backendProblem(chosenBackend, companion.checks.byBackend[settings.backend]),
          takesProblem: takeCount.problem,
        })}
        selectedCount={script.prepared.length}
        takeCount={takeCount.total}
        onGenerate={() => void generate()}
      />
      <Disclosure testId="continuity" title={t('app.continuity')}>
        <ContinuityPane
          problem={companion.state.status === 'connected' ? null : t('generate.blocked.connect')}
          notice={continuity.notice}
          timelineProblem={
            adapter.readsTimeline === false
              ? t('continuity.timelineUnavailable', { host: adapter.hostName })
              : null
          }
          onExtend={() => void continuity.extendClip()}
          onBridge={() => void continuity.bridgeGap()}
          onPlayheadFrame={() => void continuity.fromPlayheadFrame()}
          onBoardImage={(path) => void continuity.fromBoardImage(path)}
          onContinue={() => void continuity.continuePrevious()}
          {...(adapter.getSelectedProjectItems && {
            onProjectStill: () => void continuity.fromProjectStill(),
          })}
          pickStill={() => pickMedia(services.media.pickStill)}
          pickFolder={() => pickMedia(services.media.pickFolder)}
          chain={sceneChain.chain}
          onChain={() => void sceneChain.start()}
          onStopChain={sceneChain.stop}
        />
      </Disclosure>
      <Disclosure testId="advanced" title={t('app.advanced')}>
        <TemplatePane
          project={project}
          onProjectChange={setProject}
          templates={templates.templates}
          active={template?.name ?? null}
          onApply={setActiveTemplate}
          onSave={templates.save}
          onDelete={templates.remove}
          negativePrompt={templates.negativePrompt}
          onSaveNegativePrompt={templates.setNegativePrompt}
          onError={setError}
          files={services.files}
        />
        <VariantPane
          settings={variants}
          onChange={setVariants}
          count={takeCount}
          shotCount={script.prepared.length}
          previewLabels={script.focusedDescription ? previewLabels(variants, script.focusedDescription) : []}
        />
        <PlacementPane
          placement={placing.placement}
          onChange={placing.setPlacement}
          gaps={placing.gapRows}
          onFindGaps={() => void placing.findGaps()}
          onFillGaps={() => void placing.fillGaps(script.prepared, { settings, layout })}
          fillProblem={
            companion.state.status !== 'connected'
              ? t('errors.fillNotConnected')
              : script.prepared.length === 0
                ? t('errors.fillNoLine')
                : null
          }
          pendingSlots={placing.pendingSlots}
        />
        <WorkersPane companion={companion} />
      </Disclosure>
      <JobList
        jobs={companion.jobs}
        sequence={sequence}
        lineText={(shotId) => script.shots.find((shot) => shot.shotId === shotId)?.text}
        onPlace={(job) => void place(job)}
        onPlaceAll={() => void placeAll()}
        onCancel={companion.cancel}
        onRenderFinal={companion.renderFinal}
        onPromote={(group, job) => void placing.promote(group, job).catch((err) => setError(messageOf(err)))}
      />
      <footer className="sl-muted sl-row">
        <span>{t('app.footer', { host: adapter.hostName })}</span>
        <LanguagePicker language={language} />
      </footer>
    </main>
  );
}
