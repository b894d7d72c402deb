/** Why a model call failed, and what the user is told above the offline answer. */
export type LlmFailureKind = 'timeout' | 'http' | 'connection' | 'guard' | 'invalid-output' | 'other';

export interface LlmFailure {
  kind: LlmFailureKind;
  note: string; // Chinese, shown to the user
  detail: string; // for logs, no report contents
}

export const TIMEOUT_NOTE = '模型调用超时，以下为离线回答。';

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

export function classifyLlmError(error: unknown): LlmFailure {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? '') : '';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  if (name === 'TimeoutError' || name === 'AbortError' || /timed? ?out|timeout|aborted/iu.test(message)) {
    return { kind: 'timeout', note: TIMEOUT_NOTE, detail: `${name}: ${message}` };
  }
  const status = statusOf(error);
  if (status !== undefined) {
    return { kind: 'http', note: `模型服务出错（HTTP ${status}），以下为离线回答。`, detail: `HTTP ${status}: ${message}` };
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|Connection error|fetch failed/iu.test(`${code} ${message} ${cause}`)) {
    return { kind: 'connection', note: '无法连接模型服务，以下为离线回答。', detail: `${code} ${message}` };
  }
  return { kind: 'other', note: '模型调用失败，以下为离线回答。', detail: `${name}: ${message}` };
}

export function guardFailure(numbers: readonly string[]): LlmFailure {
  return {
    kind: 'guard',
    note: `模型的回答中有无法核实的数字（${numbers.join('、')}），已改用离线回答。`,
    detail: `untraced: ${numbers.join(', ')}`,
  };
}
