/**
 * The Industry sheet's two industry × service matrices: monthly averages over the period with
 * each industry's service mix, and one month's totals (the deck's December 2002 view).
 */
import type { Translate } from "../i18n";
import type { IndustryAnalysis } from "../method/industry";
import { columnLetter } from "../address";
import {
  dashZero,
  heading,
  headerRow,
  keyFormat,
  PERCENT_FORMAT,
  type KeyOf,
  type RevenueRefs,
  type Section,
} from "./kit";
import type { Block } from "./plan";
import { CellAnchor } from "./anchor";

const PCT = PERCENT_FORMAT;
/** A month's format (the single-month matrix's month, the settings' helper months). */
export const MONTH_FORMAT = "yyyy-mm";

/** The Industry sheet's settings cells (rows 3–7): the periods, the months present in each, the focus customer. */
export function industrySettings(sheet: string) {
  const at = (row: number, col = 1) => new CellAnchor(sheet, row, col);
  return {
    periodStart: at(3),
    periodEnd: at(3, 2),
    compareStart: at(4),
    compareEnd: at(4, 2),
    months: at(5),
    compareMonths: at(6),
    focusId: at(7),
  };
}

export type IndustrySettings = ReturnType<typeof industrySettings>;

/** What the matrices read of the sheet's context: the analysis, the references, the period criteria. */
export interface MatrixCtx {
  /** The settings cells. */
  at: IndustrySettings;
  a: IndustryAnalysis;
  refs: RevenueRefs;
  t: Translate;
  money: string;
  /** SUMIFS criteria for the period. */
  P: string;
  key: KeyOf;
}

/** One month's industry × service matrix (title and month at `row`): the deck's December 2002 view. */
export function monthMatrix(
  c: MatrixCtx,
  row: number,
  month: number,
): Section & { head: number; first: number; last: number } {
  const { a, refs, t, money: MONEY } = c;
  const head = row + 1;
  const first = head + 1;
  const ns = a.services.length;
  const last = first + a.industries.length - 1;
  const M = `${refs.month},">="&$B$${row},${refs.month},"<"&EDATE($B$${row},1)`;
  const blocks: Block[] = [
    heading(row, t("sheet.monthMatrix")),
    { at: `B${row}`, cells: [[month]], input: true, numberFormat: MONTH_FORMAT },
    headerRow(head, [t("sheet.industry"), ...a.services.map((x) => c.key("service", x)), t("sheet.total")]),
    {
      at: `A${first}`,
      cells: a.industries.map((ind, i) => {
        const r = first + i;
        return [
          c.key("industry", ind.industry),
          ...a.services.map((_, j) => ({
            f: `=SUMIFS(${refs.amount},${refs.industry},$A${r},${refs.service},${columnLetter(1 + j)}$${head},${M})`,
          })),
          { f: `=SUM(B${r}:${columnLetter(ns)}${r})` },
        ];
      }),
      numberFormat: a.industries.map((ind) => [
        keyFormat(c.key("industry", ind.industry)),
        ...a.services.map(() => dashZero(MONEY)),
        MONEY,
      ]),
    },
    {
      at: `A${last + 1}`,
      cells: [
        [
          t("sheet.total"),
          ...Array.from({ length: ns + 1 }, (_, j) => ({
            f: `=SUM(${columnLetter(1 + j)}${first}:${columnLetter(1 + j)}${Math.max(first, last)})`,
          })),
        ],
      ],
      numberFormat: [["@", ...Array<string>(ns + 1).fill(MONEY)]],
      style: { bold: true },
    },
  ];
  return { blocks, next: last + 2, head, first, last, validations: [] };
}

/** Industry × service matrix (monthly averages), a row total, and each industry's service mix. */
export function matrix(c: MatrixCtx, row: number): Section & { head: number; first: number; last: number } {
  const { a, refs, t, money: MONEY, P } = c;
  const mHead = row + 1;
  const mFirst = mHead + 1;
  const ns = a.services.length;
  const totCol = columnLetter(1 + ns);
  const months = c.at.months.abs();
  const mLast = mFirst + a.industries.length - 1;
  const blocks: Block[] = [
    heading(row, t("sheet.matrix")),
    headerRow(mHead, [
      t("sheet.industry"),
      ...a.services.map((x) => c.key("service", x)),
      t("sheet.total"),
      ...a.services.map((s) => `${t("sheet.mix")} ${s}`),
    ]),
    {
      at: `A${mFirst}`,
      cells: a.industries.map((ind, i) => {
        const r = mFirst + i;
        return [
          c.key("industry", ind.industry),
          ...a.services.map((_, j) => {
            const col = columnLetter(1 + j);
            return {
              f: `=IF(${months}=0,0,SUMIFS(${refs.amount},${refs.industry},$A${r},${refs.service},${col}$${mHead},${P})/${months})`,
            };
          }),
          { f: `=SUM(B${r}:${columnLetter(ns)}${r})` },
          ...a.services.map((_, j) => ({ f: `=IF($${totCol}${r}=0,0,${columnLetter(1 + j)}${r}/$${totCol}${r})` })),
        ];
      }),
      // A service an industry does not use shows "–", not 0.00.
      numberFormat: a.industries.map((ind) => [
        keyFormat(c.key("industry", ind.industry)),
        ...a.services.map(() => dashZero(MONEY)),
        MONEY,
        ...a.services.map(() => dashZero(PCT)),
      ]),
    },
  ];
  return { blocks, next: mLast + 1, head: mHead, first: mFirst, last: mLast };
}
