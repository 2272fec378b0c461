// Flags for the optional prompt rewrite by an OpenAI-compatible chat endpoint; off unless --rewrite-url is given.
import type { Command } from 'commander';
import type { ChatEndpoint } from '../../rewrite/chat-client';
import { CliError } from '../cli-error';
import { readKeyFile } from './remote-flags';

export interface RewriteFlags {
  rewriteUrl?: string;
  rewriteModel?: string;
  rewriteKeyFile?: string;
  rewriteStream?: boolean;
}

export const REWRITE_KEY_ENV = 'SHOTLINE_REWRITE_API_KEY';

export function addRewriteFlags(command: Command): Command {
  return command
    .option(
      '--rewrite-url <url>',
      'OpenAI-compatible base URL (e.g. http://127.0.0.1:11434/v1); off when not given',
    )
    .option('--rewrite-model <name>', 'chat model for the rewrite (e.g. qwen2.5:7b)')
    .option(
      '--rewrite-key-file <path>',
      `file holding the endpoint's API key (default: env ${REWRITE_KEY_ENV})`,
    )
    .option('--rewrite-stream', 'read the rewrite as a server-sent-event stream', false);
}

/** null when no rewrite was asked for. */
export function rewriteEndpoint(
  flags: RewriteFlags,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ChatEndpoint | null {
  if (!flags.rewriteUrl) return null;
  if (!/^https?:\/\//.test(flags.rewriteUrl))
    throw new CliError(`--rewrite-url "${flags.rewriteUrl}" must start with http:// or https://.`);
  if (!flags.rewriteModel) throw new CliError('--rewrite-url needs --rewrite-model (the chat model to use).');
  const apiKey = flags.rewriteKeyFile
    ? readKeyFile('--rewrite-key-file', flags.rewriteKeyFile)
    : env[REWRITE_KEY_ENV]?.trim() || undefined;
  return {
    baseUrl: flags.rewriteUrl,
    model: flags.rewriteModel,
    stream: flags.rewriteStream ?? false,
    ...(apiKey && { apiKey }),
  };
}
