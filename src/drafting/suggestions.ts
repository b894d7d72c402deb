import type { DraftOptions, DraftSource, SectionDraft } from './draft-source.js';
import { enumerate } from './house-style.js';
import { findShortfalls, type Shortfall } from './shortfalls.js';
import { quoted } from './report-remarks.js';

/** A concrete measure per shortfall, keyed by rubric indicator id (or kind), with a generic fallback. */
export function measureFor(s: Shortfall, shorter: boolean): string {
  const special = specialMeasure(s, shorter);
  if (special === null) return indicatorMeasure([s], shorter);
  const own = ownMeasureText(s);
  return own ? `落实报告提出的${own}措施。${special}` : special;
}

/** The measure of a shortfall the checks or the rubric know well (unspent funds, base data, budget rates), else null. */
function specialMeasure(s: Shortfall, shorter: boolean): string | null {
  if (s.kind === 'carry-over') {
    return shorter
      ? '规范结转结余资金核算，如实反映未支出资金去向。'
      : '规范结转结余资金核算。对年度内未支出的预算资金，逐项说明是被财政收回、结转下年使用还是形成结余，使预算资金支出率与结转结余率口径一致、能够相互印证。';
  }
  if (s.kind === 'data-consistency') {
    const topics = (s.topics ?? []).slice(0, 3).join('、');
    return shorter
      ? `加强基础数据核对，统一${topics || '报告内同一数据'}的口径。`
      : `加强基础数据管理。${topics ? `报告中的${topics}等基础数据` : '报告中前后不一致的基础数据'}以统计、编制等部门的权威数据为准统一口径，报送前逐项核对，确保同一数据前后一致。`;
  }
  if (s.key.endsWith('部门预算资金支出率')) {
    return shorter
      ? '加快预算执行进度，提前做好项目经费申报衔接。'
      : `加快预算执行进度。针对${s.indicator}偏低的问题，在编制年度预算时提前与财政部门沟通项目立项和经费安排，项目经费申请未获批准的及时调整预算；建立按月跟踪支出进度的机制，对执行缓慢的项目及时督办，避免资金沉淀。`;
  }
  if (s.key.endsWith('结转结余率')) {
    return shorter
      ? '加快结转资金使用，压减年末结转结余。'
      : '加快结转结余资金的使用。对跨年履行的合同和结转项目建立台账，按合同约定和项目进度及时支付；年度预算按实际需要编制，压减年末结转结余规模。';
  }
  if (s.key.endsWith('政府采购执行率') && !s.over) {
    return shorter
      ? '提高政府采购预算编制的准确性，按计划实施采购。'
      : '提高政府采购预算编制的准确性。按实际需求测算采购预算，年初制订采购计划并按月跟踪执行，对确实不再实施的采购事项及时调整预算。';
  }
  if (s.key.endsWith('政府采购执行率')) {
    const over = s.over ? `（本年度超出预算 ${s.over.shown}）` : '';
    return shorter
      ? '严格按政府采购预算实施采购，新增需求先调整预算。'
      : `严格按政府采购预算执行${over}。年中新增的设备、点位和服务等采购需求，先履行预算调整或追加程序再实施采购；采购前核对政府采购预算余额，确保实际采购金额不超过预算。`;
  }
  return null;
}

/** “A”、“B”: indicator names quoted, so that any name reads right inside a sentence. */
const named = (names: readonly string[]) => names.map((n) => `“${n}”`).join('');

/**
 * What to do, by what an indicator's name (else its cause) says it measures — general practice, for no one report.
 * Each template quotes the name as a noun phrase of its own: "对照“管理制度健全性”的要求补齐制度", never "健全…健全性…制度".
 */
const FAMILIES: { pattern: RegExp; full: (what: string) => string; short: (what: string) => string }[] = [
  {
    pattern: /执行率|支出率|支出进度|执行进度|到位率/u,
    full: (what) => `加快资金支出进度，提高${what}。按月跟踪预算执行，对进度滞后的项目查明原因、及时督办，确实无法支出的资金及时调整预算`,
    short: (what) => `按月跟踪支出进度，提高${what}`,
  },
  {
    pattern: /满意度|满意率|投诉|信访/u,
    full: (what) => `提升${what}。梳理服务对象反映的问题，逐项改进服务流程，定期回访并公开整改情况`,
    short: (what) => `针对服务对象反映的问题改进服务，提升${what}`,
  },
  {
    pattern: /控制率|调整率|变动率|结转|结余|超支|控制/u,
    full: (what) => `对照${what}的目标要求，预算按实际需要编制，年度中调整须履行程序，年末逐项核对`,
    short: (what) => `对照${what}的目标要求编制和调整预算`,
  },
  {
    pattern: /合格率|达标率|验收|质量/u,
    full: (what) => `对${what}未达标的事项逐一查明原因，落实整改责任，加强过程检查和验收把关`,
    short: (what) => `对${what}未达标的事项落实整改`,
  },
  {
    pattern: /制度|台账|档案/u,
    full: (what) => `对照${what}的要求补齐缺失的制度和台账，明确责任股室并定期检查执行情况`,
    short: (what) => `对照${what}的要求补齐制度`,
  },
  {
    pattern: /明确性|合理性|细化|量化|目标|指标/u,
    full: (what) => `逐项细化量化绩效目标和指标，提高${what}，报送前由财务和业务股室共同审核`,
    short: (what) => `细化量化绩效目标和指标，提高${what}`,
  },
  {
    pattern: /合规|审计|凭证|票据|附件|违规|报销/u,
    full: (what) => `对照${what}的要求逐笔自查整改，完善支出审核和报销流程，定期开展内部检查`,
    short: (what) => `对照${what}的要求逐笔整改`,
  },
  {
    pattern: /完成率|完成数|办结率|及时率|覆盖率|数量|人次|件数|时效|完工|按期|时间/u,
    full: (what) => `倒排${what}的进度，对尚未完成的事项明确责任人和时限，按季度跟踪`,
    short: (what) => `倒排${what}的进度`,
  },
];

/** The family of a shortfall's indicator by its name, else by its cause (index into FAMILIES), or -1. */
function familyOf(s: Shortfall): number {
  if (s.kind !== 'deduction') return -1;
  const byName = FAMILIES.findIndex((f) => f.pattern.test(s.indicator ?? s.title));
  if (byName >= 0) return byName;
  const cause = (s.causes ?? []).map((c) => c.text).join('，');
  return cause ? FAMILIES.findIndex((f) => f.pattern.test(cause)) : -1;
}

/** The report's own measures for a shortfall, quoted: “加强采购计划管理”“提前做好征地协调”. */
const ownMeasureText = (s: Shortfall) => (s.measures ?? []).map((m) => quoted(m.text)).join('');

/**
 * A measure for deducted indicators of one family: it builds on the report's own 改进措施 where there are any, answers
 * the report's own cause, and states each indicator's value. Indicators of one family without causes or measures of
 * their own share one measure naming each of them (one sentence is not repeated per indicator).
 */
function indicatorMeasure(group: readonly Shortfall[], shorter: boolean): string {
  const names = group.map((s) => s.indicator ?? s.title);
  const what = named(names);
  const family = FAMILIES[familyOf(group[0]!)];
  const values = group.filter((s) => s.value).map((s) => s.value!);
  const value = values.length > 0 ? `（本年度${values.join('，')}）` : '';
  const causes = group.flatMap((s) => s.causes ?? []).map((c) => quoted(c.text)).join('');
  const own = group.map(ownMeasureText).filter(Boolean).join('');
  if (shorter) {
    if (own) return `落实报告提出的${own}措施。`;
    return `${family ? family.short(what) : `查明${what}失分的原因并整改`}。`;
  }
  const lead = own ? `落实报告提出的${own}措施，` : causes ? `针对报告所述${causes}，` : '';
  const body = family
    ? family.full(what)
    : causes
      ? `明确${what}的整改责任股室、措施和完成时限，并在下一年度自评报告中写明整改结果`
      : `查明${what}失分的原因（报告未写明），明确整改措施和完成时限`;
  const [first, ...rest] = body.split('。');
  return `${lead}${first}${value}${rest.length > 0 ? `。${rest.join('。')}` : ''}。`;
}

/** Shortfalls in order, those of one family together (the first of a family keeps its place). */
function grouped(shortfalls: readonly Shortfall[]): Shortfall[][] {
  const groups: Shortfall[][] = [];
  const byFamily = new Map<number, Shortfall[]>();
  for (const s of shortfalls) {
    const family = familyOf(s);
    const special = specialMeasure(s, false) !== null;
    const own = (s.causes ?? []).length > 0 || (s.measures ?? []).length > 0;
    if (family < 0 || special || own) {
      groups.push([s]);
      continue;
    }
    const group = byFamily.get(family);
    if (group) group.push(s);
    else {
      const created = [s];
      byFamily.set(family, created);
      groups.push(created);
    }
  }
  return groups;
}

/** 相关建议: one concrete measure per problem found for 存在问题, in the same order. */
export function draftSuggestions(source: DraftSource, options: DraftOptions = {}): SectionDraft {
  const shortfalls = findShortfalls(source);
  const computations = shortfalls.flatMap((s) => (s.over ? [s.over] : []));
  // The report's own 改进措施 a measure builds on, cited by line.
  const cited = (s: Shortfall) => ((s.measures ?? []).length > 0 ? `（报告的改进措施依据第 ${[...new Set(s.measures!.map((m) => m.line))].join('、')} 行）` : '');
  const facts = shortfalls.map((s) => `问题：${s.brief}；建议：${measureFor(s, false)}${cited(s)}`);
  if (shortfalls.length === 0) {
    return {
      section: '相关建议',
      text: '各考核指标均为满分，建议继续严格执行预算和财务管理制度，加强绩效目标管理和绩效运行监控，进一步提高资金使用效益。',
      computations,
      facts,
    };
  }
  const intro = '针对上述问题，提出以下建议：';
  const measures = grouped(shortfalls).map((g) => (g.length === 1 ? measureFor(g[0]!, options.shorter ?? false) : indicatorMeasure(g, options.shorter ?? false)));
  return { section: '相关建议', text: `${intro}\n\n${enumerate(measures)}`, computations, facts };
}
