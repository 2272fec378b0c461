// The policy gateway every shot passes before any backend: word lists now, remote moderation at run time.
import { ShotlineError, type ShotRequest } from '../../shared/protocol';
import { CATEGORY_TERMS } from './category-terms';
import { POLICY_CATEGORIES, rulesFor, type PolicyConfig, PolicyConfigSchema } from './policy-config';
import { TermMatcher } from './term-matcher';

export interface PolicyVerdict {
  warnings: string[];
}

const categoryMatchers = Object.fromEntries(
  POLICY_CATEGORIES.map((c) => [c, new TermMatcher(CATEGORY_TERMS[c])]),
);

/** What the shot asks to show, as it reaches a backend (prompt) or the sidecar and the host (label, script). */
function shotText(shot: ShotRequest): string {
  return [shot.prompt, shot.sourceText, shot.sceneHeading, shot.label]
    .filter((t): t is string => t !== undefined)
    .join('\n');
}

/**
 * Studio block words are checked in every text a backend receives, the negative prompt included; category
 * terms are not, as "no blood" there asks for less of it.
 */
function everyText(shot: ShotRequest): string {
  return [shotText(shot), shot.negativePrompt ?? ''].join('\n');
}

export class PolicyGate {
  constructor(private readonly config: PolicyConfig = PolicyConfigSchema.parse({})) {}

  /** Synchronous checks at submit time: throws POLICY_BLOCKED with the reason, or returns warnings. */
  screen(shot: ShotRequest): PolicyVerdict {
    const rules = rulesFor(this.config, shot.project);
    const text = shotText(shot);
    const warnings: string[] = [];
    const blocked = new TermMatcher(rules.blockWords).find(everyText(shot));
    if (blocked.length) {
      throw new ShotlineError(
        'POLICY_BLOCKED',
        `Shot ${shot.shotId} was blocked by the content policy: it contains ${blocked.map((t) => `"${t}"`).join(', ')}.`,
        { params: { shotId: shot.shotId, terms: blocked.map((t) => `"${t}"`).join(', '), case: 'terms' } },
      );
    }
    for (const category of POLICY_CATEGORIES) {
      const action = rules.categories[category];
      if (action === 'allow') continue;
      const hits = categoryMatchers[category]!.find(text);
      if (!hits.length) continue;
      if (action === 'block') {
        throw new ShotlineError(
          'POLICY_BLOCKED',
          `Shot ${shot.shotId} was blocked by the content policy (${category}: ${hits.join(', ')}).`,
          { params: { shotId: shot.shotId, category, hits: hits.join(', '), case: 'category' } },
        );
      }
      warnings.push(`${category}: ${hits.join(', ')}`);
    }
    const warned = new TermMatcher(rules.warnWords).find(text);
    if (warned.length) warnings.push(`listed words: ${warned.join(', ')}`);
    return { warnings };
  }

  /** Asks the remote moderation service, if one is configured; throws POLICY_BLOCKED when it flags the shot. */
  async moderate(shot: ShotRequest, signal: AbortSignal): Promise<void> {
    const url = this.config.moderationUrl;
    if (!url) return;
    // Only a configured moderation service needs the HTTP client; a plain render should not load it.
    const { request } = await import('undici');
    let verdict: { flagged?: unknown; reason?: unknown };
    try {
      const timeout = AbortSignal.timeout(this.config.moderationTimeoutMs);
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: shotText(shot), shotId: shot.shotId, project: shot.project }),
        signal: AbortSignal.any([signal, timeout]),
      });
      if (response.statusCode !== 200) {
        await response.body.dump();
        throw new Error(`it answered HTTP ${response.statusCode}`);
      }
      verdict = (await response.body.json()) as typeof verdict;
    } catch (err) {
      if (signal.aborted) throw new ShotlineError('JOB_CANCELLED', 'The job was cancelled.');
      if (this.config.onModerationError === 'allow') return;
      throw new ShotlineError(
        'POLICY_BLOCKED',
        `Shot ${shot.shotId} was held back: the moderation service at ${new URL(url).host} could not be reached (${(err as Error).message}).`,
        {
          params: {
            shotId: shot.shotId,
            host: new URL(url).host,
            detail: (err as Error).message,
            case: 'moderationDown',
          },
        },
      );
    }
    if (verdict.flagged === true) {
      const reason = typeof verdict.reason === 'string' && verdict.reason ? verdict.reason : 'flagged';
      throw new ShotlineError(
        'POLICY_BLOCKED',
        `Shot ${shot.shotId} was blocked by the moderation service: ${reason}.`,
        { params: { shotId: shot.shotId, reason, case: 'moderation' } },
      );
    }
  }
}
