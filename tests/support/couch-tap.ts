/**
 * A pass-through proxy in front of a CouchDB server that can stop answering at an exact point of
 * a sync: after the n-th `_changes` response has been delivered, every request is cut (the
 * connection dropped, as a server that went away does) until `resume()`. A test can then stop
 * the server "in the middle of a sync" between two batches, every time, on a slow machine too,
 * instead of racing a timer against the batches.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';

export interface CouchTap {
  /** The proxy's base URL (give it to the client in place of the server's). */
  url: string;
  /** From now on, cut every request once `n` more `_changes` responses have been delivered. */
  cutAfterChanges(n: number): void;
  /** Whether the tap is cutting now. */
  readonly cutting: boolean;
  /** Answers again. */
  resume(): void;
  /** `_changes` responses delivered so far. */
  readonly changes: number;
  close(): Promise<void>;
}

export async function couchTap(target: string): Promise<CouchTap> {
  const to = new URL(target);
  let changes = 0;
  let cutAt = Infinity;
  const cutting = () => changes >= cutAt;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (cutting()) return void req.socket.destroy();
    const isChanges = (req.url ?? '').includes('/_changes');
    const upstream = request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers: { ...req.headers, host: to.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', () => {
        if (isChanges && (answer.statusCode ?? 0) < 300) changes++;
      });
    });
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    cutAfterChanges(n) {
      cutAt = changes + n;
    },
    get cutting() {
      return cutting();
    },
    resume() {
      cutAt = Infinity;
    },
    get changes() {
      return changes;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
