/**
 * Conditional formats and data validation between the emulator and ExcelJS (src/emulator/xlsx.ts),
 * each way.
 */
import type ExcelJS from "exceljs";
import { parseRect, rectA1, type Rect } from "./address";
import type { WorkbookModel } from "./model";
import type { ConditionalFormatModel, SheetModel, ValidationModel } from "./types";
import { argb, hex } from "./xlsx-values";

// ---- export -------------------------------------------------------------------------------

const ICONSETS: Record<string, string> = {
  FiveQuarters: "5Quarters",
  fiveQuarters: "5Quarters",
  ThreeTrafficLights1: "3TrafficLights1",
  threeTrafficLights1: "3TrafficLights1",
  ThreeArrows: "3Arrows",
  threeArrows: "3Arrows",
  ThreeSymbols: "3Symbols",
  threeSymbols: "3Symbols",
  FiveRating: "5Rating",
  fiveRating: "5Rating",
  ThreeFlags: "3Flags",
  threeFlags: "3Flags",
};

function cfvoType(t: string): string {
  const map: Record<string, string> = {
    Number: "num",
    number: "num",
    Percent: "percent",
    percent: "percent",
    Percentile: "percentile",
    percentile: "percentile",
    Formula: "formula",
    formula: "formula",
    LowestValue: "min",
    lowestValue: "min",
    HighestValue: "max",
    highestValue: "max",
  };
  return map[t] ?? "num";
}

function cfRule(cf: ConditionalFormatModel): ExcelJS.ConditionalFormattingRule | null {
  if (cf.type === "Custom" && cf.custom?.formula) {
    return {
      type: "expression",
      priority: cf.priority + 1,
      formulae: [cf.custom.formula.replace(/^=/, "")],
      style: {
        ...(cf.custom.fill
          ? { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(cf.custom.fill) } } }
          : {}),
        ...(cf.custom.fontColor || cf.custom.bold
          ? {
              font: {
                color: cf.custom.fontColor ? { argb: argb(cf.custom.fontColor) } : undefined,
                bold: cf.custom.bold,
              },
            }
          : {}),
      },
    } as ExcelJS.ConditionalFormattingRule;
  }
  if (cf.type === "IconSet" && cf.iconSet) {
    const crit = cf.iconSet.criteria.length
      ? cf.iconSet.criteria.map((c, i) => ({
          type: i === 0 ? "percent" : cfvoType(c?.type ?? "Percent"),
          value: i === 0 ? 0 : Number(String(c?.formula ?? "0").replace(/^=/, "")),
        }))
      : undefined;
    return {
      type: "iconSet",
      priority: cf.priority + 1,
      iconSet: ICONSETS[cf.iconSet.style] ?? "3TrafficLights1",
      showValue: !cf.iconSet.showIconOnly,
      reverse: cf.iconSet.reverseIconOrder,
      cfvo: crit,
    } as unknown as ExcelJS.ConditionalFormattingRule;
  }
  if (cf.type === "ColorScale" && cf.colorScale) {
    const parts = (["minimum", "midpoint", "maximum"] as const).map((k) => cf.colorScale!.criteria[k]).filter(Boolean);
    return {
      type: "colorScale",
      priority: cf.priority + 1,
      cfvo: parts.map((p) => ({
        type: cfvoType(p!.type),
        value: p!.formula !== undefined ? Number(String(p!.formula).replace(/^=/, "")) : undefined,
      })),
      color: parts.map((p) => ({ argb: argb(p!.color) })),
    } as unknown as ExcelJS.ConditionalFormattingRule;
  }
  if (cf.type === "DataBar" && cf.dataBar) {
    return {
      type: "dataBar",
      priority: cf.priority + 1,
      cfvo: [{ type: "min" }, { type: "max" }],
      color: { argb: argb(cf.dataBar.barColor) },
    } as unknown as ExcelJS.ConditionalFormattingRule;
  }
  return null;
}

function validationOf(v: ValidationModel): ExcelJS.DataValidation | null {
  const [type, spec] = Object.entries(v.rule)[0] ?? [];
  if (!type || !spec) return null;
  const s = spec as Record<string, unknown>;
  const ops: Record<string, string> = {
    Between: "between",
    NotBetween: "notBetween",
    EqualTo: "equal",
    NotEqualTo: "notEqual",
    GreaterThan: "greaterThan",
    LessThan: "lessThan",
    GreaterThanOrEqualTo: "greaterThanOrEqual",
    LessThanOrEqualTo: "lessThanOrEqual",
  };
  const base = {
    allowBlank: v.ignoreBlanks,
    showErrorMessage: true,
    errorTitle: (v.errorAlert?.title as string) ?? undefined,
    error: (v.errorAlert?.message as string) ?? undefined,
    showInputMessage: Boolean(v.prompt?.message),
    promptTitle: (v.prompt?.title as string) ?? undefined,
    prompt: (v.prompt?.message as string) ?? undefined,
  };
  const f = (x: unknown) => (typeof x === "string" ? x.replace(/^=/, "") : x);
  if (type === "list") {
    const src = String(s.source ?? "");
    return {
      ...base,
      type: "list",
      formulae: [src.startsWith("=") ? src.slice(1) : `"${src}"`],
    } as ExcelJS.DataValidation;
  }
  if (type === "custom") return { ...base, type: "custom", formulae: [f(s.formula)] } as ExcelJS.DataValidation;
  const kinds: Record<string, string> = {
    wholeNumber: "whole",
    decimal: "decimal",
    textLength: "textLength",
    date: "date",
  };
  if (!kinds[type]) return null;
  return {
    ...base,
    type: kinds[type],
    operator: ops[String(s.operator)] ?? "between",
    formulae: [f(s.formula1), ...(s.formula2 !== undefined ? [f(s.formula2)] : [])],
  } as ExcelJS.DataValidation;
}

/** The sheet's conditional formats (the last added first, as Excel lists them) and its validation. */
export function exportRules(ws: ExcelJS.Worksheet, sheet: SheetModel): void {
  for (const cf of [...sheet.conditionalFormats].reverse()) {
    const rule = cfRule(cf);
    if (rule) ws.addConditionalFormatting({ ref: rectA1(cf.rect), rules: [rule] });
  }
  // Each rule over its range, as the file stores it (`sqref`): no cell is made for it (the bulk
  // rows below a template are not ExcelJS's), and a rule over 60,000 rows is one entry.
  const validations = (ws as unknown as { dataValidations: { add(address: string, dv: ExcelJS.DataValidation): void } })
    .dataValidations;
  // A cell's rule is the last one laid over it (as writing it cell by cell left it): each range
  // less the parts of it a later rule covers.
  sheet.validations.forEach((v, i) => {
    const dv = validationOf(v);
    if (!dv) return;
    let parts = [v.rect];
    for (const later of sheet.validations.slice(i + 1)) parts = parts.flatMap((p) => subtractRect(p, later.rect));
    for (const p of parts) validations.add(rectA1(p), dv);
  });
}

/** What of `a` lies outside `b`: up to four rectangles (above, below, left, right of the overlap). */
export function subtractRect(a: Rect, b: Rect): Rect[] {
  const r0 = Math.max(a.r0, b.r0);
  const r1 = Math.min(a.r1, b.r1);
  const c0 = Math.max(a.c0, b.c0);
  const c1 = Math.min(a.c1, b.c1);
  if (r0 > r1 || c0 > c1) return [a];
  const out: Rect[] = [];
  if (a.r0 < r0) out.push({ r0: a.r0, r1: r0 - 1, c0: a.c0, c1: a.c1 });
  if (r1 < a.r1) out.push({ r0: r1 + 1, r1: a.r1, c0: a.c0, c1: a.c1 });
  if (a.c0 < c0) out.push({ r0, r1, c0: a.c0, c1: c0 - 1 });
  if (c1 < a.c1) out.push({ r0, r1, c0: c1 + 1, c1: a.c1 });
  return out;
}

// ---- import -------------------------------------------------------------------------------

/** The worksheet's conditional formats and data validation, onto the sheet. */
export function importRules(model: WorkbookModel, ws: ExcelJS.Worksheet, sheet: SheetModel): void {
  for (const cf of (ws as unknown as { conditionalFormattings?: { ref: string; rules: Record<string, unknown>[] }[] })
    .conditionalFormattings ?? []) {
    for (const rule of cf.rules) importRule(model, sheet, cf.ref, rule);
  }
  const dv =
    (ws as unknown as { dataValidations?: { model?: Record<string, ExcelJS.DataValidation> } }).dataValidations
      ?.model ?? {};
  for (const [addr, v] of Object.entries(dv)) {
    const rule = importValidation(v);
    if (rule)
      sheet.validations.push({
        rect: parseRect(addr.replace(/^range:/, "")),
        rule,
        ignoreBlanks: v.allowBlank ?? true,
      });
  }
}

function importRule(model: WorkbookModel, sheet: SheetModel, ref: string, rule: Record<string, unknown>): void {
  const rect = parseRect(ref.split(" ")[0]);
  if (rule.type === "expression") {
    const cf = model.addConditionalFormat(sheet, rect, "Custom");
    const style = rule.style as
      { fill?: { bgColor?: { argb?: string } }; font?: { color?: { argb?: string }; bold?: boolean } } | undefined;
    cf.custom = {
      formula: `=${(rule.formulae as string[])[0]}`,
      fill: hex(style?.fill?.bgColor?.argb),
      fontColor: hex(style?.font?.color?.argb),
      bold: style?.font?.bold,
    };
  } else if (rule.type === "iconSet") {
    const cf = model.addConditionalFormat(sheet, rect, "IconSet");
    const back = Object.entries(ICONSETS).find(([k, v]) => v === rule.iconSet && /^[A-Z]/.test(k));
    const cfvo = (rule.cfvo as { type: string; value?: number }[] | undefined) ?? [];
    cf.iconSet = {
      style: back ? back[0] : "ThreeTrafficLights1",
      reverseIconOrder: Boolean(rule.reverse),
      showIconOnly: rule.showValue === false,
      criteria: cfvo.map((c) => ({
        type:
          c.type === "num"
            ? "Number"
            : c.type === "percentile"
              ? "Percentile"
              : c.type === "formula"
                ? "Formula"
                : "Percent",
        operator: "GreaterThanOrEqual",
        formula: `=${c.value ?? 0}`,
      })),
    };
  } else if (rule.type === "colorScale") {
    const cf = model.addConditionalFormat(sheet, rect, "ColorScale");
    const cfvo = (rule.cfvo as { type: string; value?: number }[]) ?? [];
    const colors = (rule.color as { argb?: string }[]) ?? [];
    const crit = (i: number) =>
      cfvo[i]
        ? {
            type:
              cfvo[i].type === "min"
                ? "LowestValue"
                : cfvo[i].type === "max"
                  ? "HighestValue"
                  : cfvo[i].type === "percentile"
                    ? "Percentile"
                    : "Number",
            formula: cfvo[i].value !== undefined ? String(cfvo[i].value) : undefined,
            color: hex(colors[i]?.argb) ?? "#FFFFFF",
          }
        : undefined;
    cf.colorScale = {
      criteria:
        cfvo.length === 3
          ? { minimum: crit(0), midpoint: crit(1), maximum: crit(2) }
          : { minimum: crit(0), midpoint: undefined, maximum: crit(1) },
    };
  } else if (rule.type === "dataBar") {
    const cf = model.addConditionalFormat(sheet, rect, "DataBar");
    cf.dataBar = { barColor: hex((rule.color as { argb?: string } | undefined)?.argb) ?? "#638EC6" };
  }
}

function importValidation(v: ExcelJS.DataValidation): Record<string, unknown> | null {
  const f = (x: unknown) => (typeof x === "string" && !/^-?\d+(\.\d+)?$/.test(x) ? `=${x}` : Number(x));
  const ops: Record<string, string> = {
    between: "Between",
    notBetween: "NotBetween",
    equal: "EqualTo",
    notEqual: "NotEqualTo",
    greaterThan: "GreaterThan",
    lessThan: "LessThan",
    greaterThanOrEqual: "GreaterThanOrEqualTo",
    lessThanOrEqual: "LessThanOrEqualTo",
  };
  const fm = v.formulae ?? [];
  if (v.type === "list") {
    const src = String(fm[0] ?? "");
    return { list: { inCellDropDown: true, source: src.startsWith('"') ? src.slice(1, -1) : `=${src}` } };
  }
  const kinds: Record<string, string> = {
    whole: "wholeNumber",
    decimal: "decimal",
    textLength: "textLength",
    date: "date",
  };
  if (v.type === "custom") return { custom: { formula: `=${fm[0]}` } };
  if (!kinds[v.type]) return null;
  return {
    [kinds[v.type]]: {
      operator: ops[v.operator ?? "between"] ?? "Between",
      formula1: f(fm[0]),
      ...(fm[1] !== undefined ? { formula2: f(fm[1]) } : {}),
    },
  };
}
