import { ChatOpenAI } from '@langchain/openai';
import type { LlmSettings } from './llm-settings.js';

/** LangChain's OpenAI-compatible chat model (loaded only when a model is configured and a turn needs it). */
export function createChatModel(settings: LlmSettings): ChatOpenAI {
  return new ChatOpenAI({
    model: settings.model,
    apiKey: settings.apiKey,
    configuration: settings.baseURL ? { baseURL: settings.baseURL } : {},
    maxRetries: settings.maxRetries,
    timeout: settings.timeoutMs,
    temperature: 0.2,
  });
}
