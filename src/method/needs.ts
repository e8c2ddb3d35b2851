/**
 * Step 3, personalised needs: the customer profile's fields (method step 3) and how complete it
 * is. The profile's revenue fields come from step 1's focus customer (the same formulas).
 */
export const PROFILE_FIELDS: Record<"zh" | "en", string[]> = {
  zh: [
    "客户名称",
    "客户编号",
    "客户经理",
    "客户等级",
    "客户行业",
    "单位性质",
    "所属区域",
    "所属分局",
    "通信地址",
    "邮编",
    "分公司法人代表",
    "上级机构名称",
    "挂牌时间",
    "主营业务",
    "业务区域",
    "支付能力",
    "购买审批程序",
    "合同号",
    "开户银行",
  ],
  en: [
    "Customer name",
    "Customer ID",
    "Account manager",
    "Customer level",
    "Industry",
    "Nature of business",
    "District",
    "Serving bureau",
    "Address",
    "Postcode",
    "Legal representative",
    "Parent organisation",
    "Listed",
    "Main business",
    "Business area",
    "Ability to pay",
    "Purchase approval",
    "Contracts",
    "Bank",
  ],
};

/** Share of profile fields with a value (the sheet's COUNTA ÷ ROWS). */
export function profileCompleteness(values: unknown[]): number {
  if (!values.length) return 0;
  const filled = values.filter((v) => v !== null && v !== undefined && String(v).trim() !== "").length;
  return filled / values.length;
}

/** The relationship-status fields (the deck's "客户关系情况"), each a field the analyst fills in. */
export const RELATIONSHIP_FIELDS: Record<"zh" | "en", string[]> = {
  zh: ["客户关系等级", "主要联系人", "客户满意度", "最近一次关系回顾"],
  en: ["Relationship level", "Key contacts", "Satisfaction", "Last review"],
};

export interface EmployeeSpendRow {
  department: string;
  headcount: number | null;
  voicePerHead: number | null;
  mobilePerHead: number | null;
}

/**
 * The customer's employees' telecom spend: per department headcount × (voice + mobile per head);
 * the totals and the spend per head. Rows without a headcount count for nothing.
 */
export function employeeSpend(rows: EmployeeSpendRow[]): {
  headcount: number;
  monthlySpend: number;
  perHead: number | null;
} {
  let headcount = 0;
  let monthlySpend = 0;
  for (const r of rows) {
    const n = r.headcount ?? 0;
    headcount += n;
    monthlySpend += n * ((r.voicePerHead ?? 0) + (r.mobilePerHead ?? 0));
  }
  return { headcount, monthlySpend, perHead: headcount ? monthlySpend / headcount : null };
}
