// A small HTTP proxy on 127.0.0.1 in front of the sync server that loses answers the way a field
// connection does: the request reaches the server and is processed, but the answer is dropped (the
// connection closes), cut off halfway, or delayed. It can also answer "access token expired" itself,
// as the server does when a token runs out, to make the client refresh, or fail (500) without
// forwarding, as a server in trouble does.
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

export type Fault = 'drop' | 'truncate' | 'delay' | 'expire' | 'fail';

interface Rule {
  method: string;
  path: RegExp;
  fault: Fault;
  remaining: number;
}

export interface FaultProxy {
  url: string;
  /** The next `times` requests matching method and path get the fault. */
  inject(method: string, path: RegExp, fault: Fault, times?: number): void;
  /** Every request that passed, with the fault it got. */
  log: { method: string; path: string; fault: Fault | null; status: number | null }[];
  close(): Promise<void>;
}

const DELAY_MS = 400;

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const rules: Rule[] = [];
  const log: FaultProxy['log'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const rule = rules.find((r) => r.remaining > 0 && r.method === req.method && r.path.test(path));
      if (rule) rule.remaining--;
      const fault = rule?.fault ?? null;
      const entry = { method: req.method ?? 'GET', path, fault, status: null as number | null };
      log.push(entry);
      if (fault === 'expire') {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'TOKEN_EXPIRED', message: 'The access token has expired; refresh it with the refresh token.' } }));
        return;
      }
      if (fault === 'fail') {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'INTERNAL', message: 'Internal server error; the details were logged.' } }));
        return;
      }
      const headers: IncomingHttpHeaders = { ...req.headers, host: upstream.host };
      const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path, headers }, (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => body.push(chunk));
        answer.on('end', () => {
          entry.status = answer.statusCode ?? 0;
          const whole = Buffer.concat(body);
          const send = () => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(whole);
          };
          if (fault === 'drop') req.socket.destroy();
          else if (fault === 'truncate') {
            res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'content-length': String(whole.length) });
            res.write(whole.subarray(0, Math.floor(whole.length / 2)), () => res.socket?.destroy());
          } else if (fault === 'delay') setTimeout(send, DELAY_MS);
          else send();
        });
      });
      forward.on('error', () => req.socket.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    inject(method, path, fault, times = 1) {
      rules.push({ method, path, fault, remaining: times });
    },
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  onTestFinished(() => proxy.close());
  return proxy;
}
