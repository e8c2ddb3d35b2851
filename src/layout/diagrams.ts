/**
 * The deck's diagrams as shapes (issue 29, item 8): the customer's network design (p.12, p.20–22)
 * and its organisation and buying process (p.14). Pure: from the input tables' rows to boxes,
 * text and lines in points, which the writer draws with Excel's shapes API (ExcelApi 1.9) and the
 * exporter writes as DrawingML. The rows under a diagram are reserved for it (blank, 15 pt each),
 * so the tables below never run under a shape.
 */
import { maxOf } from "../arrays";
import type { Translate } from "../i18n";
import { lineHeight, wrappedLines } from "../text-metrics";
import { heading } from "./kit";
import type { Block, DiagramPlan, ShapePlan } from "./plan";

/** Excel's default row height: the reserved rows are blank, so they keep it. */
const ROW_HEIGHT = 15;
const PAD = 6;
const FONT = 9;
const PRIMARY = "#1F4E79";
const BACKUP = "#C55A11";
const GREY = "#7F7F7F";
const SITE_FILL = "#DDEBF7";
/** Attitude A (recommends) … E (opposes), as the Planning sheet's influencers rate them. */
export const ATTITUDE_FILLS: Record<string, string> = {
  A: "#63BE7B",
  B: "#C6E0B4",
  C: "#FFE699",
  D: "#F4B183",
  E: "#E06666",
};

/** What a diagram's drawing needs: its shapes, and its size in points. */
export interface Drawing {
  shapes: ShapePlan[];
  width: number;
  height: number;
}

/** The height of a box's text, wrapped in its width, with the box's inner margins. */
function textHeight(text: string, width: number, size = FONT): number {
  const lines = text.split("\n").reduce((n, line) => n + wrappedLines(line, width - 8, size), 0);
  return lines * lineHeight(size) + 10;
}

/** A link of the network table: the linked sites, its technology and bandwidth, planned or built. */
export interface NetworkLink {
  tier: string;
  site: string;
  linkType: string;
  bandwidth: string;
  /** Planned, not built: the customer's intention (the deck draws it dashed: 虚线表示用户组网意向) or our proposal. */
  intended: boolean;
}

/** A link the deck labels a backup (ISDN备份, DDN备份, "backup"): drawn in its own colour. */
export function isBackup(l: Pick<NetworkLink, "linkType" | "bandwidth">): boolean {
  return /备份|备用|backup|standby/i.test(`${l.linkType} ${l.bandwidth}`);
}

/** The legend's line sample and its text. */
function legendItem(x: number, y: number, color: string, dash: boolean, text: string, w = 150): ShapePlan[] {
  return [
    { kind: "line", x1: x, y1: y + 8, x2: x + 28, y2: y + 8, color, weight: 2, dash },
    { kind: "text", x: x + 32, y, w: w - 32, h: 16, text, fontColor: "#404040", fontSize: FONT, align: "Left" },
  ];
}

/**
 * The network design: the customer's unit the plan serves (the hub) at the left, each linked
 * site group of the network table as a box at the right, and each of its links as a line between
 * them labelled with its technology and bandwidth — primary links blue, backups orange, the
 * customer's intended links dashed. Null when the table is empty.
 */
export function networkDiagram(t: Translate, links: NetworkLink[], hub: string): Drawing | null {
  const rows = links.filter((l) => l.site !== "" || l.linkType !== "");
  if (!rows.length) return null;
  const HUB_W = 160;
  const GAP = 220;
  const SITE_W = 270;
  const hubRight = PAD + HUB_W;
  const siteLeft = hubRight + GAP;
  // One box per site group (tier and site), in the table's order; its links side by side.
  const groups: { label: string; links: NetworkLink[] }[] = [];
  for (const l of rows) {
    const label = [l.tier, l.site].filter(Boolean).join(" · ");
    const g = groups.find((x) => x.label === label);
    if (g) g.links.push(l);
    else groups.push({ label, links: [l] });
  }
  const shapes: ShapePlan[] = [];
  const lines: ShapePlan[] = [];
  let y = PAD;
  for (const g of groups) {
    const h = Math.max(30, textHeight(g.label, SITE_W), g.links.length * 24);
    shapes.push({
      kind: "box",
      x: siteLeft,
      y,
      w: SITE_W,
      h,
      text: g.label,
      fill: SITE_FILL,
      line: PRIMARY,
      fontColor: "#000000",
      fontSize: FONT,
    });
    g.links.forEach((l, j) => {
      const ly = Math.round(y + ((j + 0.5) * h) / g.links.length);
      const backup = isBackup(l);
      lines.push({
        kind: "line",
        x1: hubRight,
        y1: ly,
        x2: siteLeft,
        y2: ly,
        color: backup ? BACKUP : PRIMARY,
        weight: backup ? 1.5 : 2.25,
        dash: l.intended,
      });
      // As the deck labels its links: "512K DDN" (the bandwidth unless the type already says it).
      const label = l.bandwidth && !l.linkType.includes(l.bandwidth) ? `${l.bandwidth} ${l.linkType}` : l.linkType;
      lines.push({
        kind: "text",
        x: hubRight + 6,
        y: ly - 15,
        w: GAP - 12,
        h: 14,
        text: label,
        fontColor: backup ? BACKUP : PRIMARY,
        fontSize: FONT,
        align: "Center",
      });
    });
    y += h + 10;
  }
  const bottom = y - 10;
  shapes.unshift({
    kind: "box",
    x: PAD,
    y: PAD,
    w: HUB_W,
    h: bottom - PAD,
    text: hub || t("diagram.hub"),
    fill: PRIMARY,
    line: PRIMARY,
    fontColor: "#FFFFFF",
    fontSize: 10,
    bold: true,
  });
  // Lines last: drawn over the boxes' edges they meet.
  const legendY = bottom + 10;
  const legend = [
    ...legendItem(PAD, legendY, PRIMARY, false, t("diagram.primary")),
    ...legendItem(PAD + 160, legendY, BACKUP, false, t("diagram.backup")),
    ...legendItem(PAD + 320, legendY, GREY, true, t("diagram.intended"), 260),
  ];
  return { shapes: [...shapes, ...lines, ...legend], width: siteLeft + SITE_W + PAD, height: legendY + 16 + PAD };
}

/** A level of the customer's organisation and what it buys (the decision-process table). */
export interface DecisionLevel {
  level: string;
  scope: string;
  voice: string;
  data: string;
  budget: boolean;
}

/** A person who influences the purchase (the influencers table), with their attitude now. */
export interface Influencer {
  department: string;
  name: string;
  role: string;
  before: string;
  now: string;
}

/** The fill of an attitude (A+ … E-): its letter's colour, grey when not rated. */
export function attitudeFill(attitude: string): string {
  return ATTITUDE_FILLS[attitude.trim().charAt(0).toUpperCase()] ?? "#D9D9D9";
}

/**
 * The organisation and buying process: the decision levels top-down (head office first) with
 * their scope and deciding departments, the levels that hold a budget bold; the key people at
 * the right, each coloured by their attitude now (A green … E red), linked to the level where the
 * account decides (the lowest level that holds a budget). Null when both tables are empty.
 */
export function buyingDiagram(t: Translate, levels: DecisionLevel[], people: Influencer[]): Drawing | null {
  const lv = levels.filter((l) => l.level !== "");
  const ppl = people.filter((p) => p.name !== "");
  if (!lv.length && !ppl.length) return null;
  const org = levelBoxes(t, lv);
  // The account decides at the lowest level holding a budget (the branch, in the deck's case).
  let at = -1;
  lv.forEach((l, i) => {
    if (l.budget) at = i;
  });
  const key = peopleBoxes(t, ppl, org.boxes[Math.max(0, at)]);
  const legendY = Math.max(org.bottom, key.bottom) + 10;
  return {
    shapes: [...org.shapes, ...key.shapes, ...org.lines, ...key.lines, ...attitudeLegend(t, legendY)],
    width: maxOf([PAD + LEVEL_W + PAD, ppl.length ? PERSON_LEFT + PERSON_W + PAD : 0], 0),
    height: legendY + 16 + PAD,
  };
}

/** The buying diagram's columns: the levels at the left, the key people right of them. */
const LEVEL_W = 270;
const PERSON_W = 230;
const PERSON_LEFT = PAD + LEVEL_W + 110;

/** The decision levels top-down, each linked to the one below by an arrow; their boxes and bottom. */
function levelBoxes(t: Translate, lv: DecisionLevel[]) {
  const shapes: ShapePlan[] = [];
  const lines: ShapePlan[] = [];
  let y = PAD;
  const boxes: { y: number; h: number }[] = [];
  lv.forEach((l, i) => {
    const deciders = l.voice || l.data ? t("diagram.deciders", { voice: l.voice || "—", data: l.data || "—" }) : "";
    const text = [l.budget ? `${l.level} · ${t("diagram.budget")}` : l.level, l.scope, deciders]
      .filter(Boolean)
      .join("\n");
    const h = Math.max(36, textHeight(text, LEVEL_W));
    shapes.push({
      kind: "box",
      x: PAD,
      y,
      w: LEVEL_W,
      h,
      text,
      fill: l.budget ? "#BDD7EE" : SITE_FILL,
      line: PRIMARY,
      fontColor: "#000000",
      fontSize: FONT,
      bold: l.budget,
    });
    if (i > 0) {
      const prev = boxes[i - 1];
      const x = PAD + LEVEL_W / 2;
      lines.push({ kind: "line", x1: x, y1: prev.y + prev.h, x2: x, y2: y, color: PRIMARY, weight: 1.5, arrow: true });
    }
    boxes.push({ y, h });
    y += h + 18;
  });
  return { shapes, lines, boxes, bottom: lv.length ? y - 18 : PAD };
}

/** The key people from the account's level down, each coloured by their attitude and linked to that level. */
function peopleBoxes(t: Translate, ppl: Influencer[], account: { y: number; h: number } | undefined) {
  const shapes: ShapePlan[] = [];
  const lines: ShapePlan[] = [];
  let py = account ? account.y : PAD;
  for (const p of ppl) {
    const attitude = p.before && p.now && p.before !== p.now ? `${p.before}→${p.now}` : p.now || p.before || "?";
    const text = `${[p.name, p.role].filter(Boolean).join(" · ")}\n${[
      p.department,
      `${t("diagram.attitude")} ${attitude}`,
    ]
      .filter(Boolean)
      .join(" · ")}`;
    const h = Math.max(34, textHeight(text, PERSON_W));
    shapes.push({
      kind: "box",
      x: PERSON_LEFT,
      y: py,
      w: PERSON_W,
      h,
      text,
      fill: attitudeFill(p.now || p.before),
      line: GREY,
      fontColor: "#000000",
      fontSize: FONT,
    });
    if (account)
      lines.push({
        kind: "line",
        x1: PAD + LEVEL_W,
        y1: Math.round(account.y + account.h / 2),
        x2: PERSON_LEFT,
        y2: Math.round(py + h / 2),
        color: GREY,
        weight: 1,
      });
    py += h + 8;
  }
  return { shapes, lines, bottom: py - 8 };
}

/** The attitudes' colours, A to E, and what they mean. */
function attitudeLegend(t: Translate, legendY: number): ShapePlan[] {
  const legend: ShapePlan[] = [];
  ["A", "B", "C", "D", "E"].forEach((k, i) =>
    legend.push({
      kind: "box",
      x: PAD + i * 26,
      y: legendY,
      w: 22,
      h: 16,
      text: k,
      fill: ATTITUDE_FILLS[k],
      line: GREY,
      fontColor: "#000000",
      fontSize: FONT,
    }),
  );
  legend.push({
    kind: "text",
    x: PAD + 5 * 26 + 4,
    y: legendY,
    w: 300,
    h: 16,
    text: t("diagram.attitudeLegend"),
    fontColor: "#404040",
    fontSize: FONT,
    align: "Left",
  });
  return legend;
}

/**
 * A diagram under its heading at `row` (1-based): the heading, then the blank rows reserved for
 * the drawing. Returns the heading block, the diagram plan and the next free row.
 */
export function placeDiagram(
  id: string,
  title: string,
  drawing: Drawing,
  row: number,
  columns: number,
): { blocks: Block[]; diagram: DiagramPlan; next: number } {
  const first = row + 1;
  const rows = Math.ceil(drawing.height / ROW_HEIGHT);
  const last = first + rows - 1;
  const lastCol = String.fromCharCode(64 + Math.max(1, columns));
  return {
    blocks: [heading(row, title)],
    diagram: { id, at: `A${first}`, to: `${lastCol}${last}`, title, shapes: drawing.shapes },
    next: last + 3,
  };
}
