/**
 * Conditional formats: colour scales, custom formulas, icon sets.
 */
import { ClientObject, ClientResult, create, result } from "./client";
import { RequestContext } from "./context";
import { EmulatorError, notEmulated } from "./errors";
import { type ConditionalFormatModel } from "./model";
import { RangeTarget } from "./range";
import type { Typed } from "./excel-types";

// ---- conditional formats --------------------------------------------------------------------

export class ConditionalFormatCollection implements Typed<
  Excel.ConditionalFormatCollection,
  "add" | "clearAll" | "getCount"
> {
  static readonly emulated = "ConditionalFormatCollection";
  constructor(
    private readonly context: RequestContext,
    private readonly range: () => RangeTarget,
  ) {}
  add(type: string): ConditionalFormat {
    const kinds: Record<string, ConditionalFormatModel["type"]> = {
      Custom: "Custom",
      IconSet: "IconSet",
      ColorScale: "ColorScale",
      DataBar: "DataBar",
    };
    const kind = kinds[type];
    if (!kind) throw notEmulated(`ConditionalFormatCollection.add("${type}")`);
    let model: ConditionalFormatModel | null = null;
    const cf = create(ConditionalFormat, this.context, () => model, kind);
    this.context._enqueue({
      apply: () => {
        const { sheet, rect } = this.range();
        model = this.context.model.addConditionalFormat(sheet, rect, kind);
      },
      bytes: 60,
      mutates: true,
    });
    return cf;
  }
  clearAll(): void {
    this.context._enqueue({
      apply: () => {
        const { sheet, rect } = this.range();
        sheet.conditionalFormats = sheet.conditionalFormats.filter(
          (cf) => !(cf.rect.r0 <= rect.r1 && rect.r0 <= cf.rect.r1 && cf.rect.c0 <= rect.c1 && rect.c0 <= cf.rect.c1),
        );
        this.context.model.changed(sheet.id);
      },
      bytes: 60,
      mutates: true,
    });
  }
  getCount(): ClientResult<number> {
    return result(this.context, () => {
      const { sheet, rect } = this.range();
      return sheet.conditionalFormats.filter(
        (cf) => cf.rect.r0 <= rect.r1 && rect.r0 <= cf.rect.r1 && cf.rect.c0 <= rect.c1 && rect.c0 <= cf.rect.c1,
      ).length;
    });
  }
}

export class ConditionalFormat
  extends ClientObject
  implements
    // custom, iconSet, colorScale and dataBar are modelled as plain settings objects, not Excel's
    // client objects (no load or sync of their own), so they are not typed against Excel's.
    Typed<Excel.ConditionalFormat, "delete" | "stopIfTrue" | "type">
{
  static override readonly emulated = "ConditionalFormat";
  readonly custom: {
    rule: { formula: string };
    format: { fill: { color: string }; font: { color: string; bold: boolean } };
  };
  readonly iconSet: {
    style: string;
    reverseIconOrder: boolean;
    showIconOnly: boolean;
    criteria: { type: string; operator: string; formula: string }[];
  };
  readonly colorScale: { criteria: Record<string, unknown> };
  readonly dataBar: { barDirection?: string; positiveFormat: { fillColor: string } };

  constructor(ctx: RequestContext, model: () => ConditionalFormatModel | null, kind: ConditionalFormatModel["type"]) {
    super(ctx, model);
    const self = this;
    const edit = (f: (m: ConditionalFormatModel) => void) =>
      ctx._enqueue({
        apply: () => {
          f(self._t<ConditionalFormatModel>());
          ctx.model.changed(null);
        },
        bytes: 80,
        mutates: true,
      });
    const needs = (k: ConditionalFormatModel["type"], member: string) => {
      if (kind !== k) throw new EmulatorError("InvalidOperation", `${member} is only for ${k} conditional formats`);
    };
    this.custom = {
      rule: {
        set formula(v: string) {
          needs("Custom", "custom.rule.formula");
          edit((m) => (m.custom!.formula = v));
        },
        get formula(): string {
          throw new EmulatorError("PropertyNotLoaded", "custom.rule.formula: load it first");
        },
      },
      format: {
        fill: {
          set color(v: string) {
            needs("Custom", "custom.format.fill.color");
            edit((m) => (m.custom!.fill = v));
          },
          get color(): string {
            throw new EmulatorError("PropertyNotLoaded", "custom.format.fill.color: load it first");
          },
        },
        font: {
          set color(v: string) {
            needs("Custom", "custom.format.font.color");
            edit((m) => (m.custom!.fontColor = v));
          },
          get color(): string {
            throw new EmulatorError("PropertyNotLoaded", "custom.format.font.color: load it first");
          },
          set bold(v: boolean) {
            needs("Custom", "custom.format.font.bold");
            edit((m) => (m.custom!.bold = v));
          },
          get bold(): boolean {
            throw new EmulatorError("PropertyNotLoaded", "custom.format.font.bold: load it first");
          },
        },
      },
    };
    this.iconSet = {
      set style(v: string) {
        needs("IconSet", "iconSet.style");
        edit((m) => (m.iconSet!.style = v));
      },
      get style(): string {
        throw new EmulatorError("PropertyNotLoaded", "iconSet.style: load it first");
      },
      set reverseIconOrder(v: boolean) {
        needs("IconSet", "iconSet.reverseIconOrder");
        edit((m) => (m.iconSet!.reverseIconOrder = v));
      },
      get reverseIconOrder(): boolean {
        throw new EmulatorError("PropertyNotLoaded", "iconSet.reverseIconOrder: load it first");
      },
      set showIconOnly(v: boolean) {
        needs("IconSet", "iconSet.showIconOnly");
        edit((m) => (m.iconSet!.showIconOnly = v));
      },
      get showIconOnly(): boolean {
        throw new EmulatorError("PropertyNotLoaded", "iconSet.showIconOnly: load it first");
      },
      set criteria(v: { type: string; operator: string; formula: string }[]) {
        needs("IconSet", "iconSet.criteria");
        const copy = v.map((c) => ({ ...(c ?? {}) }));
        edit((m) => (m.iconSet!.criteria = copy));
      },
      get criteria(): { type: string; operator: string; formula: string }[] {
        throw new EmulatorError("PropertyNotLoaded", "iconSet.criteria: load it first");
      },
    };
    this.colorScale = {
      set criteria(v: Record<string, unknown>) {
        needs("ColorScale", "colorScale.criteria");
        const copy = JSON.parse(JSON.stringify(v));
        edit((m) => (m.colorScale!.criteria = copy));
      },
      get criteria(): Record<string, unknown> {
        throw new EmulatorError("PropertyNotLoaded", "colorScale.criteria: load it first");
      },
    };
    this.dataBar = {
      positiveFormat: {
        set fillColor(v: string) {
          needs("DataBar", "dataBar.positiveFormat.fillColor");
          edit((m) => (m.dataBar!.barColor = v));
        },
        get fillColor(): string {
          throw new EmulatorError("PropertyNotLoaded", "dataBar.positiveFormat.fillColor: load it first");
        },
      },
    };
  }
  _scalars() {
    return ["type", "priority", "stopIfTrue"];
  }
  _read(prop: string) {
    const m = this._t<ConditionalFormatModel>();
    if (prop === "type") return m.type;
    if (prop === "priority") return m.priority;
    if (prop === "stopIfTrue") return m.stopIfTrue;
    throw notEmulated(`ConditionalFormat.${prop}`);
  }
  get type(): Excel.ConditionalFormat["type"] {
    return this._get("type");
  }
  set stopIfTrue(v: boolean) {
    this._set("stopIfTrue", v, () => (this._t<ConditionalFormatModel>().stopIfTrue = v));
  }
  get stopIfTrue(): boolean {
    return this._get("stopIfTrue");
  }
  delete(): void {
    this._do(() => {
      const m = this._t<ConditionalFormatModel>();
      for (const s of this.context.model.sheets) s.conditionalFormats = s.conditionalFormats.filter((c) => c !== m);
    });
  }
}
