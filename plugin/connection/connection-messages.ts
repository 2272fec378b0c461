// Plain-words explanations for connection failures, shown to editors rather than socket jargon.

export function invalidUrlMessage(url: string): string | null {
  if (/^wss?:\/\/[^\s/]+(:\d+)?(\/\S*)?$/.test(url.trim())) return null;
  return `"${url}" is not a companion address. It should look like ws://127.0.0.1:7391.`;
}

export function cannotOpenMessage(url: string): string {
  return (
    `Could not connect to the Shotline companion at ${url}. Check that the companion is running on this ` +
    `computer and that the address and port match what it printed. On macOS some Premiere versions block ` +
    `unencrypted ws:// connections; if the companion is running, that is the likely cause.`
  );
}

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
  'The companion rejected the pairing token. Copy the token the companion printed and connect again.';
