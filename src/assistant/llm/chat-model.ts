import { ChatOpenAI } from '@langchain/openai';
import { turnDeadlineMs, type LlmSettings } from './llm-settings.js';
import { retryingFetch } from './retrying-fetch.js';

/**
 * LangChain's OpenAI-compatible chat model (loaded only when a model is configured and a turn needs it). Retries are
 * ours (retrying-fetch.ts: 429 with or without Retry-After, 5xx, backoff with jitter within the turn's deadline); the
 * SDK's and LangChain's own are off so that a failing server is not hit three times over.
 */
export function createChatModel(settings: LlmSettings, deadline = Date.now() + turnDeadlineMs(settings)): ChatOpenAI {
  const fetch = retryingFetch({ retries: settings.maxRetries, deadline, timeoutMs: settings.timeoutMs, ...(settings.retryBaseDelayMs !== undefined ? { baseDelayMs: settings.retryBaseDelayMs } : {}) });
  return new ChatOpenAI({
    model: settings.model,
    apiKey: settings.apiKey,
    configuration: { ...(settings.baseURL ? { baseURL: settings.baseURL } : {}), fetch, maxRetries: 0 },
    maxRetries: 0,
    timeout: Math.max(1, deadline - Date.now()), // each attempt's limit is the fetch's (settings.timeoutMs)
    temperature: 0.2,
  });
}
