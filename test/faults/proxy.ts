import net from 'node:net';

export interface Proxy {
  readonly port: number;
  /** How many connections were cut on the marker. */
  cuts(): number;
  close(): Promise<void>;
}

export interface ProxyOptions {
  /** Destroy the connection (both sides) when a client message contains this text. */
  readonly cutOn?: string;
  /** Every SQL text a client sends (simple 'Q' and extended 'P' messages), in order per connection. */
  readonly onQuery?: (sql: string, connection: number) => void;
}

/**
 * Reads PostgreSQL frontend messages from a byte stream: the startup message has no type byte,
 * every later one is a type byte and a 4-byte length that counts itself.
 */
function queryReader(onQuery: (sql: string) => void): (chunk: Buffer) => void {
  let buf = Buffer.alloc(0);
  let started = false;
  return (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      if (!started) {
        if (buf.length < 4) return;
        const len = buf.readInt32BE(0);
        if (buf.length < len) return;
        const code = buf.readInt32BE(4);
        buf = buf.subarray(len);
        // An SSL or GSS request is answered before the real startup message arrives.
        if (code !== 80877103 && code !== 80877104) started = true;
        continue;
      }
      if (buf.length < 5) return;
      const type = String.fromCharCode(buf[0]!);
      const len = buf.readInt32BE(1);
      if (buf.length < 1 + len) return;
      const body = buf.subarray(5, 1 + len);
      if (type === 'Q') onQuery(body.subarray(0, body.indexOf(0)).toString('utf8'));
      if (type === 'P') {
        const nameEnd = body.indexOf(0);
        onQuery(body.subarray(nameEnd + 1, body.indexOf(0, nameEnd + 1)).toString('utf8'));
      }
      buf = buf.subarray(1 + len);
    }
  };
}

/** A TCP proxy on 127.0.0.1 in front of a PostgreSQL server, for fault injection and inspection. */
export async function startProxy(target: URL, opts: ProxyOptions = {}): Promise<Proxy> {
  let cuts = 0;
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const id = connections++;
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    const read = opts.onQuery ? queryReader((sql) => opts.onQuery!(sql, id)) : null;
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (opts.cutOn !== undefined && chunk.includes(opts.cutOn)) {
        cuts++;
        end();
        return;
      }
      read?.(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cuts: () => cuts,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
