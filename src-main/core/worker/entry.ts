// Entry of the core's own process. Under Electron the main process starts it with
// utilityProcess.fork() and talks through `process.parentPort`; under tests and the browser host the
// same file runs as a plain Node child (child_process.fork with serialization 'advanced') and talks
// through process.send(). Plain Node: no electron import (the parent port is typed locally).
import type { WorkerToHost } from './protocol.ts';
import { serveCore, type WorkerPort } from './serve.ts';

/** The part of Electron's ParentPort (a utility process's `process.parentPort`) used here. */
interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

function electronPort(): WorkerPort | null {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort | null }).parentPort;
  if (!parentPort) return null;
  return {
    postMessage: (message: WorkerToHost) => parentPort.postMessage(message),
    onMessage: (listener) => void parentPort.on('message', (event) => listener(event.data)),
  };
}

function nodeIpcPort(): WorkerPort | null {
  const send = process.send?.bind(process);
  if (!send) return null;
  return {
    postMessage: (message: WorkerToHost) => void send(message),
    onMessage: (listener) => void process.on('message', listener),
  };
}

const port = electronPort() ?? nodeIpcPort();
if (!port) {
  console.error('The core worker must be started by utilityProcess.fork() or child_process.fork().');
  process.exit(2);
}

// After `close` the host ends this process (Electron: child.kill(); Node: disconnect), once the
// `closed` answer has surely arrived: exiting here could lose that message in flight.
const served = serveCore(port);

// A plain Node child loses its host with the IPC channel: close the database cleanly, then go.
// (A utility process is ended by Electron together with its parent.)
process.on('disconnect', () => {
  served.close();
  process.exit(0);
});

const report = (what: string) => (error: unknown) => {
  try {
    port.postMessage({ type: 'log', level: 'error', message: `core worker: ${what}`, details: { error: error instanceof Error ? error.stack : String(error) } });
  } finally {
    served.close();
    process.exit(1);
  }
};
process.on('uncaughtException', report('uncaught exception'));
process.on('unhandledRejection', report('unhandled rejection'));
