/** Step 7 (on demand) — the portfolio: every customer, scored, to choose which accounts to plan. */
import { buildPortfolioPlan, portfolioInputs, quadrantLabel } from "../layout/portfolio";
import { rowKey } from "../layout/inputs";
import { customerKeying } from "../method/industry";
import { analysePortfolio, type Portfolio } from "../method/portfolio";
import { employeeSpend } from "../method/needs";
import { EMPLOYEES_TABLE } from "../layout/needs";
import { decodeRow, schemaRows } from "../layout/kit";
import { cellNumber, cellText } from "./cells";
import { samplePortfolioInputs } from "./sample-portfolio";
import { STEP_META } from "./meta";
import type { StepDefinition } from "./types";

/** What step 7 hands on: every customer scored. */
export interface PortfolioOutput {
  portfolio: Portfolio;
}

/** Step 7's headline figures (JSON keys): only when it ran. */
export interface PortfolioFigures {
  /** The portfolio (on demand): every customer scored, most attractive first. */
  portfolio?: {
    weights: { revenue: number; growth: number; whitespace: number; wallet: number };
    thresholds: { attractive: number; strong: number };
    services: number;
    counts: Record<string, number>;
    /** Customers ranked (non-customers left out). */
    ranked: number;
    accounts: {
      key: string;
      name: string;
      segment: string;
      monthlyAverage: number;
      growth: number | null;
      segmentShare: number | null;
      services: number;
      /** A residual bucket or aggregate row, left unranked. */
      nonCustomer: boolean;
      /** The account's whole telecom spend a month (the analyst's, else the estimate). */
      wallet: number;
      shareOfWallet: number | null;
      attractiveness: number | null;
      relationship: number | null;
      quadrant: string;
      rank: number | null;
    }[];
  };
}

export const portfolio: StepDefinition<"portfolio", PortfolioOutput, PortfolioFigures> = {
  // On demand: not part of Generate all until the workbook has its sheet.
  meta: STEP_META.portfolio,
  after: [],
  // Its formulas read the periods through the Industry sheet's names.
  requiresSheet: ["industry"],
  // A sample workbook does not hold its inputs: generated later there, it starts from the sample's.
  sampleInputs: samplePortfolioInputs,
  run(ctx) {
    const a = ctx.analysis;
    const { weights, thresholds, account, keys } = portfolioInputs(ctx.previous);
    const keying = customerKeying(ctx.rows);
    const known = new Set(ctx.rows.map(keying.of));
    // The analyst's rows for customers no longer in the table are kept (their values are theirs);
    // keys compare as the rows are matched (rowKey).
    const knownKeys = new Set([...known].map((k) => rowKey([k], 1)));
    const extraKeys = keys.filter((k) => !knownKeys.has(rowKey([k], 1)));
    const relationships: Record<string, number> = {};
    const nonCustomers: Record<string, boolean> = {};
    const wallets: Record<string, number> = {};
    for (const k of [...known, ...extraKeys]) {
      const mine = account(k);
      if (mine?.relationship != null) relationships[k] = mine.relationship;
      if (mine?.nonCustomer != null) nonCustomers[k] = mine.nonCustomer;
      if (mine?.wallet != null) wallets[k] = mine.wallet;
    }
    // The focus account's employees' spend, where the workbook has the Needs sheet (its formula reads it there).
    const focusKey = keying.ofFocus(a.focus);
    const needs = ctx.workbook.owned.needs !== undefined || ctx.workbook.written.some((w) => w.step === "needs");
    const employees = needs
      ? employeeSpend(
          schemaRows(EMPLOYEES_TABLE, ctx.inputsOf("needs"))
            .map((r) => decodeRow(EMPLOYEES_TABLE, r))
            .map((r) => ({
              department: cellText(r.department),
              headcount: cellNumber(r.headcount),
              voicePerHead: cellNumber(r.voicePerHead),
              mobilePerHead: cellNumber(r.mobilePerHead),
            })),
        ).monthlySpend
      : 0;
    // The Industry sheet compares with the period itself when there is no comparison period.
    const p = analysePortfolio(ctx.rows, {
      period: a.period,
      compare: a.compare ?? a.period,
      months: a.monthsPresent,
      compareMonths: a.compare ? a.compareMonthsPresent : a.monthsPresent,
      weights,
      thresholds,
      relationships,
      extraKeys,
      nonCustomers,
      wallets,
      employeesSpend: focusKey && needs ? { key: focusKey, monthly: employees } : undefined,
    });
    const { plan } = buildPortfolioPlan(ctx.t, ctx.refs, p, {
      unit: ctx.unit,
      note: ctx.note,
      key: ctx.key,
      keyField: keying.field,
      focusKey,
      previous: ctx.previous,
      rows: ctx.rows,
      position: ctx.positions.of,
      rangeRows: ctx.positions.rangeRows,
      keyOfRow: keying.of,
      employeesSpendName: needs ? "SixStep_EmployeeSpend" : undefined,
    });
    return {
      plan,
      output: { portfolio: p },
      figures: {
        portfolio: {
          weights,
          thresholds,
          services: p.services.length,
          counts: p.counts,
          ranked: p.ranked,
          accounts: p.accounts.map((x) => ({
            key: x.key,
            name: x.name,
            segment: x.segment,
            monthlyAverage: x.average,
            growth: x.growth,
            segmentShare: x.segmentShare,
            services: x.services,
            nonCustomer: x.nonCustomer,
            wallet: x.wallet,
            shareOfWallet: x.shareOfWallet,
            attractiveness: x.attractiveness,
            relationship: x.relationship,
            quadrant: quadrantLabel(ctx.t, x.quadrant),
            rank: x.rank,
          })),
        },
      },
    };
  },
};
