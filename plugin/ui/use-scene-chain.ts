// "Chain scene": the selected shots of one continuous scene, generated in order, each on the last frame before.
import { useEffect, useRef, useState } from 'react';
import {
  conditioningModeFor,
  type BackendInfo,
  type ImageSource,
  type ShotRequestInput,
  type WireError,
} from '../../shared/protocol';
import type { SequenceInfo } from '../host/host-adapter';
import { t } from '../i18n/i18n';
import { planConditioning } from './continuity';
import { continuityShot, type ContinuityShotDeps } from './continuity-shot';
import type { JobRow } from './jobs-state';
import { wireErrorText } from '../i18n/wire-error';
import {
  chainShots,
  followJobs,
  markSent,
  refuseRequest,
  startChain,
  stopChain,
  type SceneChain,
} from './scene-chain';
import type { PreparedShot } from './shot-requests';

export interface SceneChainDeps extends ContinuityShotDeps {
  backend: BackendInfo | undefined;
  jobs: readonly JobRow[];
  refreshSequence: () => Promise<SequenceInfo | null>;
  reportError: (message: string | null) => void;
  /** The request id, or undefined when nothing could be sent (the banner then says why). */
  generate: (shots: ShotRequestInput[]) => string | undefined;
  /** The companion's last outright refusal of a request (an `error` reply with `re`). */
  refusal: { re: string; error: WireError } | null;
  cancel: (jobId: string) => void;
}

export function useSceneChain(deps: SceneChainDeps) {
  const [chain, setChain] = useState<SceneChain | null>(null);
  // The chain's own copy between renders: job rows arrive faster than React re-renders.
  const chainRef = useRef<SceneChain | null>(null);
  const run = useRef<{ info: SequenceInfo; shots: PreparedShot[] } | null>(null);
  const latest = useRef(deps);
  latest.current = deps;

  const update = (next: SceneChain) => {
    const before = chainRef.current;
    chainRef.current = next;
    setChain(next);
    if (next.stopped && !before?.stopped)
      latest.current.reportError(t('continuity.chain.stopped', next.stopped));
  };

  /** Sends link `index` (on `startImage` after the first); a shot that cannot be sent stops the chain there. */
  const sendLink = (current: SceneChain, index: number, startImage?: ImageSource): SceneChain => {
    const d = latest.current;
    const { info, shots } = run.current!;
    const prepared = shots[index]!;
    const plan = startImage && planConditioning(d.backend, 'continue', startImage);
    if (plan && !plan.ok) return stopChain(current, index, plan.message);
    const shot = continuityShot({ ...d, prepared: [prepared] }, info, {
      shotId: prepared.shot.shotId,
      fallbackPrompt: prepared.shot.text,
      ...(plan && { conditioning: plan.conditioning }),
    });
    if (!shot.ok) return stopChain(current, index, shot.message);
    const jobs = d.jobs;
    const requestId = d.generate([shot.request]);
    if (requestId === undefined) return stopChain(current, index, t('continuity.chain.notSent'));
    return markSent(current, index, jobs, requestId);
  };

  const start = async () => {
    const d = latest.current;
    const picked = chainShots(d.prepared);
    if (!picked.ok) return d.reportError(picked.message);
    // Checked before the first shot is spent: every later one starts from an image.
    if (!d.backend) return d.reportError(t('continuity.noBackend'));
    if (!conditioningModeFor('i2v', d.backend.capabilities.conditioning))
      return d.reportError(t('continuity.noImageMode', { backend: d.backend.label }));
    const info = await d.refreshSequence();
    if (!info) return d.reportError(t('errors.noSequence'));
    d.reportError(null);
    run.current = { info, shots: picked.shots };
    update(
      sendLink(
        startChain(
          picked.scene,
          picked.shots.map((p) => p.shot.shotId),
        ),
        0,
      ),
    );
  };

  const stop = () => {
    const current = chainRef.current;
    if (!current || current.stopped) return;
    const index = current.links.findIndex((link) => link.state !== 'done');
    if (index < 0) return;
    // The take under way is cancelled too: a stopped chain makes nothing more.
    const running = current.links[index]!.jobId;
    if (running) latest.current.cancel(running);
    update(stopChain(current, index, t('continuity.chain.stoppedByYou')));
  };

  useEffect(() => {
    const current = chainRef.current;
    if (!current || current.stopped) return;
    const { chain: next, step } = followJobs(current, deps.jobs);
    update(step.kind === 'send' ? sendLink(next, step.index, step.startImage) : next);
    // Only new job rows move the chain on.
  }, [deps.jobs]);

  useEffect(() => {
    const current = chainRef.current;
    if (!current || !deps.refusal) return;
    const next = refuseRequest(current, deps.refusal.re, wireErrorText(deps.refusal.error));
    if (next !== current) update(next);
  }, [deps.refusal]);

  return { chain, start, stop };
}
