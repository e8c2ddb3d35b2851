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
    const editor: SettingsEditor = {
      needs: (k, member) => {
        if (kind !== k) throw new EmulatorError("InvalidOperation", `${member} is only for ${k} conditional formats`);
      },
      edit: (f) =>
        ctx._enqueue({
          apply: () => {
            f(self._t<ConditionalFormatModel>());
            ctx.model.changed(null);
          },
          bytes: 80,
          mutates: true,
        }),
    };
    this.custom = customSettings(editor);
    this.iconSet = iconSetSettings(editor);
    this.colorScale = colorScaleSettings(editor);
    this.dataBar = dataBarSettings(editor);
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

// ---- the settings objects of each kind ------------------------------------------------------

/** How a settings object edits its format: a check of the format's kind, then a queued change. */
interface SettingsEditor {
  needs(k: ConditionalFormatModel["type"], member: string): void;
  edit(f: (m: ConditionalFormatModel) => void): void;
}

/** A member written but not loaded (these settings objects have no load of their own). */
function notLoaded(member: string): never {
  throw new EmulatorError("PropertyNotLoaded", `${member}: load it first`);
}

function customSettings({ needs, edit }: SettingsEditor): ConditionalFormat["custom"] {
  return {
    rule: {
      set formula(v: string) {
        needs("Custom", "custom.rule.formula");
        edit((m) => (m.custom!.formula = v));
      },
      get formula(): string {
        return notLoaded("custom.rule.formula");
      },
    },
    format: {
      fill: {
        set color(v: string) {
          needs("Custom", "custom.format.fill.color");
          edit((m) => (m.custom!.fill = v));
        },
        get color(): string {
          return notLoaded("custom.format.fill.color");
        },
      },
      font: {
        set color(v: string) {
          needs("Custom", "custom.format.font.color");
          edit((m) => (m.custom!.fontColor = v));
        },
        get color(): string {
          return notLoaded("custom.format.font.color");
        },
        set bold(v: boolean) {
          needs("Custom", "custom.format.font.bold");
          edit((m) => (m.custom!.bold = v));
        },
        get bold(): boolean {
          return notLoaded("custom.format.font.bold");
        },
      },
    },
  };
}

function iconSetSettings({ needs, edit }: SettingsEditor): ConditionalFormat["iconSet"] {
  return {
    set style(v: string) {
      needs("IconSet", "iconSet.style");
      edit((m) => (m.iconSet!.style = v));
    },
    get style(): string {
      return notLoaded("iconSet.style");
    },
    set reverseIconOrder(v: boolean) {
      needs("IconSet", "iconSet.reverseIconOrder");
      edit((m) => (m.iconSet!.reverseIconOrder = v));
    },
    get reverseIconOrder(): boolean {
      return notLoaded("iconSet.reverseIconOrder");
    },
    set showIconOnly(v: boolean) {
      needs("IconSet", "iconSet.showIconOnly");
      edit((m) => (m.iconSet!.showIconOnly = v));
    },
    get showIconOnly(): boolean {
      return notLoaded("iconSet.showIconOnly");
    },
    set criteria(v: { type: string; operator: string; formula: string }[]) {
      needs("IconSet", "iconSet.criteria");
      const copy = v.map((c) => ({ ...(c ?? {}) }));
      edit((m) => (m.iconSet!.criteria = copy));
    },
    get criteria(): { type: string; operator: string; formula: string }[] {
      return notLoaded("iconSet.criteria");
    },
  };
}

function colorScaleSettings({ needs, edit }: SettingsEditor): ConditionalFormat["colorScale"] {
  return {
    set criteria(v: Record<string, unknown>) {
      needs("ColorScale", "colorScale.criteria");
      const copy = JSON.parse(JSON.stringify(v));
      edit((m) => (m.colorScale!.criteria = copy));
    },
    get criteria(): Record<string, unknown> {
      return notLoaded("colorScale.criteria");
    },
  };
}

function dataBarSettings({ needs, edit }: SettingsEditor): ConditionalFormat["dataBar"] {
  return {
    positiveFormat: {
      set fillColor(v: string) {
        needs("DataBar", "dataBar.positiveFormat.fillColor");
        edit((m) => (m.dataBar!.barColor = v));
      },
      get fillColor(): string {
        return notLoaded("dataBar.positiveFormat.fillColor");
      },
    },
  };
}
