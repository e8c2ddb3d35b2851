/**
 * Step 1c, key purchase factors: what the customer values against how we and the main rival
 * perform. gap = importance − our performance (how far we fall short of what matters);
 * priority = importance × gap; rank 1 = the highest priority (ties share a rank, as a COUNTIF
 * rank in the sheet does). Rows missing a rating get no gap, priority or rank.
 */
export interface PurchaseFactor {
  group: string;
  factor: string;
  importance: number | null;
  ours: number | null;
  rival: number | null;
}

export interface FactorResult extends PurchaseFactor {
  gap: number | null;
  /** rival − ours: where the rival is seen as better. */
  rivalLead: number | null;
  priority: number | null;
  rank: number | null;
}

export function analyseFactors(rows: PurchaseFactor[]): FactorResult[] {
  const out = rows.map((r) => {
    const rated = r.importance !== null && r.ours !== null;
    const gap = rated ? r.importance! - r.ours! : null;
    return {
      ...r,
      gap,
      rivalLead: r.rival !== null && r.ours !== null ? r.rival - r.ours : null,
      priority: gap === null ? null : r.importance! * gap,
      rank: null as number | null,
    };
  });
  const scores = out.map((r) => r.priority).filter((p): p is number => p !== null);
  for (const r of out) if (r.priority !== null) r.rank = scores.filter((s) => s > r.priority!).length + 1;
  return out;
}

/** The 16 factors of the method in their 4 groups (method step 1c), Chinese and English. */
export const DEFAULT_FACTORS: Record<"zh" | "en", [string, string[]][]> = {
  zh: [
    ["经济表现", ["价格", "回扣", "付款方式"]],
    ["产品的核心表现", ["通信速度", "稳定性", "接通率", "通信质量", "电路调度的灵活性"]],
    [
      "客户支持及服务表现",
      [
        "销售/服务人员的素质(态度、知识水平)",
        "客户支持反应时间",
        "帐单管理的灵活性",
        "产品交付的及时性",
        "一体化方案的提供能力",
      ],
    ],
    ["公司总体形象", ["市场地位", "品牌", "信誉度"]],
  ],
  en: [
    ["Economic", ["Price", "Rebates", "Payment terms"]],
    [
      "Core product performance",
      ["Speed", "Stability", "Call completion rate", "Call quality", "Flexible circuit provisioning"],
    ],
    [
      "Support and service",
      [
        "Staff quality (attitude, knowledge)",
        "Support response time",
        "Billing flexibility",
        "Timely delivery",
        "Integrated solutions",
      ],
    ],
    ["Company image", ["Market position", "Brand", "Reputation"]],
  ],
};
