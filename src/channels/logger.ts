/**
 * Structured JSON logs for the chat server: one JSON object per line, written to a sink (stderr by default).
 * Logs carry ids, codes and timings only. Secrets and message or report contents never belong in a log line; as a
 * second line of defence, fields whose names look like secrets or contents are replaced by "[redacted]".
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const REDACTED_FIELD = /token|secret|password|signature|aes|key$|^text$|content|body|bytes|echostr|encrypt/i;

export interface LoggerOptions {
  level?: LogLevel;
  /** Receives each line (without the trailing newline). Default: process.stderr. */
  write?: (line: string) => void;
  now?: () => Date;
}

export function createLogger(options: LoggerOptions = {}, base: LogFields = {}): Logger {
  const threshold = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, event: string, fields: LogFields = {}) => {
    if (ORDER[level] < threshold) return;
    const record: Record<string, unknown> = { time: now().toISOString(), level, event };
    for (const [name, value] of Object.entries({ ...base, ...fields })) {
      if (value === undefined) continue;
      record[name] = REDACTED_FIELD.test(name) && name !== 'errorCode' ? '[redacted]' : value;
    }
    write(JSON.stringify(record));
  };
  return {
    debug: (event, fields) => emit('debug', event, fields),
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
    child: (fields) => createLogger(options, { ...base, ...fields }),
  };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = createLogger({ write: () => undefined });

/** The stable code of an error, for logs and the deliveries table: `code` when it has one, else its class name. */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0 && code.length <= 80) return code;
    if (error instanceof Error) return error.name;
  }
  return 'unknown';
}
