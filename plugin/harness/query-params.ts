// Reads the harness page's query (all optional): ?companion=ws://…&token=…&fps=25&size=1280x720&tc=01:00:00;00
// &spectrum=1 (UXP's widget mode) &platform=mac|windows &ppro=25.6|26.3 (the API surface to play) &theme=light
// &locale=zh_CN|en_US (Premiere's UI language, as UXP's host.uiLocale reports it).
import type { FrameRate, FrameSize } from '../../shared/protocol';
import { parseFrameRate } from '../../shared/timecode';
import type { PanelPlatform } from '../connection/connection-messages';
import { platformOf } from '../host/uxp-module';

export interface HarnessParams {
  companion?: string;
  /** Saved into the simulated secure storage, as if the panel had paired before. */
  token?: string;
  frameRate?: FrameRate;
  frameSize?: FrameSize;
  /** The simulated sequence's start timecode; `;` before the frames shows it drop-frame. */
  startTimecode?: string;
  spectrum: boolean;
  platform?: PanelPlatform;
  premiereVersion?: string;
  /** The Premiere theme to look like: lightest, light, dark (default) or darkest. */
  theme?: string;
  /** Premiere's UI locale to play, e.g. "zh_CN". */
  locale?: string;
}

export function readHarnessParams(search: string): HarnessParams {
  const query = new URLSearchParams(search);
  const params: HarnessParams = { spectrum: query.get('spectrum') === '1' };
  const companion = query.get('companion');
  const token = query.get('token');
  const fps = query.get('fps');
  const size = /^(\d+)x(\d+)$/.exec(query.get('size') ?? '');
  const platform = query.get('platform');
  const version = query.get('ppro');
  if (companion) params.companion = companion;
  if (token) params.token = token;
  if (fps) params.frameRate = parseFrameRate(fps);
  const tc = query.get('tc');
  if (tc) params.startTimecode = tc;
  if (size) params.frameSize = { width: Number(size[1]), height: Number(size[2]) };
  if (platform) params.platform = platformOf(platform);
  if (version) params.premiereVersion = version;
  const theme = query.get('theme');
  if (theme) params.theme = theme;
  const locale = query.get('locale');
  if (locale) params.locale = locale;
  return params;
}
