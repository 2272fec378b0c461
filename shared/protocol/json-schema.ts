// Renders the protocol as Markdown with JSON Schema per message; docs/protocol.md is this output.
import { z } from 'zod';
import { toClientMessages, toServerMessages } from './messages';
import { PROTOCOL_VERSION } from './version';

export function renderProtocolDoc(): string {
  const lines = [
    '# Shotline protocol',
    '',
    `Generated from the zod schemas in \`shared/protocol/\` by \`npm run docs:protocol\`; do not edit by hand.`,
    '',
    `Protocol version: **${PROTOCOL_VERSION}** (every message carries \`"v": ${PROTOCOL_VERSION}\`).`,
    'Transport: JSON text frames over WebSocket, panel (client) to companion (server) on 127.0.0.1.',
    'The first client message must be `hello` with the pairing token; anything else closes the connection.',
    '',
  ];
  const sections: [string, Record<string, { type: string; description: string; schema: z.ZodTypeAny }>][] = [
    ['Panel → companion', toServerMessages],
    ['Companion → panel', toClientMessages],
  ];
  for (const [title, table] of sections) {
    lines.push(`## ${title}`, '');
    for (const definition of Object.values(table)) {
      lines.push(`### \`${definition.type}\``, '', definition.description, '', '```json');
      lines.push(JSON.stringify(z.toJSONSchema(definition.schema, { io: 'input' }), null, 2));
      lines.push('```', '');
    }
  }
  return lines.join('\n');
}
