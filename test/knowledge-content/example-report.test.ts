import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { parseReportText } from '../../src/report/parse-report.js';
import { indicatorLeaves } from '../../src/report/indicators.js';
import { EXAMPLE_REPORT_PATH, readText } from './knowledge-files.js';

const text = readText(EXAMPLE_REPORT_PATH);
const lines = text.split('\n');

interface Item { name: string; weight: Decimal | null; score: Decimal | null; assessed: boolean; children: Item[]; text: string }

const BLOCK = /^（[一二三四五六七八九十]+）(.+?)（(\d+(?:\.\d+)?) 分）$/;
const GROUP = /^\d+\. (.+?)。(?:指标分值 (\d+(?:\.\d+)?) 分。)?$/;
const LEAF = /^（\d+）(.+?)（(\d+(?:\.\d+)?) 分）。$/;
const SCORE = /^自评得分 (\d+(?:\.\d+)?) 分/;

/** Rebuild the score tree of 三、绩效分析 from the headings and 自评得分 lines of the text itself. */
function scoreTree(): Item[] {
  const start = lines.indexOf('三、绩效分析');
  const end = lines.indexOf('四、主要绩效');
  const blocks: Item[] = [];
  let current: Item | null = null;
  const item = (name: string, weight?: string): Item =>
    ({ name, weight: weight ? new Decimal(weight) : null, score: null, assessed: true, children: [], text: '' });
  for (const line of lines.slice(start + 1, end).filter((l) => l.trim() !== '')) {
    let match: RegExpExecArray | null;
    if ((match = BLOCK.exec(line))) blocks.push(item(match[1]!, match[2]));
    else if ((match = GROUP.exec(line))) blocks.at(-1)!.children.push((current = item(match[1]!, match[2])));
    else if ((match = LEAF.exec(line))) blocks.at(-1)!.children.at(-1)!.children.push((current = item(match[1]!, match[2])));
    else {
      current!.text += line;
      if ((match = SCORE.exec(line))) current!.score = new Decimal(match[1]!);
      if (line.includes('本项不考核')) current!.assessed = false;
    }
  }
  return blocks;
}

const sum = (values: Decimal[]): Decimal => values.reduce((a, b) => a.plus(b), new Decimal(0));
const scoredItems = (blocks: Item[]): Item[] =>
  blocks.flatMap((b) => b.children.flatMap((g) => (g.children.length ? g.children : [g])));
const isBonus = (item: Item): boolean => item.name === '加减分项';
const blockScore = (block: Item): Decimal =>
  sum(scoredItems([block]).filter((i) => !isBonus(i) && i.assessed).map((i) => i.score!));

/** Stated value with n decimals matches when it equals the exact value rounded half-up to n decimals. */
function expectRounded(exact: Decimal, stated: string, label: string): void {
  const decimals = stated.split('.')[1]?.length ?? 0;
  expect(exact.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toFixed(decimals), label).toBe(new Decimal(stated).toFixed(decimals));
}

function figures(pattern: RegExp): string[] {
  const match = pattern.exec(text);
  if (!match) throw new Error(`example report no longer contains ${pattern}`);
  return match.slice(1) as string[];
}

const pct = (part: string, whole: string): Decimal => new Decimal(part).div(whole).times(100);
const change = (now: string, before: string): Decimal => new Decimal(now).minus(before).div(before).times(100);

describe('the team-written example report adds up', () => {
  const blocks = scoreTree();
  const items = scoredItems(blocks);

  it('has the sample indicator system: 28 / 42 / 30 = 100, each block the sum of its groups', () => {
    expect(blocks.map((b) => [b.name, b.weight!.toNumber()])).toEqual([['预算编制情况', 28], ['预算执行情况', 42], ['资金使用效益', 30]]);
    expect(sum(blocks.map((b) => b.weight!)).toNumber()).toBe(100);
    for (const block of blocks) {
      const groups = block.children.filter((g) => !isBonus(g));
      expect(sum(groups.map((g) => g.weight!)).equals(block.weight!), block.name).toBe(true);
    }
    expect(items.filter((i) => !isBonus(i))).toHaveLength(27);
  });

  it('each group weight is the sum of its assessed indicators (资金管理 22 = 25 − 3 不考核)', () => {
    for (const group of blocks.flatMap((b) => b.children).filter((g) => g.children.length > 0)) {
      const assessed = group.children.filter((c) => c.assessed);
      expect(sum(assessed.map((c) => c.weight!)).equals(group.weight!), group.name).toBe(true);
    }
    const fundManagement = blocks[1]!.children[0]!;
    expect([fundManagement.name, sum(fundManagement.children.map((c) => c.weight!)).toNumber()]).toEqual(['资金管理', 25]);
    expect(fundManagement.children.filter((c) => !c.assessed).map((c) => [c.name, c.score])).toEqual([['资金下达合法性', null]]);
  });

  it('every assessed indicator has a score within its weight; the total is the scores plus the bonus', () => {
    for (const item of items.filter((i) => i.assessed && !isBonus(i))) {
      expect(item.score, item.name).not.toBeNull();
      expect(item.score!.gte(0) && item.score!.lte(item.weight!), item.name).toBe(true);
    }
    expect(blocks.map((b) => blockScore(b).toNumber())).toEqual([28, 39, 30]);
    const bonus = items.find(isBonus)!.score!;
    const [stated] = figures(/自评结果为 (\d+(?:\.\d+)?) 分/);
    expect(sum(blocks.map(blockScore)).plus(bonus).equals(stated!)).toBe(true);
    expect(stated).toBe('98');
  });

  it('each deduction gives its figures and reason, and 存在问题 names each one', () => {
    const deducted = items.filter((i) => i.assessed && !isBonus(i) && i.score!.lt(i.weight!));
    expect(deducted.map((i) => [i.name, i.score!.toNumber(), i.weight!.toNumber()])).toEqual([
      ['部门预算资金支出率', 5, 6], ['结转结余率', 2, 3], ['政府采购执行率', 1, 2],
    ]);
    const problems = text.slice(text.indexOf('五、存在问题'), text.indexOf('六、相关建议'));
    const advice = text.slice(text.indexOf('六、相关建议'));
    for (const item of deducted) {
      expect(item.text, item.name).toMatch(/扣 1 分/);
      expect(item.text, item.name).toMatch(/原因|因/);
      const rate = /为 ([\d.]+%)/.exec(item.text)![1]!;
      expect(problems, item.name).toContain(rate);
    }
    expect(advice.match(/^[一二三]是/gm)).toHaveLength(3);
  });

  it('income, spending and budget figures add up and their changes are right', () => {
    const [income, lastIncome, incomeChange] = figures(/总收入决算数 ([\d.]+) 万元[^。]*。上年总收入决算数为 ([\d.]+) 万元，[^，]*，收入决算数增加 ([\d.]+)%/);
    expectRounded(change(income!, lastIncome!), incomeChange!, '收入增减');
    const [spent, basic, project, lastSpent, spentChange] = figures(/总支出决算数 ([\d.]+) 万元，其中基本支出 ([\d.]+) 万元，项目支出 ([\d.]+) 万元。上年总支出决算数为 ([\d.]+) 万元，[^，]*，支出决算数增加 ([\d.]+)%/);
    expect(new Decimal(basic!).plus(project!).equals(spent!)).toBe(true);
    expectRounded(change(spent!, lastSpent!), spentChange!, '支出增减');
    const [budget, initial, added, carried, unspent, withdrawn, carriedOver] = figures(/全年预算数 ([\d.]+) 万元，其中年初预算 ([\d.]+) 万元，年中追加 ([\d.]+) 万元，上年结转 ([\d.]+) 万元。全年未支出 ([\d.]+) 万元，[^。]*?([\d.]+) 万元因[^；]*财政收回；其余 ([\d.]+) 万元/);
    expect(sum([initial!, added!, carried!].map((v) => new Decimal(v))).equals(budget!)).toBe(true);
    expect(new Decimal(budget!).minus(spent!).equals(unspent!)).toBe(true);
    expect(new Decimal(withdrawn!).plus(carriedOver!).equals(unspent!)).toBe(true);
    expect(new Decimal(carried!).plus(income!).minus(spent!).equals(carriedOver!)).toBe(true);
    const [addedShare] = figures(/年中追加预算 [\d.]+ 万元，占年初预算的 ([\d.]+)%/);
    expectRounded(pct(added!, initial!), addedShare!, '追加占年初预算');
  });

  it('every rate stated in 绩效分析 equals its recomputation from the stated amounts', () => {
    // [name, pattern, which groups are the part, the whole and the stated rate]
    const checks: [string, RegExp, [number, number, number]][] = [
      ['部门预算资金支出率', /全年预算数 ([\d.]+) 万元，实际支出 ([\d.]+) 万元，部门预算资金支出率为 ([\d.]+)%/, [1, 0, 2]],
      ['结转结余率', /结转结余率为 ([\d.]+)%（([\d.]+) 万元÷([\d.]+) 万元）/, [1, 2, 0]],
      ['政府采购执行率', /政府采购预算 ([\d.]+) 万元，实际政府采购金额 ([\d.]+) 万元，政府采购执行率为 ([\d.]+)%/, [1, 0, 2]],
      ['固定资产利用率', /固定资产总额 ([\d.]+) 万元，实际在用固定资产总额 ([\d.]+) 万元，固定资产利用率为 ([\d.]+)%/, [1, 0, 2]],
      ['在职人员控制率', /在职人员 (\d+) 人，核定编制数为 (\d+) 人（含工勤），在职人员控制率为 ([\d.]+)%/, [0, 1, 2]],
      ['公用经费控制率', /公用经费预算数 ([\d.]+) 万元，决算数 ([\d.]+) 万元，公用经费控制率为 ([\d.]+)%/, [1, 0, 2]],
      ['三公经费控制率', /“三公”经费预算数 ([\d.]+) 万元，决算数 ([\d.]+) 万元，[^。]*“三公”经费控制率为 ([\d.]+)%/, [1, 0, 2]],
      ['绩效目标覆盖率', /共实施 (\d+) 个项目，其中设置了绩效目标的项目 (\d+) 个，绩效目标覆盖率为 ([\d.]+)%/, [1, 0, 2]],
    ];
    for (const [name, pattern, [part, whole, stated]] of checks) {
      const values = figures(pattern);
      expectRounded(pct(values[part]!, values[whole]!), values[stated]!, name);
    }
    const [budgetP, actualP, gap] = figures(/政府采购预算 ([\d.]+) 万元，实际政府采购金额 ([\d.]+) 万元，[^。]*。未执行的 ([\d.]+) 万元/);
    expect(new Decimal(budgetP!).minus(actualP!).equals(gap!)).toBe(true);
    const [threePublic, cars, hospitality] = figures(/“三公”经费预算数 [\d.]+ 万元，决算数 ([\d.]+) 万元，其中公务用车运行维护费 ([\d.]+) 万元、公务接待费 ([\d.]+) 万元/);
    expect(new Decimal(cars!).plus(hospitality!).equals(threePublic!)).toBe(true);
    const [now, before, drop] = figures(/“三公”经费决算数 ([\d.]+) 万元，比上年决算数 ([\d.]+) 万元下降 ([\d.]+)%/);
    expectRounded(change(now!, before!).negated(), drop!, '三公经费下降');
    const [endBalance, lastBalance, increase] = figures(/年末结转结余资金 ([\d.]+) 万元，[^。]*?比上年末结转结余 ([\d.]+) 万元增加 ([\d.]+) 万元/);
    expect(new Decimal(endBalance!).minus(lastBalance!).equals(increase!)).toBe(true);
  });

  it("the project's report parser reads the same tree, scores and total", () => {
    const parsed = parseReportText(text, { name: '示例县数据服务中心-2024-自评报告.txt' });
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('；'));
    const { report } = parsed;
    expect(report.department).toBe('示例县政务数据服务中心');
    expect(report.statedTotals.map((t) => t.value)).toEqual([98]);
    expect(report.bonus?.score).toBe(1);
    const leaves = indicatorLeaves(report.indicators);
    const mine = items.filter((i) => !isBonus(i));
    expect(leaves.map((l) => [l.weight, l.score])).toEqual(mine.map((i) => [i.weight!.toNumber(), i.score?.toNumber() ?? null]));
    expect(parsed.problems).toEqual([]);
  });
});
