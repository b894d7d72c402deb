import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./serve-entry.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One server process of the reliability suite (serve-entry.ts), with its JSON log lines and its memory. */
export interface ProbeProcess {
  url: string;
  pid: number;
  logs: Array<Record<string, unknown>>;
  /** kill -9: no shutdown, no drain, leases left to run out. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
  /** Peak resident memory so far (VmHWM, MB; worker threads included: same process). */
  peakRssMb(): number;
  alive(): boolean;
}

export async function startProbe(env: Record<string, string>, options: { lease?: number; parseTimeoutMs?: number } = {}): Promise<ProbeProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', ENTRY, '--lease', String(options.lease ?? 2), '--parse-timeout', String(options.parseTimeoutMs ?? 20_000)],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  let buffered = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let at: number;
    while ((at = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, at);
      buffered = buffered.slice(at + 1);
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        stderr += `${line}\n`;
      }
    }
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`probe server did not start in 60 s: ${stderr.slice(-2000)}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /LISTENING (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`probe server exited (${code}) before listening: ${stderr.slice(-2000)}`));
    });
  });
  let peak = 0;
  const readPeak = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    } catch {
      // gone
    }
    return peak;
  };
  const sampler = setInterval(readPeak, 100);
  sampler.unref();
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    logs,
    alive: () => !exited,
    peakRssMb: readPeak,
    kill9: async () => {
      readPeak();
      clearInterval(sampler);
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
    stop: async () => {
      readPeak();
      clearInterval(sampler);
      if (!exited) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
