// Plain-words explanations for connection failures, shown to editors rather than socket jargon.

export function invalidUrlMessage(url: string): string | null {
  if (/^wss?:\/\/[^\s/]+(:\d+)?(\/\S*)?$/.test(url.trim())) return null;
  return `"${url}" is not a companion address. It should look like ws://127.0.0.1:7391.`;
}

/** Where the panel runs: some causes exist on one OS only, and the others should not read about them. */
export type PanelPlatform = 'mac' | 'windows' | 'other';

export function cannotOpenMessage(url: string, platform: PanelPlatform = 'other'): string {
  const base = `Cannot reach the companion at ${url}: start it with \`shotline serve\` on this computer.`;
  // Reported for some Premiere versions on macOS only: cleartext ws:// blocked by the OS's transport rules.
  return platform === 'mac'
    ? `${base} If it is running, macOS may be blocking unencrypted ws:// for Premiere.`
    : base;
}

export const NO_CREDENTIAL_MESSAGE = 'Type the pairing code that `shotline serve` printed.';

export function refusedToOpenMessage(url: string, detail: string): string {
  return (
    `The panel could not open ${url} (${detail}). The plugin may only connect to ws://localhost:7391 ` +
    `and ws://127.0.0.1:7391, as its manifest allows.`
  );
}

export function connectionLostMessage(code: number, reason: string): string {
  const why = reason ? `: ${reason}` : '';
  return `The connection to the companion was lost (code ${code}${why}). Reconnecting…`;
}

export const TOKEN_REJECTED_MESSAGE =
  'The companion no longer accepts this panel: run `shotline pair` and type the new code.';
