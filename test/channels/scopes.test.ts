import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScopeMap, ScopesFileError } from '../../src/channels/scopes.ts';

function scopesFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'selfeval-scopes-')), 'scopes.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('SCOPES_FILE', () => {
  const map = loadScopeMap(
    scopesFile({
      admins: ['wecom:ww01:zhangsan'],
      slack: { T01: { default: 'lechang-finance', channels: { CEDU: 'lechang-education' }, users: { UAUDIT: 'lechang-audit' }, admins: ['UADMIN'] } },
      wecom: { ww01: { default: 'lechang', departments: { '7': '乐昌教育局', '9': 'lechang-health' }, users: { lisi: 'lechang-audit' } } },
    }),
  );

  it('maps a Slack channel first, then the user, then the workspace default, then one scope per workspace', () => {
    expect(map.slackScope({ team: 'T01', channel: 'CEDU', user: 'UAUDIT' })).toBe('lechang-education');
    expect(map.slackScope({ team: 'T01', channel: 'D123', user: 'UAUDIT' })).toBe('lechang-audit');
    expect(map.slackScope({ team: 'T01', channel: 'C999', user: 'U1' })).toBe('lechang-finance');
    expect(map.slackScope({ team: 'T02', channel: 'CEDU', user: 'U1' })).toBe('slack-T02');
  });

  it('maps a WeCom user first, then the first mapped department, then the corp default, then one scope per corp', () => {
    expect(map.wecomScope({ corp: 'ww01', user: 'lisi', departments: [7] })).toBe('lechang-audit');
    expect(map.wecomScope({ corp: 'ww01', user: 'wangwu', departments: [3, 9, 7] })).toBe('lechang-health');
    expect(map.wecomScope({ corp: 'ww01', user: 'wangwu', departments: [3] })).toBe('lechang');
    expect(map.wecomScope({ corp: 'ww02', user: 'wangwu' })).toBe('wecom-ww02');
    expect(map.wecomNeedsDepartments('ww01')).toBe(true);
    expect(map.wecomNeedsDepartments('ww02')).toBe(false);
  });

  it('knows admins given globally (qualified) or per workspace/corp (bare ids), and nobody else', () => {
    expect(map.isAdmin('slack:T01:UADMIN')).toBe(true);
    expect(map.isAdmin('wecom:ww01:zhangsan')).toBe(true);
    expect(map.isAdmin('slack:T02:UADMIN')).toBe(false);
    expect(map.isAdmin('wecom:ww01:lisi')).toBe(false);
  });

  it('without a file gives every workspace and corp its own scope and no admins', () => {
    const none = loadScopeMap(undefined);
    expect(none.slackScope({ team: 'T9', channel: 'C1', user: 'U1' })).toBe('slack-T9');
    expect(none.wecomScope({ corp: 'ww9', user: 'u' })).toBe('wecom-ww9');
    expect(none.isAdmin('slack:T9:U1')).toBe(false);
  });

  it.each([
    ['a missing file', undefined, '文件不存在'],
    ['broken JSON', '{"slack": ', '不是有效的 JSON'],
    ['the shared public scope', { slack: { T01: { default: 'public' } } }, '不能作为渠道的范围'],
    ['a scope with spaces', { wecom: { ww01: { departments: { '7': 'a b' } } } }, '范围名只能包含'],
    ['a non-numeric department', { wecom: { ww01: { departments: { edu: 'x' } } } }, '部门 id 必须是数字'],
    ['an unknown key', { slack: { T01: { channel: {} } } }, 'slack.T01'],
    ['a bare global admin', { admins: ['UADMIN'] }, '管理员写成'],
  ])('refuses %s with a Chinese message', (_name, content, message) => {
    const path = content === undefined ? join(tmpdir(), 'selfeval-no-such-scopes.json') : scopesFile(content);
    expect(() => loadScopeMap(path)).toThrow(ScopesFileError);
    expect(() => loadScopeMap(path)).toThrow(message);
  });

  it('maps users, channels and departments named like Object.prototype members to the default, never to a prototype value', () => {
    const map = loadScopeMap(
      scopesFile(JSON.stringify({ slack: { T1: { default: 'slack-default', users: { U1: 'edu' } } }, wecom: { ww1: { default: 'wecom-default', departments: { '2': 'dept' }, users: { lisi: 'lisi-scope' } } } })),
    );
    for (const id of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(map.wecomScope({ corp: 'ww1', user: id, departments: [3] })).toBe('wecom-default');
      expect(map.slackScope({ team: 'T1', channel: id, user: id })).toBe('slack-default');
      expect(map.wecomScope({ corp: id, user: id })).toBe(`wecom-${id}`);
    }
    expect(map.wecomScope({ corp: 'ww1', user: 'lisi' })).toBe('lisi-scope');
    expect(map.wecomScope({ corp: 'ww1', user: 'constructor', departments: [2] })).toBe('dept');
  });
});
