import type { Command, Help, Option, Argument } from 'commander';
import { displayWidth } from './display-width.js';

/**
 * Commander's help and error output in Chinese: section titles, usage placeholders, "(default: …)", and the error
 * messages for unknown commands/options and missing or surplus arguments. Help columns are measured in terminal
 * columns (汉字 are two wide), so descriptions line up.
 */

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

function placeholders(text: string): string {
  return text.replace(/\[options\]/gu, '[选项]').replace(/\[command\]/gu, '[命令]');
}

function extras(parts: string[], description: string): string {
  if (parts.length === 0) return description;
  const extra = `（${parts.join('，')}）`;
  return description ? `${description}${extra}` : extra;
}

function defaultShown(value: unknown, description: string | undefined): string {
  return description || (typeof value === 'string' ? value : JSON.stringify(value));
}

/** A wrap unit: an ASCII word, or one wide character with the closing punctuation that must stay on its line. */
const WRAP_CHUNK = /\s*(?:[^\s\u2e80-\uffff]+|[\u2e80-\uffff])[，。、；：）》」』？！…”’]*/gu;

/** Wrap at spaces and between wide characters (Chinese has no spaces), by terminal columns. */
export function wrapColumns(text: string, width: number): string {
  const out: string[] = [];
  for (const line of text.split(/\r\n|\n/u)) {
    const chunks = line.match(WRAP_CHUNK);
    if (!chunks) {
      out.push('');
      continue;
    }
    let current = chunks[0]!;
    let used = displayWidth(current);
    for (const chunk of chunks.slice(1)) {
      const w = displayWidth(chunk);
      if (used + w <= width) {
        current += chunk;
        used += w;
        continue;
      }
      out.push(current);
      current = chunk.trimStart();
      used = displayWidth(current);
    }
    out.push(current);
  }
  return out.join('\n');
}

export const chineseHelp: Partial<Help> = {
  displayWidth: (text: string) => displayWidth(text),
  styleTitle: (title: string) => TITLES[title] ?? title,
  boxWrap(this: Help, text: string, width: number) {
    return width < this.minWidthToWrap ? text : wrapColumns(text, width);
  },
  formatHelp(this: Help, command: Command, helper: Help) {
    // "用法： selfeval …": a full-width colon needs no space after it.
    return (Object.getPrototypeOf(this).formatHelp.call(this, command, helper) as string).replace(/^用法： /u, '用法：');
  },
  commandUsage(this: Help, command: Command) {
    return placeholders(Object.getPrototypeOf(this).commandUsage.call(this, command));
  },
  subcommandTerm(this: Help, command: Command) {
    return placeholders(Object.getPrototypeOf(this).subcommandTerm.call(this, command));
  },
  optionDescription(option: Option) {
    const parts: string[] = [];
    if (option.argChoices) parts.push(`可选：${option.argChoices.join('、')}`);
    const showDefault = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
    // A description that already names its default ("（默认 text）") is not repeated.
    if (option.defaultValue !== undefined && showDefault && !/默认/u.test(option.description)) {
      parts.push(`默认：${defaultShown(option.defaultValue, option.defaultValueDescription)}`);
    }
    if (option.envVar !== undefined) parts.push(`环境变量：${option.envVar}`);
    return extras(parts, option.description);
  },
  argumentDescription(argument: Argument) {
    const parts: string[] = [];
    if (argument.argChoices) parts.push(`可选：${argument.argChoices.join('、')}`);
    if (argument.defaultValue !== undefined && !/默认/u.test(argument.description)) {
      parts.push(`默认：${defaultShown(argument.defaultValue, argument.defaultValueDescription)}`);
    }
    return extras(parts, argument.description);
  },
};

const ERRORS: [RegExp, (...groups: string[]) => string][] = [
  [/^error: unknown command '(.*)'$/u, (name) => `错误：没有“${name}”这个命令。`],
  [/^error: unknown option '(.*)'$/u, (flag) => `错误：不认识的选项“${flag}”。`],
  [/^error: missing required argument '(.*)'$/u, (name) => `错误：缺少参数 ${name}。`],
  [/^error: option '(.*)' argument missing$/u, (flags) => `错误：选项 ${flags} 后面缺少取值。`],
  [/^error: required option '(.*)' not specified$/u, (flags) => `错误：必须给出选项 ${flags}。`],
  [
    /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/u,
    (name, expected, got) => `错误：参数太多${name ? `（${name} 命令最多接受 ${expected} 个，实际给了 ${got} 个）` : `（最多 ${expected} 个，实际 ${got} 个）`}。`,
  ],
  [/^error: (.*) cannot be used with (.*)$/u, (a, b) => `错误：${a} 不能和 ${b} 一起使用。`],
  [/^error: option '(.*)' argument '(.*)' is invalid\.(.*)$/u, (flags, value, rest) => `错误：选项 ${flags} 的取值“${value}”无效。${rest.trim()}`],
  [/^error: command-argument value '(.*)' is invalid for argument '(.*)'\.(.*)$/u, (value, name, rest) => `错误：参数 ${name} 的取值“${value}”无效。${rest.trim()}`],
];

/** Translate one commander error message (may carry a "(Did you mean …?)" line); unknown messages pass through. */
export function chineseError(message: string): string {
  const [first = '', ...rest] = message.trimEnd().split('\n');
  let translated = first;
  for (const [pattern, render] of ERRORS) {
    const match = pattern.exec(first);
    if (match) {
      translated = render(...match.slice(1).map((g) => g ?? ''));
      break;
    }
  }
  const hints = rest.map((line) => {
    const one = /^\(Did you mean (.*)\?\)$/u.exec(line.trim());
    if (!one) return line;
    const options = one[1]!.replace(/^one of /u, '').split(', ');
    return `你是不是想用：${options.join('、')}？`;
  });
  return `${[translated, ...hints].join('\n')}\n`;
}

/** Apply to the program before any command is added (subcommands inherit both settings). */
export function useChineseOutput(program: Command): Command {
  return program
    .configureHelp(chineseHelp)
    .configureOutput({ outputError: (text, write) => write(chineseError(text)) });
}
