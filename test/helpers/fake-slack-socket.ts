import { createHash } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The Socket Mode side of the fake Slack: a minimal WebSocket server (RFC 6455 handshake and framing, enough for
 * Slack's socket client) on the fake's HTTP server. It greets with `hello`, answers pings, pushes envelopes and
 * records the client's acks ({envelope_id}).
 */
export class FakeSlackSocket {
  readonly acks: string[] = [];
  private socket: Duplex | undefined;
  private buffer = Buffer.alloc(0);

  get connected(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  attach(server: Server, path: string): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
      if (!req.url?.startsWith(path)) return void socket.destroy();
      const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      this.socket = socket;
      socket.on('data', (chunk: Buffer) => this.receive(chunk));
      socket.on('error', () => undefined);
      this.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' }, debug_info: { host: 'fake' } }));
    });
  }

  /** Push one envelope (events_api, slash_commands, …) to the connected client. */
  push(envelope: Record<string, unknown>): void {
    this.send(JSON.stringify(envelope));
  }

  close(): void {
    this.socket?.destroy();
  }

  private send(text: string, opcode = 0x1): void {
    const payload = Buffer.from(text);
    const length = payload.length;
    const head = length < 126 ? Buffer.from([0x80 | opcode, length]) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
    if (length >= 126 && length < 65536) {
      head[0] = 0x80 | opcode;
      head[1] = 126;
      head.writeUInt16BE(length, 2);
    } else if (length >= 65536) {
      head[0] = 0x80 | opcode;
      head[1] = 127;
      head.writeBigUInt64BE(BigInt(length), 2);
    }
    this.socket?.write(Buffer.concat([head, payload]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = this.buffer[0]! & 0x0f;
      let length = this.buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const masked = (this.buffer[1]! & 0x80) !== 0;
      const total = offset + (masked ? 4 : 0) + length;
      if (this.buffer.length < total) return;
      const mask = masked ? this.buffer.subarray(offset, offset + 4) : undefined;
      const payload = Buffer.from(this.buffer.subarray(total - length, total));
      if (mask) for (let i = 0; i < payload.length; i += 1) payload[i] = payload[i]! ^ mask[i % 4]!;
      this.buffer = this.buffer.subarray(total);
      if (opcode === 0x9) this.send(payload.toString('latin1'), 0xa); // ping → pong
      else if (opcode === 0x8) this.socket?.end();
      else if (opcode === 0x1) {
        const message = JSON.parse(payload.toString('utf8')) as { envelope_id?: string };
        if (message.envelope_id) this.acks.push(message.envelope_id);
      }
    }
  }
}
