import { describe, expect, it } from 'vitest';
import { QUESTION_KINDS, QUESTION_REPORTS, readQuestions, renderQuestionBench, runQuestionBench } from '../../bench/questions.ts';

describe('the question set (test/fixtures/questions.jsonl), answered offline', () => {
  it('has at least 150 questions of every kind, on the sample and on reports of other shapes', () => {
    const questions = readQuestions();
    expect(questions.length).toBeGreaterThanOrEqual(150);
    for (const kind of QUESTION_KINDS) expect(questions.filter((q) => q.kind === kind).length).toBeGreaterThanOrEqual(5);
    for (const report of Object.keys(QUESTION_REPORTS)) expect(questions.filter((q) => q.report === report).length).toBeGreaterThanOrEqual(20);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(questions.filter((q) => q.thread).length).toBeGreaterThanOrEqual(6); // follow-ups
  });

  it('answers at least 95% right (every expected figure present, nothing 待核实), and renders the bench table', async () => {
    const bench = await runQuestionBench();
    const wrong = bench.results.filter((r) => !r.right).map((r) => `${r.question.id} ${r.question.question}: missing ${r.missing.join('、')}`);
    expect(bench.total.share, wrong.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(bench.results.filter((r) => r.unverified)).toEqual([]);
    const table = renderQuestionBench(bench);
    expect(table).toContain('| 合计 |');
    expect(table).toContain('离线 p95');
  }, 180_000);
});
