import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.js';

describe('loadConfig', () => {
  it('runs with nothing configured: PGlite, no model, no channels', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.llm).toBeUndefined();
    expect(config.embedding).toBeUndefined();
    expect(config.slack).toBeUndefined();
    expect(config.wecom).toBeUndefined();
    expect(config.port).toBe(3000);
  });

  it('treats blank values from a copied .env.example as unset', () => {
    const config = loadConfig({ CHAT_MODEL: '', SLACK_BOT_TOKEN: '', PORT: '' });
    expect(config.llm).toBeUndefined();
    expect(config.slack).toBeUndefined();
  });

  it('rejects a half-configured WeCom channel with a Chinese message naming what is missing', () => {
    expect(() => loadConfig({ WECOM_CORP_ID: 'ww1', WECOM_TOKEN: 't' })).toThrow(ConfigError);
    expect(() => loadConfig({ WECOM_CORP_ID: 'ww1', WECOM_TOKEN: 't' })).toThrow(/企业微信 配置不完整.*WECOM_SECRET/);
  });

  it('rejects a malformed EncodingAESKey and a bad URL', () => {
    expect(() => loadConfig({ WECOM_ENCODING_AES_KEY: 'short' })).toThrow(/43 位/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });

  it('enables the model only with a chat model name', () => {
    const config = loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:1/v1', CHAT_MODEL: 'qwen-plus', LLM_TIMEOUT_MS: '500' });
    expect(config.llm).toEqual({ baseURL: 'http://127.0.0.1:1/v1', apiKey: 'not-needed', chatModel: 'qwen-plus', timeoutMs: 500 });
  });
});
