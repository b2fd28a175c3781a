// Where people outside the office reach this server: the configured public address, otherwise the
// address the request came in on (what the desktop app uses for this server).
import type { FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config.ts';
import { HttpError } from '../http/errors.ts';

// A host name, IPv4 or [IPv6] address and an optional port; nothing that could bend the URL.
const HOST_HEADER = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export function publicBaseUrl(config: ServerConfig, request: FastifyRequest): string {
  if (config.publicUrl) return config.publicUrl;
  const host = request.host;
  if (!HOST_HEADER.test(host)) {
    throw new HttpError(400, 'VALIDATION', 'The Host header is not a valid host name; share links cannot be built from it.');
  }
  return `${request.protocol}://${host}`;
}
