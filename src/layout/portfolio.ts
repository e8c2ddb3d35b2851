/**
 * The "7 客户组合 / 7 Portfolio" sheet (issues 22, 29 and 35): one row per customer of the revenue
 * table, to choose which key accounts to plan — live over the revenue table.
 *
 *   rows 3–7    weights (revenue, growth, whitespace, wallet) and thresholds: inputs
 *   rows 3–10   purpose and implications (top three accounts, the quadrants' counts, the focus's rank)
 *   row 12      header; then one row per account, the customers most attractive first, then the
 *               non-customers:
 *     A key (id, else name) · B relationship 1–5 · C six-step plan · D non-customer · E wallet
 *     (the analyst's, a month): inputs · F customer · G industry · H segment · I average ·
 *     J comparison average · K growth · L share of segment · M wallet (the analyst's, else the
 *     estimate) · N share of wallet · O services used · P–S scores · T attractiveness ·
 *     U quadrant · V rank
 *   W3:AD…      the 2×2 scatter chart (relationship × attractiveness) with its threshold lines
 *   AH:BB       hidden helpers (below)
 *
 * Work per full recalculation (issue 35): O(rows + customers) for every sum. The revenue rows are
 * copied, by formula, into a hidden helper in the order segment → customer → service (the order
 * is fixed on Generate; each helper row holds its source row's position, a constant). A
 * customer's rows, a (customer, service) pair's rows and a segment's rows are contiguous there, so
 * each sum is a SUMIFS over its own rows only, where a SUMIFS per customer over the whole table
 * scanned rows × customers. A customer's and a pair's sums stand on their own last row of the copy
 * (relative ranges: one formula in R1C1 for every slice as long), and the account's row reads the
 * cell — an absolute reference, so a sort of the accounts' table moves it with its account
 * (docs/excel-behaviour.md row 42). Each helper row checks that its source row still holds its
 * customer (the INDEX of the key column equals the account's key): a revenue table sorted or
 * re-keyed since Generate turns the sums into #N/A, never into another customer's figures, and the
 * sheet's status line asks for a Refresh; so does a table that gained or lost rows. Amounts and
 * months edited in place flow through at once. The order needs no collation: positions are
 * constants, nothing is binary-searched on text (Excel and LibreOffice sort CJK text by locale).
 * The rank and the revenue percentile read the orders Generate wrote (portfolio-order.ts): while
 * they hold, a rank is its predecessor's or its place and a percentile one binary search, so a
 * full recalculation is O(rows + customers · log customers); once an analyst's edit breaks an
 * order, one COUNTIF over the customers per customer (as RANK would be), until the next Refresh
 * writes the orders again. The emulator answers such a COUNTIF by a binary search in the column
 * sorted once (criteria.ts).
 *
 * Periods come from the Industry sheet (SixStep_PeriodStart … SixStep_CompareMonths), so the
 * portfolio follows the analyst's period there.
 */
import type { Translate } from "../i18n";
import { cellA1, columnIndex, parseRect } from "../address";
import type { Portfolio, PortfolioWeights, Quadrant } from "../method/portfolio";
import { DEFAULT_THRESHOLDS, DEFAULT_WEIGHTS, MIN_PEERS } from "../method/portfolio";
import type { RevenueRow } from "../tables/revenue";
import { monthToSerial } from "../tables/period";
import { headerRow, keyFormat, moneyFormat, quoted, sentence, SheetBuilder, titleBlock, type KeyOf } from "./kit";
import type { RevenueRefs, Unit } from "./kit";
import { mergeInputRows, rowKey, type PreviousInputs } from "./inputs";
import type { Block, PlanCell, SheetPlan } from "./plan";
import { PORTFOLIO_HEAD, PORTFOLIO_TABLE } from "./anchors";
import { CellAnchor, ColumnAnchor, type Anchors } from "./anchor";
import { orderPlan, type OrderHelpers } from "./portfolio-order";

const FIRST = PORTFOLIO_HEAD + 1;
/**
 * Hidden helper columns: services (AH), chart points (AI:AJ), threshold lines (AK:AN), the sorted
 * copy (AO:AW below the accounts; AT:AU the segments' rows from FIRST, AV's head the copy's row
 * count), the customers' averages (AW: the average, blank for a non-customer), whether the
 * orders written still hold (AX:AY) and the customers by average (AZ:BB).
 */
const HELPERS = "AH:BB";

export interface PortfolioInputs {
  unit?: Unit;
  note?: string;
  key: KeyOf;
  /** The Industry sheet's key field: customerId where the table has ids. */
  keyField: "customerId" | "customer";
  /** The focus customer's key: its plan column reads "this workbook". */
  focusKey: string | null;
  previous?: PreviousInputs;
  /** The revenue rows and each one's position (1-based) in the ranges the refs name. */
  rows: RevenueRow[];
  position: (r: RevenueRow, index: number) => number;
  /** How many rows the refs' ranges span on Generate (blank rows included). */
  rangeRows: number;
  keyOfRow: (r: RevenueRow) => string;
  /** The Needs sheet's employees' spend a month, by name, where the workbook has that sheet. */
  employeesSpendName?: string;
}

/** Yes / no words of the non-customer column, in both languages (a language switch keeps the flag). */
const YES = ["是", "yes", "y", "x", "×", "√", "✓"];
const NO = ["否", "no", "n"];
function flagOf(v: unknown): boolean | null {
  if (v === true) return true;
  if (v === false) return false;
  const s = String(v ?? "")
    .trim()
    .toLowerCase();
  if (s === "") return null;
  if (YES.includes(s)) return true;
  if (NO.includes(s)) return false;
  return null;
}

export function quadrantLabel(t: Translate, q: Quadrant): string {
  return t(`sheet.pf.q.${q}`);
}

/** The analyst's inputs read back: weights, thresholds, and each account's relationship and plan. */
export function portfolioInputs(previous: PreviousInputs | undefined) {
  const num = (v: unknown, d: number) => (typeof v === "number" && Number.isFinite(v) ? v : d);
  const w = previous?.weights;
  const weights: PortfolioWeights = {
    revenue: num(w?.[0]?.[0], DEFAULT_WEIGHTS.revenue),
    growth: num(w?.[1]?.[0], DEFAULT_WEIGHTS.growth),
    whitespace: num(w?.[2]?.[0], DEFAULT_WEIGHTS.whitespace),
    wallet: num(w?.[3]?.[0], DEFAULT_WEIGHTS.wallet),
  };
  const th = previous?.thresholds;
  const thresholds = {
    attractive: num(th?.[0]?.[0], DEFAULT_THRESHOLDS.attractive),
    strong: num(th?.[1]?.[0], DEFAULT_THRESHOLDS.strong),
  };
  // The analyst's rows by key, matched as every input table's rows are (rowKey: case, width, spaces).
  const rows = new Map<string, unknown[]>();
  for (const r of previous?.accounts ?? []) {
    if (r[0] === null || r[0] === undefined || r[0] === "") continue;
    if (!rows.has(rowKey(r, 1))) rows.set(rowKey(r, 1), r);
  }
  /**
   * An account's relationship score, plan, non-customer flag (null: none given, the name decides)
   * and wallet as the analyst left them (undefined: no row).
   */
  const account = (key: string) => {
    const r = rows.get(rowKey([key], 1));
    if (!r) return undefined;
    const plan = r[2] === null || r[2] === undefined || r[2] === "" ? null : String(r[2]);
    const finite = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
    return { relationship: finite(r[1]), plan, nonCustomer: flagOf(r[3]), wallet: finite(r[4]) };
  };
  return { weights, thresholds, account, keys: [...rows.values()].map((r) => String(r[0])) };
}

/**
 * The sorted helper: the revenue rows of the accounts in the order segment → account (the model's
 * accounts) → service → position; each account's, (account, service) group's and segment's first
 * and last helper index (0-based; -1 when none). Rows without an account (no key) are left out:
 * no customer's sum reads them.
 */
function sortedCopy(p: Portfolio, inputs: PortfolioInputs) {
  const accountIndex = new Map(p.accounts.map((a, i) => [a.key, i]));
  // Each account's segment, folded once (the sort compares 60,000 rows about a million times).
  const folded = p.accounts.map((a) => a.segment.toLowerCase());
  const segOf = (i: number) => folded[i];
  const serviceIndex = new Map(p.services.map((s, i) => [s, i]));
  const items: { account: number; service: number; position: number; row: RevenueRow }[] = [];
  inputs.rows.forEach((r, i) => {
    const account = accountIndex.get(inputs.keyOfRow(r));
    if (account === undefined) return;
    items.push({ account, service: serviceIndex.get(r.service) ?? -1, position: inputs.position(r, i), row: r });
  });
  // The segments' order, as numbers: the folded names compared as strings.
  const names = [...new Set(folded)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const rankOf = new Map(names.map((n, k) => [n, k]));
  const rank = folded.map((f) => rankOf.get(f)!);
  items.sort(
    (a, b) =>
      rank[a.account] - rank[b.account] || a.account - b.account || a.service - b.service || a.position - b.position,
  );
  const accounts = p.accounts.map(() => ({ lo: -1, hi: -1, groups: [] as { lo: number; hi: number }[], seg: -1 }));
  const segments: { lo: number; hi: number; count: number }[] = [];
  const segIndex = new Map<string, number>();
  items.forEach((it, i) => {
    const a = accounts[it.account];
    if (a.lo < 0) a.lo = i;
    a.hi = i;
    const prev = i > 0 ? items[i - 1] : undefined;
    // A service outside the table's list is not counted among the services used (as before).
    if (it.service >= 0) {
      if (!prev || prev.account !== it.account || prev.service !== it.service) a.groups.push({ lo: i, hi: i });
      else a.groups[a.groups.length - 1].hi = i;
    }
    const seg = segOf(it.account);
    if (!prev || segOf(prev.account) !== seg) {
      segIndex.set(seg, segments.length);
      segments.push({ lo: i, hi: i, count: 0 });
    } else segments[segments.length - 1].hi = i;
  });
  // Each account's segment row (accounts without rows share one empty segment, as the model does).
  p.accounts.forEach((acc, i) => {
    const seg = acc.segment.toLowerCase();
    let k = segIndex.get(seg);
    if (k === undefined) {
      k = segments.length;
      segIndex.set(seg, k);
      segments.push({ lo: -1, hi: -1, count: 0 });
    }
    accounts[i].seg = k;
    segments[k].count++;
  });
  return { items, accounts, segments };
}

/** The settings cells (weights B4:B7, thresholds E4:E5, the counts E6:E7) and the account columns. */
function portfolioAnchors(sheet: string, last: number) {
  const at = (a: string) => CellAnchor.at(sheet, a);
  return {
    wRevenue: at("B4"),
    wGrowth: at("B5"),
    wWhitespace: at("B6"),
    wWallet: at("B7"),
    attractiveFrom: at("E4"),
    strongFrom: at("E5"),
    serviceCount: at("E6"),
    rankedCount: at("E7"),
    /** A column of the account rows, by its letter. */
    column: (L: string) => new ColumnAnchor(sheet, columnIndex(L), FIRST, last),
  };
}

/** What the parts of the Portfolio sheet share. */
interface Ctx {
  at: ReturnType<typeof portfolioAnchors>;
  t: Translate;
  p: Portfolio;
  inputs: PortfolioInputs;
  refs: RevenueRefs;
  /** Account rows (at least 1) and the last one's row. */
  n: number;
  last: number;
  /** A column of the account rows, absolute. */
  col: (L: string) => string;
  yes: string;
  no: string;
  /** The quoted yes (the non-customer flag). */
  Y: string;
  q: (k: Quadrant) => string;
  money: string;
  copy: SortedCopy;
  /** The orders written for the rank and the percentile, when there are customers. */
  order: OrderHelpers | null;
  /** The analyst's row for an account, as the sheet held it. */
  account: ReturnType<typeof portfolioInputs>["account"];
}

/** Weights and thresholds (fixed blocks: the analyst's values replace the defaults cell by cell). */
function settingsBlocks(t: Translate, previous: PreviousInputs | undefined): Block[] {
  const { weights, thresholds } = portfolioInputs(previous);
  const weightRows = mergeInputRows(
    [[weights.revenue], [weights.growth], [weights.whitespace], [weights.wallet]],
    previous?.weights,
    0,
    1,
  );
  const thresholdRows = mergeInputRows([[thresholds.attractive], [thresholds.strong]], previous?.thresholds, 0, 1);
  return [
    { at: "A3", cells: [[t("sheet.pf.weights")]], style: { bold: true } },
    {
      at: "A4",
      cells: [[t("sheet.pf.wRevenue")], [t("sheet.pf.wGrowth")], [t("sheet.pf.wWhitespace")], [t("sheet.pf.wWallet")]],
    },
    { at: "B4", cells: weightRows, input: true, numberFormat: "0.00" },
    { at: "D3", cells: [[t("sheet.pf.thresholds")]], style: { bold: true } },
    {
      at: "D4",
      cells: [
        [t("sheet.pf.attractiveFrom")],
        [t("sheet.pf.strongFrom")],
        [t("sheet.pf.serviceCount")],
        [t("sheet.pf.rankedCount")],
      ],
    },
    { at: "E4", cells: thresholdRows, input: true, numberFormat: "0.0" },
  ];
}

interface SortedCopy {
  /** The copy's rows (AO:AW), written in chunks after the sheet (SheetPlan.bulk). */
  rows: PlanCell[][];
  /** Its first row on the sheet. */
  at: number;
  /**
   * The cell holding account i's period sum (AT), comparison sum (AU) or services used (AW), on
   * its last row of the copy; "0" for an account without rows.
   */
  accountSum: (i: number, column: "AT" | "AU" | "AW") => string;
  /** One row per segment: its period average and its accounts. */
  segmentRows: PlanCell[][];
  /** Account i's segment (its row among segmentRows). */
  segmentOf: (i: number) => number;
  /** The cell the copy's last chunk fills with its row count, and the test that it has not yet. */
  done: string;
  incomplete: string;
  /** The sum of the copy's amounts (an #N/A in it: a row moved or changed): a cell holding `sum`. */
  total: string;
  /** That cell (above the copy's first row), and its formula. */
  totalAt: string;
  sum: string;
}

const perMonth = (sum: string, months: string) => `IF(${months}>0,${sum}/${months},0)`;

/**
 * The sorted copy (hidden columns AO:AW, below the accounts from row `at`): AO the source row's
 * position, AP its key, AQ its service, AR its month (constants, fixed on Generate); AS its amount
 * (a formula, the same in every row in R1C1: live over the revenue table, #N/A once the source row
 * no longer holds that key, service and month). A customer's, an (account, service) group's and a
 * segment's rows are contiguous there: each sum is a SUMIFS over its own rows. On a customer's
 * last row, its period (AT) and comparison (AU) sums and its services used (AW); on a group's last
 * row, its period sum (AV). One row per segment (AT its period average, AU its accounts) from row
 * FIRST.
 */
function copyPlan(p: Portfolio, inputs: PortfolioInputs, tableRefs: RevenueRefs, n: number): SortedCopy {
  const sc = sortedCopy(p, inputs);
  // Each row's check reads the revenue table through the route's names where it has them.
  const refs = tableRefs.named ?? tableRefs;
  const keyRef = inputs.keyField === "customerId" ? (refs.customerId ?? refs.customer) : refs.customer;
  const at = FIRST + n + 2;
  const h = (i: number) => at + i;
  // A SUMIFS of the amounts of copy rows lo..hi in a period: absolute (`$`) for a cell elsewhere,
  // relative for one in the copy's rows, so that it is one formula in R1C1 for every slice as long.
  const sumOver = (lo: number, hi: number, period: "Period" | "Compare", $ = "") => {
    const m = `${$}AR${$}${h(lo)}:${$}AR${$}${h(hi)}`;
    return `SUMIFS(${$}AS${$}${h(lo)}:${$}AS${$}${h(hi)},${m},">="&SixStep_${period}Start,${m},"<="&SixStep_${period}End)`;
  };
  // The sums each account and each (account, service) group needs, on its own last row (AT:AW).
  // Most rows have none: they share one empty row (60,000 arrays fewer to make and collect).
  const none: PlanCell[] = ["", "", "", ""];
  const sums: (PlanCell[] | undefined)[] = new Array(sc.items.length);
  const sumsAt = (i: number) => (sums[i] ??= [...none]);
  for (const x of sc.accounts) {
    if (x.lo < 0) continue;
    for (const g of x.groups) sumsAt(g.hi)[2] = { f: `=${sumOver(g.lo, g.hi, "Period")}` };
    const groups = `AV${h(x.lo)}:AV${h(x.hi)}`;
    sumsAt(x.hi)[0] = { f: `=${sumOver(x.lo, x.hi, "Period")}` };
    sumsAt(x.hi)[1] = { f: `=${sumOver(x.lo, x.hi, "Compare")}` };
    // Services used: the groups with a positive period sum (an error among them: the first, as a
    // sum of (group > 0) would give).
    sumsAt(x.hi)[3] = { f: `=SUM(${groups})*0+COUNTIF(${groups},">0")` };
  }
  // Each row's check: its own row number in every place of one text (`ROW`, cut out once).
  const ROW = "\u0000";
  const read = (ref: string) => `INDEX(${ref},AO${ROW})`;
  // Keys compared as text: a key read as a number in one and as text in the other still matches.
  const ok = [`${read(keyRef)}&""=AP${ROW}&""`, `${read(refs.service)}&""=AQ${ROW}&""`, `${read(refs.month)}=AR${ROW}`];
  const check = `=IF(AND(${ok.join(",")}),N(${read(refs.amount)}),NA())`.split(ROW);
  const rows: PlanCell[][] = sc.items.map((it, i) => [
    it.position,
    inputs.key(inputs.keyField, inputs.keyOfRow(it.row)),
    inputs.key("service", it.row.service),
    // The period cell as the formulas' range holds it: the table's date serial, or the
    // normalised copy's first day of the month.
    it.row.monthValue ?? monthToSerial(it.row.month),
    { f: check.join(String(h(i))) },
    ...(sums[i] ?? none),
  ]);
  /** An account's sum (AT, AU, AW by `column`), where it has rows. */
  const accountSum = (i: number, column: "AT" | "AU" | "AW") => {
    const x = sc.accounts[i];
    return x.lo < 0 ? "0" : `$${column}$${h(x.hi)}`;
  };
  return {
    rows,
    at,
    accountSum,
    segmentRows: sc.segments.map((g) => [
      { f: `=${perMonth(g.lo < 0 ? "0" : sumOver(g.lo, g.hi, "Period", "$"), "SixStep_Months")}` },
      g.count,
    ]),
    segmentOf: (i: number) => sc.accounts[i].seg,
    // Until the last chunk is written every sum reads #N/A, never a sum over part of the rows.
    done: `AV${PORTFOLIO_HEAD}`,
    incomplete: `$AV$${PORTFOLIO_HEAD}<>${rows.length}`,
    total: rows.length ? `$AS$${at - 1}` : "0",
    totalAt: `AS${at - 1}`,
    sum: rows.length ? `SUM($AS$${h(0)}:$AS$${h(rows.length - 1)})` : "0",
  };
}

/** One account row: the analyst's cells (A–E, with their formats) and the figures (F–V). */
function accountRow(c: Ctx, i: number): { input: PlanCell[]; formats: string[]; figures: PlanCell[] } {
  const { t, inputs, yes, no, Y, q, col, copy } = c;
  const a = c.p.accounts[i];
  const r = FIRST + i;
  const key = inputs.key(inputs.keyField, a.key);
  const mine = c.account(a.key);
  const plan = mine?.plan ?? (a.key === inputs.focusKey ? t("sheet.pf.thisWorkbook") : null);
  const flag = a.nonCustomer ? yes : mine?.nonCustomer === false ? no : null;
  // The segment's row, absolute: a sort of the accounts' table moves this formula with its row.
  const seg = FIRST + copy.segmentOf(i);
  const [segSum, segCount] = [`$AT$${seg}`, `$AU$${seg}`];
  const incomplete = copy.incomplete;
  const notCustomer = `$D${r}=${Y}`;
  const w = c.at;
  const W = w.wRevenue.to(w.wWallet);
  const [E4, E5, E6, E7] = [w.attractiveFrom, w.strongFrom, w.serviceCount, w.rankedCount].map((x) => x.abs());
  const employees =
    a.key === inputs.focusKey && inputs.employeesSpendName ? `,IFERROR(N(${inputs.employeesSpendName}),0)` : "";
  const o = c.order;
  // Averages to a millionth (AW holds them so): equal sums are a tie whatever their order of addition.
  const average = `ROUND(I${r},6)`;
  const countBelow = `COUNTIF(${col("AW")},"<"&${average})`;
  const below = o
    ? `IF(${o.averageOk},INDEX(${o.firstOf},MATCH(${average},${o.sorted},1))-1,${countBelow})`
    : countBelow;
  // A rank: 1 + the customers more attractive. In the order written: a tie's is its predecessor's.
  const countAbove = `COUNTIF(${col("T")},">"&T${r})+1`;
  // Its place is the row's (ROW()), so the order holds wherever a sort of the rows put it; the
  // first row compares with the header, which no attractiveness equals.
  const inOrder = `IF(T${r}=T${r - 1},V${r - 1},ROW()-${FIRST - 1})`;
  const rank = o && i < o.m ? `IF(${o.rankOk},${inOrder},${countAbove})` : countAbove;
  const figures: PlanCell[] = [
    a.name,
    a.industry,
    a.segment,
    { f: `=IF(${incomplete},NA(),${perMonth(copy.accountSum(i, "AT"), "SixStep_Months")})` },
    { f: `=IF(${incomplete},NA(),${perMonth(copy.accountSum(i, "AU"), "SixStep_CompareMonths")})` },
    { f: `=IF(J${r}=0,"",I${r}/J${r}-1)` },
    { f: `=IF(${segSum}=0,"",I${r}/${segSum})` },
    // The wallet: the analyst's, else the largest of ours, the employees' spend, the peers' mean.
    {
      f: `=IF(ISNUMBER(E${r}),E${r},MAX(I${r}${employees},IF(${segCount}>${MIN_PEERS},(${segSum}-I${r})/(${segCount}-1),0)))`,
    },
    { f: `=IF(M${r}>0,I${r}/M${r},"")` },
    // Services used: the (account, service) groups with a positive period sum.
    { f: `=IF(${incomplete},NA(),${copy.accountSum(i, "AW")})` },
    {
      // The customers below this one: the first place of this average in the list by average, less
      // one, while that list holds; else one COUNTIF over AW (a non-customer's average blank there).
      f: `=IF(${notCustomer},"",IF(${E7}>1,5*${below}/(${E7}-1),0))`,
    },
    { f: `=IF(${notCustomer},"",IF(K${r}="",2.5,5*MIN(1,MAX(0,(K${r}+0.25)/0.5))))` },
    { f: `=IF(${notCustomer},"",IF(${E6}>0,5*(1-O${r}/${E6}),0))` },
    { f: `=IF(${notCustomer},"",IF(N${r}="",0,5*(1-MIN(1,N${r}))))` },
    {
      f: `=IF(${notCustomer},"",ROUND(IF(SUM(${W})>0,(${w.wRevenue.abs()}*P${r}+${w.wGrowth.abs()}*Q${r}+${w.wWhitespace.abs()}*R${r}+${w.wWallet.abs()}*S${r})/SUM(${W}),0),4))`,
    },
    {
      f: `=IF(${notCustomer},${q("excluded")},IF(B${r}="",${q("rate")},IF(T${r}>=${E4},IF(B${r}>=${E5},${q("invest")},${q("build")}),IF(B${r}>=${E5},${q("maintain")},${q("monitor")}))))`,
    },
    { f: `=IF(${notCustomer},"",${rank})` },
  ];
  return {
    input: [key, a.relationship, plan, flag, a.walletInput],
    formats: [keyFormat(key), "0", "@", "@", c.money],
    figures,
  };
}

/** The counts by E6:E7, the header row and the account rows. */
function accountBlocks(c: Ctx): Block[] {
  const { t, p, col, Y, money } = c;
  const S = `$AH$${FIRST}:$AH$${FIRST + Math.max(1, p.services.length) - 1}`;
  const blocks: Block[] = [
    {
      at: "E6",
      cells: [[{ f: `=COUNTA(${S})` }], [{ f: `=ROWS(${col("D")})-COUNTIF(${col("D")},${Y})` }]],
      numberFormat: "0",
    },
    headerRow(PORTFOLIO_HEAD, [
      t("sheet.pf.key"),
      t("sheet.pf.relationship"),
      t("sheet.pf.plan"),
      t("sheet.pf.nonCustomer"),
      t("sheet.pf.walletInput"),
      t("sheet.pf.customer"),
      t("sheet.pf.industry"),
      t("sheet.pf.segment"),
      t("sheet.pf.average"),
      t("sheet.pf.compareAverage"),
      t("sheet.pf.growth"),
      t("sheet.pf.segmentShare"),
      t("sheet.pf.wallet"),
      t("sheet.pf.shareOfWallet"),
      t("sheet.pf.services"),
      t("sheet.pf.revenueScore"),
      t("sheet.pf.growthScore"),
      t("sheet.pf.whitespaceScore"),
      t("sheet.pf.walletScore"),
      t("sheet.pf.attractiveness"),
      t("sheet.pf.quadrant"),
      t("sheet.pf.rank"),
    ]),
  ];
  if (!p.accounts.length) return blocks;
  const rows = p.accounts.map((_, i) => accountRow(c, i));
  blocks.push(
    { at: `A${FIRST}`, cells: rows.map((x) => x.input), input: true, numberFormat: rows.map((x) => x.formats) },
    {
      at: `F${FIRST}`,
      cells: rows.map((x) => x.figures),
      numberFormat: rows.map(() => [
        "@",
        "@",
        "@",
        money,
        money,
        "+0.0%;-0.0%",
        "0.0%",
        money,
        "0.0%",
        "0",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "General",
        "0",
      ]),
    },
  );
  return blocks;
}

/**
 * Hidden helpers: the table's services; the chart's points (#N/A hides unrated accounts and
 * non-customers); the thresholds' lines; the sorted copy's header and the segments.
 */
function helperBlocks(c: Ctx): Block[] {
  const { t, p, inputs, Y } = c;
  const helpers: Block[] = [
    {
      at: `AH${PORTFOLIO_HEAD}`,
      cells: [[t("sheet.pf.serviceList")], ...p.services.map((s) => [inputs.key("service", s)])],
      numberFormat: [["@"], ...p.services.map((s) => [keyFormat(inputs.key("service", s))])],
      helper: true,
    },
    {
      at: `AI${PORTFOLIO_HEAD}`,
      cells: [
        [t("sheet.pf.relationship"), t("sheet.pf.accounts")],
        ...p.accounts.map((_, i): PlanCell[] => {
          const r = FIRST + i;
          return [{ f: `=IF(OR(B${r}="",$D${r}=${Y}),NA(),B${r})` }, { f: `=IF(OR(B${r}="",$D${r}=${Y}),NA(),T${r})` }];
        }),
      ],
      numberFormat: [["@", "@"], ...p.accounts.map(() => ["0", "0.00"])],
      helper: true,
      afterRows: true,
    },
    {
      at: `AW${PORTFOLIO_HEAD}`,
      cells: [
        [t("sheet.pf.hCustomerAverage")],
        // An error in D is no match, as the COUNTIFS this replaces counted it (IFERROR: not a non-customer).
        ...p.accounts.map((_, i): PlanCell[] => [
          { f: `=IF(IFERROR($D${FIRST + i}=${Y},FALSE),"",ROUND(I${FIRST + i},6))` },
        ]),
      ],
      numberFormat: [["@"], ...p.accounts.map(() => [c.money])],
      helper: true,
      afterRows: true,
    },
    {
      at: `AK${PORTFOLIO_HEAD}`,
      cells: [
        [
          t("sheet.pf.strongFrom"),
          t("sheet.pf.attractiveness"),
          t("sheet.pf.relationship"),
          t("sheet.pf.attractiveFrom"),
        ],
        [{ f: `=${c.at.strongFrom.abs()}` }, 0, 1, { f: `=${c.at.attractiveFrom.abs()}` }],
        [{ f: `=${c.at.strongFrom.abs()}` }, 5, 5, { f: `=${c.at.attractiveFrom.abs()}` }],
      ],
      helper: true,
    },
    {
      at: `AO${PORTFOLIO_HEAD}`,
      cells: [
        [
          t("sheet.pf.hPosition"),
          t("sheet.pf.hKey"),
          t("sheet.pf.hService"),
          t("sheet.pf.hMonth"),
          t("sheet.pf.hAmount"),
          t("sheet.pf.hSegmentAverage"),
          t("sheet.pf.hSegmentAccounts"),
        ],
      ],
      helper: true,
    },
  ];
  if (c.copy.segmentRows.length)
    helpers.push({ at: `AT${FIRST}`, cells: c.copy.segmentRows, helper: true, afterBulk: true });
  if (c.copy.rows.length) {
    helpers.push({ at: c.copy.totalAt, cells: [[{ f: `=${c.copy.sum}` }]], helper: true, afterBulk: true });
    // The copy's sums (AT:AW of its rows) are labelled above its first row, beside the total.
    helpers.push({
      at: `AT${c.copy.at - 1}`,
      cells: [
        [
          t("sheet.pf.hAccountPeriod"),
          t("sheet.pf.hAccountCompare"),
          t("sheet.pf.hServicePeriod"),
          t("sheet.pf.hServicesUsed"),
        ],
      ],
      helper: true,
    });
  }
  if (c.order) helpers.push(c.order.block);
  return helpers.flatMap(headerFirst);
}

/**
 * A block written after the accounts' rows (`afterRows`) keeps its header row in the sheet's first
 * batch: the chart over AI:AJ is made there and names its series from the header it finds.
 */
function headerFirst(b: Block): Block[] {
  if (!b.afterRows || b.cells.length < 2) return [b];
  const at = parseRect(b.at);
  const fmt = b.numberFormat;
  const rowsOf = (from: number, to?: number) => (typeof fmt === "string" || !fmt ? fmt : fmt.slice(from, to));
  return [
    { ...b, cells: b.cells.slice(0, 1), numberFormat: rowsOf(0, 1), afterRows: undefined },
    { ...b, at: cellA1(at.r0 + 1, at.c0), cells: b.cells.slice(1), numberFormat: rowsOf(1) },
  ];
}

/**
 * The so what: the three most attractive accounts, how many fall in each quadrant, where the
 * focus account ranks and on what; and whether the sorted copy still matches the revenue table.
 */
function portfolioSentences(c: Ctx): { f: string }[] {
  const { t, p, inputs, refs, q, col, copy } = c;
  const top = (k: number) => `INDEX(${col("F")},MATCH(LARGE(${col("T")},${k}),${col("T")},0))`;
  const count = (k: Quadrant) => `COUNTIF(${col("U")},${q(k)})`;
  const focusRow = p.accounts.findIndex((a) => a.key === inputs.focusKey);
  const fr = FIRST + focusRow;
  const pct = (ref: string) => `TEXT(${ref},"0%")`;
  const score = (ref: string) => `TEXT(${ref},"0.0")`;
  const sentences = [
    sentence(t("impl.portfolio.top"), { first: top(1), second: top(2), third: top(3) }),
    sentence(t("impl.portfolio.quadrants"), {
      invest: count("invest"),
      build: count("build"),
      maintain: count("maintain"),
      monitor: count("monitor"),
      rate: count("rate"),
      excluded: count("excluded"),
    }),
  ];
  if (focusRow >= 0)
    sentences.push(
      sentence(t("impl.portfolio.focus"), {
        name: `F${fr}`,
        rank: `V${fr}`,
        ranked: c.at.rankedCount.abs(),
        attractiveness: score(`T${fr}`),
        revenue: score(`P${fr}`),
        growth: score(`Q${fr}`),
        whitespace: score(`R${fr}`),
        wallet: score(`S${fr}`),
        share: pct(`N${fr}`),
      }),
    );
  // The copy's check: rows moved or changed (an #N/A in the copy), or rows added or removed.
  sentences.push({
    // Rows counted where the copy reads them (the route's names, where it has them): a later run
    // that points the names at another source is measured by the same count.
    f: `=IF(OR(${copy.incomplete},ISNA(${copy.total}),ROWS(${(refs.named ?? refs).amount})<>${inputs.rangeRows}),${quoted(t("impl.portfolio.stale"))},"")`,
  });
  return sentences;
}

export function buildPortfolioPlan(
  t: Translate,
  refs: RevenueRefs,
  p: Portfolio,
  inputs: PortfolioInputs,
): { plan: SheetPlan; first: number; last: number } {
  const sheet = new SheetBuilder();
  sheet.add(titleBlock(t("sheet.pf.title"), inputs.note));
  sheet.add(settingsBlocks(t, inputs.previous));
  const n = Math.max(1, p.accounts.length);
  const last = FIRST + n - 1;
  const yes = t("sheet.pf.yes");
  const at = portfolioAnchors(t("sheet.pf.name"), last);
  const c: Ctx = {
    at,
    t,
    p,
    inputs,
    refs,
    n,
    last,
    col: (L: string) => at.column(L).range(),
    yes,
    no: t("sheet.pf.no"),
    Y: quoted(yes),
    q: (k: Quadrant) => quoted(quadrantLabel(t, k)),
    money: moneyFormat(inputs.unit),
    copy: copyPlan(p, inputs, refs, n),
    order: orderPlan(t, p, moneyFormat(inputs.unit), at.rankedCount.abs()),
    account: portfolioInputs(inputs.previous).account,
  };
  sheet.add(accountBlocks(c));
  sheet.add(helperBlocks(c));
  sheet.addImplications(t, "portfolio", {
    row: 3,
    col: 6,
    width: 11,
    purpose: t("step.portfolio.purpose"),
    sentences: portfolioSentences(c),
    previous: inputs.previous?.implications as PlanCell[][] | undefined,
  });
  const plan = sheet.plan(t("sheet.pf.name"), "portfolio", {
    bulk: {
      at: `AO${c.copy.at}`,
      cells: c.copy.rows,
      numberFormat: ["0", "@", "@", "yyyy-mm", "General", "General", "General", "General", "0"],
      done: { at: c.copy.done, value: c.copy.rows.length },
    },
    ...sheetOptions(c),
    anchors: anchorsOf(at),
  });
  return { plan, first: FIRST, last };
}

/** The anchors a test or another sheet reads: the settings cells and the account columns. */
function anchorsOf(at: ReturnType<typeof portfolioAnchors>): Anchors {
  return {
    "weights.revenue": at.wRevenue,
    "weights.growth": at.wGrowth,
    "weights.whitespace": at.wWhitespace,
    "weights.wallet": at.wWallet,
    "thresholds.attractive": at.attractiveFrom,
    "thresholds.strong": at.strongFrom,
    serviceCount: at.serviceCount,
    rankedCount: at.rankedCount,
    "accounts.key": at.column("A"),
    "accounts.customer": at.column("F"),
    "accounts.attractiveness": at.column("T"),
    "accounts.quadrant": at.column("U"),
    "accounts.rank": at.column("V"),
  };
}

/** The sheet's widths, inputs, rules, table, names, chart and print. */
function sheetOptions(c: Ctx): Omit<Parameters<SheetBuilder["plan"]>[2], "bulk"> {
  const { t, p, n, last, yes, no, Y, q } = c;
  return {
    // A:M print on one landscape page at 70% (1,120 pt), and N:AD (the chart's columns) beside F,
    // repeated as the print title: each page of scores names its customers.
    columnWidths: {
      A: 90,
      B: 70,
      C: 60,
      D: 60,
      E: 90,
      F: 170,
      G: 80,
      H: 80,
      I: 95,
      J: 95,
      K: 60,
      L: 60,
      M: 100,
      N: 60,
      O: 60,
      P: 55,
      Q: 55,
      R: 55,
      S: 55,
      T: 70,
      U: 80,
      V: 45,
    },
    freezeRows: PORTFOLIO_HEAD,
    // The header's labels wrap on two lines in the narrow score columns.
    rowHeights: { [PORTFOLIO_HEAD]: 30 },
    hiddenColumns: [HELPERS],
    inputTables: [
      { id: "weights", range: "B4:B7", keyColumns: 0 },
      { id: "thresholds", range: "E4:E5", keyColumns: 0 },
      { id: "accounts", range: `A${FIRST}:E${last}`, keyColumns: 1, optionalColumns: [1, 2, 3, 4] },
    ],
    validations: [
      { range: "B4:B7", type: "decimal", min: 0, max: 100 },
      { range: "E4:E5", type: "decimal", min: 0, max: 5 },
      { range: `B${FIRST}:B${last}`, type: "wholeNumber", min: 1, max: 5 },
      { range: `D${FIRST}:D${last}`, type: "list", source: [yes, no] },
      { range: `E${FIRST}:E${last}`, type: "decimal", min: 0, max: 1e12 },
    ],
    conditionalFormats: [
      { range: `T${FIRST}:T${last}`, type: "colorScale", min: "#FFFFFF", max: "#63BE7B" },
      { range: `U${FIRST}:U${last}`, type: "custom", formula: `=U${FIRST}=${q("invest")}`, fill: "#E2EFDA" },
      { range: `U${FIRST}:U${last}`, type: "custom", formula: `=U${FIRST}=${q("rate")}`, fontColor: "#595959" },
      { range: `A${FIRST}:V${last}`, type: "custom", formula: `=$D${FIRST}=${Y}`, fontColor: "#595959" },
    ],
    // An Excel table over the accounts: filter and sort buttons (the formulas hold per row).
    tables: p.accounts.length ? [{ name: PORTFOLIO_TABLE, range: `A${PORTFOLIO_HEAD}:V${last}` }] : [],
    names: {
      SixStep_PortfolioKeys: `A${FIRST}:A${last}`,
      SixStep_PortfolioAttractiveness: `T${FIRST}:T${last}`,
      // For the deck's 2×2 slide: the accounts with their header, the chart's own points (#N/A
      // where the sheet's chart leaves an account off) and the quadrant thresholds.
      SixStep_PortfolioAccounts: `A${PORTFOLIO_HEAD}:V${last}`,
      SixStep_PortfolioPoints: `AI${PORTFOLIO_HEAD}:AJ${last}`,
      SixStep_PortfolioThresholds: "E4:E5",
    },
    charts: [
      {
        type: "XYScatter",
        source: `AI${PORTFOLIO_HEAD}:AJ${last}`,
        plotHidden: true,
        title: t("sheet.pf.chart"),
        seriesBy: "Columns",
        // Beside the table's scores, within the page band they print on (F repeated at its left).
        at: "W3",
        to: "AD24",
        // The 2×2 keeps its scales: relationship 1–5 across, attractiveness 0–5 up.
        axes: { x: { min: 1, max: 5 }, y: { min: 0, max: 5 } },
        axisTitles: { x: t("chart.axis.relationship"), y: t("chart.axis.attractiveness") },
        extraSeries: [
          {
            name: t("sheet.pf.strongFrom"),
            xValues: `AK${FIRST}:AK${FIRST + 1}`,
            values: `AL${FIRST}:AL${FIRST + 1}`,
            chartType: "XYScatterLinesNoMarkers",
          },
          {
            name: t("sheet.pf.attractiveFrom"),
            xValues: `AM${FIRST}:AM${FIRST + 1}`,
            values: `AN${FIRST}:AN${FIRST + 1}`,
            chartType: "XYScatterLinesNoMarkers",
          },
        ],
      },
    ],
    // Every page repeats the title and the header row; as many pages tall as the accounts need.
    // The pages right of the first band repeat the customer's name (F), so the scores are named.
    print: {
      titleRows: `${PORTFOLIO_HEAD}:${PORTFOLIO_HEAD}`,
      titleColumns: "F:F",
      pagesTall: Math.max(1, Math.ceil((n + 12) / 45)),
    },
  };
}
