import type { Config } from '../../config/env.js';

/** How to reach the model: from config.llm (OPENAI_BASE_URL, OPENAI_API_KEY, CHAT_MODEL, LLM_TIMEOUT_MS). */
export interface LlmSettings {
  baseURL: string | undefined;
  apiKey: string;
  model: string;
  timeoutMs: number; // per request
  maxRetries: number; // retries per request, with exponential backoff (1–2 s, 2–4 s, …)
  /** First retry delay (default 1 s; doubled each retry, 50–100 % jitter). Tests make it short. */
  retryBaseDelayMs?: number;
  /** Run the agent over SSE streaming (stream mode 'messages'); plain JSON completions otherwise. */
  streaming?: boolean;
}

export const DEFAULT_MAX_RETRIES = 2;

export function llmSettingsFrom(llm: Config['llm'], overrides: Partial<LlmSettings> = {}): LlmSettings | null {
  if (!llm) return null;
  return {
    baseURL: llm.baseURL,
    apiKey: llm.apiKey,
    model: llm.chatModel,
    timeoutMs: llm.timeoutMs,
    maxRetries: DEFAULT_MAX_RETRIES,
    ...overrides,
  };
}

/** The whole turn (several model calls and tools) must end within this, whatever the retries do. */
export function turnDeadlineMs(settings: LlmSettings): number {
  return settings.timeoutMs * (settings.maxRetries + 1) * 3 + 15_000;
}
