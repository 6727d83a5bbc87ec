import net from 'node:net';
import WebSocket, { type ClientOptions } from 'ws';

export interface RawAnswer {
  /** 0 when no status line came back. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The socket error seen (ECONNRESET, EPIPE…), or null for a clean close. */
  error: string | null;
}

function dechunk(body: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(body.subarray(at, eol).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}

/**
 * Writes `request` as it is to 127.0.0.1:`port` and reads until the server closes (or `timeoutMs`),
 * so a test can send what fetch never would: bad targets, foreign Host headers, no Host at all.
 */
export function rawHttp(port: number, request: string | Buffer, timeoutMs = 10_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | null = null;
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(request, (err) => {
        if (err) error ??= (err as NodeJS.ErrnoException).code ?? err.message;
      });
    });
    const timer = setTimeout(() => {
      error ??= 'TIMEOUT';
      socket.destroy();
    }, timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      error ??= err.code ?? err.message;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = (split < 0 ? all : all.subarray(0, split)).toString('latin1');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      let body: Buffer = split < 0 ? Buffer.alloc(0) : all.subarray(split + 4);
      if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
      resolve({ status, headers, body: body.toString('utf8'), error });
    });
  });
}

/** Whether a WebSocket to `url` opens (101), or the status the server refused it with (0: no answer). */
export function wsOpens(url: string, options: ClientOptions): Promise<{ open: boolean; status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, options);
    let settled = false;
    const settle = (answer: { open: boolean; status: number }) => {
      if (settled) return;
      settled = true;
      resolve(answer);
    };
    ws.once('open', () => {
      settle({ open: true, status: 101 });
      ws.close();
    });
    ws.once('unexpected-response', (req, res) => {
      settle({ open: false, status: res.statusCode ?? 0 });
      req.destroy();
    });
    ws.once('error', () => settle({ open: false, status: 0 }));
  });
}
