/**
 * The sheet's shapes in the preview (the diagrams of issue 29): boxes and text boxes as
 * positioned blocks, lines as one SVG, in the sheet's points (4/3 px each), over the grid like
 * Excel draws them. They carry their text for screen readers; the first shape's description
 * names the diagram.
 */
import * as React from "react";
import type { ShapeModel } from "../emulator/types";

const PX = 4 / 3;

const DASH: Record<string, string | undefined> = {
  Solid: undefined,
  Dash: "6 4",
  DashDot: "6 3 2 3",
  LongDash: "10 4",
  RoundDot: "2 2",
  SquareDot: "2 2",
};

const H: Record<string, React.CSSProperties["textAlign"]> = { Left: "left", Center: "center", Right: "right" };
const V: Record<string, React.CSSProperties["justifyContent"]> = {
  Top: "flex-start",
  Middle: "center",
  Bottom: "flex-end",
};

export function ShapesView({ shapes, offsetY }: { shapes: ShapeModel[]; offsetY: number }): React.ReactElement {
  const lines = shapes.filter((s) => s.type === "Line");
  const boxes = shapes.filter((s) => s.type !== "Line");
  let right = 0;
  let bottom = 0;
  for (const s of shapes) {
    right = Math.max(right, (s.left + s.width) * PX + 8);
    bottom = Math.max(bottom, (s.top + s.height) * PX + 8);
  }
  return (
    <div data-testid="sheet-shapes" style={{ position: "absolute", left: 0, top: -offsetY }}>
      {boxes.map((s) => (
        <div
          key={s.id}
          data-shape={s.name}
          aria-label={s.altTextDescription || undefined}
          style={{
            position: "absolute",
            left: s.left * PX,
            top: s.top * PX,
            width: s.width * PX,
            height: s.height * PX,
            boxSizing: "border-box",
            background: s.fill ?? "transparent",
            border: s.lineVisible ? `${Math.max(1, s.lineWeight * PX)}px solid ${s.lineColor}` : "none",
            color: s.font.color,
            fontSize: s.font.size * PX,
            fontWeight: s.font.bold ? 700 : 400,
            lineHeight: 1.2,
            display: "flex",
            flexDirection: "column",
            justifyContent: V[s.verticalAlignment] ?? "flex-start",
            textAlign: H[s.horizontalAlignment] ?? "left",
            padding: "2px 5px",
            whiteSpace: "pre-wrap",
            overflow: "visible",
          }}
        >
          {s.text}
        </div>
      ))}
      <svg
        width={right}
        height={bottom}
        style={{ position: "absolute", left: 0, top: 0, overflow: "visible", pointerEvents: "none" }}
        aria-hidden="true"
      >
        <defs>
          {lines
            .filter((l) => l.endArrowhead && l.endArrowhead !== "None")
            .map((l) => (
              <marker
                key={l.id}
                id={`sixstep-arrow-${l.id}`}
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="6"
                markerHeight="6"
                orient="auto"
              >
                <path d="M0,0 L10,5 L0,10 z" fill={l.lineColor} />
              </marker>
            ))}
        </defs>
        {lines.map((l) => {
          const e = l.ends ?? { x1: l.left, y1: l.top, x2: l.left + l.width, y2: l.top + l.height };
          return (
            <line
              key={l.id}
              data-shape={l.name}
              x1={e.x1 * PX}
              y1={e.y1 * PX}
              x2={e.x2 * PX}
              y2={e.y2 * PX}
              stroke={l.lineVisible ? l.lineColor : "transparent"}
              strokeWidth={Math.max(1, l.lineWeight * PX)}
              strokeDasharray={DASH[l.dashStyle]}
              markerEnd={l.endArrowhead && l.endArrowhead !== "None" ? `url(#sixstep-arrow-${l.id})` : undefined}
            />
          );
        })}
      </svg>
    </div>
  );
}
