// What `shotline serve` is told on its command line; read by the command and by the daemon's start.
import type { BackendFlags } from './backend-flags';
import type { MediaFlags } from './media-flags';

export interface ServeFlags extends MediaFlags, BackendFlags {
  port: number;
  host: string;
  tlsCert?: string;
  tlsKey?: string;
  allowOrigin: string[];
  dataDir: string;
  backends: string;
  printToken: boolean;
  queue?: string;
  workerWait: number;
  outputDir?: string;
  slateJobs: number;
  mediaRoot: string[];
}
