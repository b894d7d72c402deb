import type { TemplateCard } from '@wecom/aibot-node-sdk';

/**
 * The next steps a user most often wants after a check, as a button card: 详情 (the whole of the last answer), 起草存在问题 (the
 * section drafted from the findings), 批注版 (the user's file with a Word comment on each problem). A button press
 * comes back as a template_card_event with the button's key, which is turned into the same words a user would type.
 */
const BUTTONS = [
  { key: 'selfeval:detail', text: '详情', words: '详情' },
  { key: 'selfeval:draft-problems', text: '起草存在问题', words: '/draft 存在问题' },
  { key: 'selfeval:annotate', text: '批注版', words: '批注' },
] as const;

export function nextStepsCard(taskId: string, summary: string): TemplateCard {
  return {
    card_type: 'button_interaction',
    main_title: { title: '下一步', desc: summary.slice(0, 30) },
    task_id: taskId,
    button_list: BUTTONS.map((button, index) => ({ text: button.text, style: index === 0 ? 1 : 2, key: button.key })),
  };
}

/** The words a card button stands for, or undefined for a key this service did not put on a card. */
export function wordsOfCardKey(key: string | undefined): string | undefined {
  return BUTTONS.find((button) => button.key === key)?.words;
}
