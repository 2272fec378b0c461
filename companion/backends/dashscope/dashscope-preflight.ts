// DashScope preflight by reads that create nothing: the region's model table, then a task query for an id that
// does not exist, which tells a refused key from a ready one without spending money.
import { randomUUID } from 'node:crypto';
import {
  ShotlineError,
  errorCheck,
  preflightState,
  type PreflightCheck,
  type PreflightResult,
} from '../../../shared/protocol';
import { httpCall } from '../remote/http';
import { Redactor } from '../remote/redact';
import type { DashScopeSettings } from './dashscope-settings';
import { DASHSCOPE_HOSTS, DASHSCOPE_REGIONS, regionModel, type DashScopeRegion } from './models';

export interface DashScopePreflightOptions {
  /**
   * Hosts tried after a refusal, by region; default the documented ones, or none when settings.baseUrl points
   * elsewhere (a proxy or a test fake: the other regions' real hosts are not what the user chose).
   */
  hosts?: Readonly<Partial<Record<DashScopeRegion, string>>>;
  timeoutMs?: number;
}

type KeyAnswer = 'accepted' | 'refused' | ShotlineError;

/** One GET of a task id nobody made: 200 (UNKNOWN) or 404 mean the key is good here, 401/403 that it is not. */
async function tryKey(
  host: string,
  apiKey: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<KeyAnswer> {
  try {
    const reply = await httpCall(
      { service: 'DashScope', timeoutMs, redactor: new Redactor([apiKey]) },
      {
        method: 'GET',
        url: `${host.replace(/\/+$/, '')}/api/v1/tasks/shotline-preflight-${randomUUID()}`,
        headers: { authorization: `Bearer ${apiKey}` },
        signal,
      },
    );
    if (reply.status === 200 || reply.status === 404) return 'accepted';
    if (reply.status === 401 || reply.status === 403) return 'refused';
    return new ShotlineError('REMOTE_UNREACHABLE', `DashScope at ${host} answered HTTP ${reply.status}.`, {
      params: { host, status: reply.status, case: 'dashscopeHost' },
    });
  } catch (err) {
    if (err instanceof ShotlineError) return err;
    throw err;
  }
}

function modelCheck(region: DashScopeRegion, model: string): PreflightCheck {
  if (regionModel(region, model)) {
    return {
      check: 'model',
      status: 'ok',
      sentence: `The ${region} region serves ${model}.`,
      code: 'DASHSCOPE_MODEL_SERVED',
      params: { region, model },
    };
  }
  const served = Object.keys(DASHSCOPE_REGIONS[region].models).join(', ');
  const elsewhere = (Object.keys(DASHSCOPE_REGIONS) as DashScopeRegion[]).filter((r) =>
    regionModel(r, model),
  );
  return {
    check: 'model',
    status: 'wrong',
    sentence: `The ${region} region does not serve ${model}${elsewhere.length > 0 ? ` (${elsewhere.join(' and ')} ${elsewhere.length > 1 ? 'do' : 'does'})` : ''}; it serves ${served}.`,
    code: 'DASHSCOPE_MODEL_NOT_SERVED',
    params: {
      region,
      model,
      served,
      elsewhere: elsewhere.join(', '),
      ...(elsewhere.length > 0 && { case: 'elsewhere' }),
    },
  };
}

async function keyCheck(
  region: DashScopeRegion,
  host: string,
  apiKey: string | undefined,
  options: Required<DashScopePreflightOptions>,
  signal: AbortSignal,
): Promise<PreflightCheck> {
  if (!apiKey) {
    return {
      check: 'key',
      status: 'missing',
      sentence: 'No DashScope API key: set DASHSCOPE_API_KEY, or pass --dashscope-key-file.',
      code: 'DASHSCOPE_NO_KEY',
    };
  }
  const here = await tryKey(host, apiKey, options.timeoutMs, signal);
  if (here === 'accepted') {
    return {
      check: 'key',
      status: 'ok',
      sentence: `DashScope at ${host} accepts the API key.`,
      code: 'DASHSCOPE_KEY_ACCEPTED',
      params: { host },
    };
  }
  if (here instanceof ShotlineError) return { check: 'key', status: 'unreachable', ...errorCheck(here) };
  // Only after a refusal: keys belong to one region, and the usual mistake is a key from another one.
  const others = (Object.keys(options.hosts) as DashScopeRegion[]).filter((r) => r !== region);
  for (const other of others) {
    if ((await tryKey(options.hosts[other]!, apiKey, options.timeoutMs, signal)) === 'accepted') {
      return {
        check: 'key',
        status: 'wrong',
        sentence: `The API key is refused in the ${region} region but accepted in ${other}: choose --dashscope-region ${other}, or use a ${region} key.`,
        code: 'DASHSCOPE_KEY_OTHER_REGION',
        params: { region, other },
      };
    }
  }
  return {
    check: 'key',
    status: 'wrong',
    sentence:
      others.length > 0
        ? `DashScope refused the API key in ${region} and in every other region: check DASHSCOPE_API_KEY in Model Studio.`
        : `DashScope at ${host} refused the API key: check DASHSCOPE_API_KEY, and that the key belongs to the ${region} region.`,
    code: 'DASHSCOPE_KEY_REFUSED',
    params: { region, host, case: others.length > 0 ? 'everywhere' : 'here' },
  };
}

/** Never creates a task: both checks are table look-ups and task reads. */
export async function dashscopePreflight(
  settings: DashScopeSettings,
  signal: AbortSignal,
  options: DashScopePreflightOptions = {},
): Promise<PreflightResult> {
  const region = settings.region ?? 'beijing';
  const model = settings.model ?? DASHSCOPE_REGIONS[region].defaultModel;
  const host = settings.baseUrl ?? options.hosts?.[region] ?? DASHSCOPE_HOSTS[region];
  const hosts = options.hosts ?? (settings.baseUrl ? {} : DASHSCOPE_HOSTS);
  const apiKey = (settings.apiKey ?? (settings.env ?? process.env).DASHSCOPE_API_KEY)?.trim() || undefined;
  const resolved = { hosts, timeoutMs: options.timeoutMs ?? settings.requestTimeoutMs ?? 15_000 };
  const checks = [await keyCheck(region, host, apiKey, resolved, signal), modelCheck(region, model)];
  return { backend: 'dashscope', state: preflightState(checks), checks, checkedAt: Date.now() };
}
