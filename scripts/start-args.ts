// The command line of `npm start` (scripts/start.ts):
//   npm start                                           sync server + app, data in .shamay-data
//   npm start -- --client-only --server-url <url>       a second client (another user of the same
//                                                        office) against a running server; its data in
//                                                        .shamay-data/second-client unless --data-dir
//   --data-dir <folder>                                 the data folder (also SHAMAY_DATA_DIR)
import { parseArgs } from 'node:util';

export const START_USAGE = 'usage: npm start [-- --client-only --server-url <http://host:port>] [--data-dir <folder>]';

export interface StartArgs {
  /** Set for a client only: the sync server it uses (no server is started here). */
  serverUrl?: string;
  dataDir?: string;
}

export class StartArgsError extends Error {
  constructor(message: string) {
    super(`${message}\n${START_USAGE}`);
    this.name = 'StartArgsError';
  }
}

export function parseStartArgs(argv: readonly string[]): StartArgs {
  let values: { 'client-only'?: boolean; 'server-url'?: string; 'data-dir'?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { 'client-only': { type: 'boolean' }, 'server-url': { type: 'string' }, 'data-dir': { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new StartArgsError(error instanceof Error ? error.message : String(error));
  }
  const args: StartArgs = {};
  if (values['data-dir'] !== undefined) {
    if (!values['data-dir'].trim()) throw new StartArgsError('--data-dir needs a folder');
    args.dataDir = values['data-dir'];
  }
  const url = values['server-url'];
  if (values['client-only'] && url === undefined) throw new StartArgsError('--client-only needs the --server-url of the running sync server');
  if (url === undefined) return args;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StartArgsError(`--server-url is not an address: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new StartArgsError(`--server-url must be http(s): ${url}`);
  if (parsed.search || parsed.hash) throw new StartArgsError(`--server-url must be the server's address without ? or #: ${url}`);
  // A slash at the end would be doubled in the server's routes.
  args.serverUrl = parsed.href.replace(/\/+$/, '');
  return args;
}
