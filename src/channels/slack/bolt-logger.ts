import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../logger.js';

/**
 * Bolt and the Web API client log through this adapter into our JSON logs. Their debug output (which can include
 * request arguments, i.e. message text) is dropped; other lines keep only a short, single-line detail.
 */
export function boltLogger(logger: Logger): SlackLogger {
  let level = LogLevel.INFO;
  const detail = (messages: unknown[]) =>
    messages
      .map((m) => (m instanceof Error ? `${m.name}: ${m.message}` : typeof m === 'string' ? m : ''))
      .join(' ')
      .replace(/\s+/g, ' ')
      .slice(0, 200);
  return {
    debug: () => undefined,
    info: (...messages) => logger.debug('slack.bolt', { detail: detail(messages) }),
    warn: (...messages) => logger.warn('slack.bolt', { detail: detail(messages) }),
    error: (...messages) => logger.error('slack.bolt', { detail: detail(messages) }),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
