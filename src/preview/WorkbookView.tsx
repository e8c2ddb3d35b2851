/**
 * A virtualised grid over the emulator's model that behaves as Excel's UI does: only the rows and
 * columns in view are drawn (100,000 rows scroll); frozen rows stay on top; the selection is the
 * workbook's (getSelectedRange / getActiveCell see it); an entry commits on Enter, Tab or
 * click-away and Esc cancels it; data validation refuses an invalid typed entry with the rule's
 * alert; a locked cell says what it holds and where to type instead; ranges copy and paste as
 * tab-separated text. It is one ARIA grid (column headers, rows, cells named by address and
 * value, the active cell as the active descendant); the charts float above it, outside it.
 *
 * Split as Fluent splits a component: the state in ./workbook-view (the cursor's reducer and
 * hook, entries, the keyboard, what is in view), the looks in ./workbook-view/styles, and the
 * render here and in the smaller components beside it (cells, headers, tabs, charts, the alert).
 */
import { useId, type ReactNode, type RefObject } from "react";
import type { Translate } from "../i18n";
import type { ShownWorkbook } from "./drawn";
import { a1, formulaBarText } from "./grid";
import { AlertDialog } from "./workbook-view/AlertDialog";
import { CellRows } from "./workbook-view/Cells";
import { Floating } from "./workbook-view/Floating";
import { FormulaBar } from "./workbook-view/FormulaBar";
import { ColumnHeaders, RowNumbers } from "./workbook-view/Headers";
import { activeDrawn, type GridLayout } from "./workbook-view/layout";
import { SheetTabs } from "./workbook-view/SheetTabs";
import * as css from "./workbook-view/styles";
import { useGridCursor } from "./workbook-view/useGridCursor";
import { useSheetView, type SheetView as SheetViewState, type SheetViewInput } from "./workbook-view/useSheetView";

export { measureText } from "./workbook-view/Cells";

export interface WorkbookViewProps {
  emu: ShownWorkbook;
  /** Bumped after every change to the workbook, so the view redraws. */
  version: number;
  /** The UI's language (the task pane's): labels, alerts and messages. */
  t: Translate;
  onError: (message: string) => void;
}

export function WorkbookView(props: WorkbookViewProps) {
  const model = props.emu.model;
  const nav = useGridCursor(model, props.version);
  const sheets = model.sheets.filter((s) => s.visibility === "Visible");
  const sheet = sheets.find((s) => s.id === nav.cursor.sheetId) ?? sheets[0];
  if (!sheet)
    return (
      <div role="region" aria-label={props.t("preview.grid")} style={{ padding: 12 }}>
        {props.t("preview.noSheets")}
      </div>
    );
  return <SheetView {...props} sheet={sheet} sheets={sheets} nav={nav} />;
}

/** The cells of the body (under the frozen rows): scrolled by the wheel and the keyboard on the grid. */
function Body(props: {
  scroller: RefObject<HTMLDivElement>;
  onScroll: (top: number, left: number) => void;
  g: GridLayout;
  children: ReactNode;
}) {
  const { g, scroller, onScroll, children } = props;
  return (
    <div
      ref={scroller}
      role="rowgroup"
      data-testid="grid-scroller"
      // Scrolled by the wheel and the keyboard on the grid (the one tab stop), not by a
      // scroll box of its own, which would be a second stop for the keyboard.
      onWheel={(e) => {
        e.currentTarget.scrollTop += e.deltaY;
        e.currentTarget.scrollLeft += e.shiftKey && !e.deltaX ? e.deltaY : e.deltaX;
      }}
      onScroll={(e) => onScroll(e.currentTarget.scrollTop, e.currentTarget.scrollLeft)}
      style={css.body(g.frozenH)}
    >
      <div
        style={{
          position: "relative",
          width: g.cols.offsets[g.nCols],
          height: g.rows.offsets[g.nRows] - g.frozenH,
        }}
      >
        {children}
      </div>
    </div>
  );
}

function SheetView(props: SheetViewInput) {
  const { sheet, nav, t } = props;
  const { grid, scroller } = nav.refs;
  const model = props.emu.model;
  const view: SheetViewState = useSheetView(props);
  const { g, sel, selRect, entry } = view;
  const { scroll } = nav.cursor;
  const uid = useId().replace(/:/g, "");
  const cellId = (r: number, c: number) => `${uid}-cell-${r}-${c}`;
  const rows = { model, sheet, c0: g.c0, rows: g.rows, cols: g.cols, sel, selRect, cellId, t, entry, ...view.pointer };
  return (
    <div style={css.root}>
      <FormulaBar address={a1(sel.r, sel.c)} text={formulaBarText(model, sheet, sel.r, sel.c)} t={t} />
      <div style={css.gridArea}>
        <div
          ref={grid}
          role="grid"
          aria-label={t("preview.gridOf", { sheet: sheet.name })}
          aria-rowcount={g.nRows + 1}
          aria-colcount={g.nCols}
          aria-multiselectable="true"
          aria-activedescendant={activeDrawn(g, sel) && !entry.editing ? cellId(sel.r, sel.c) : undefined}
          data-testid="grid"
          tabIndex={0}
          onKeyDown={view.onKey}
          onCopy={entry.onCopy}
          onPaste={entry.onPaste}
          onMouseUp={view.pointer.onRelease}
          style={css.grid}
        >
          <ColumnHeaders sheet={sheet} g={g} selRect={selRect} scrollLeft={scroll.left} />
          {g.frozen > 0 && (
            <div style={css.frozenRows(g.frozenH)}>
              <div style={css.shiftX(-scroll.left)}>
                <CellRows {...rows} looks={g.top} rowStart={0} yShift={0} />
              </div>
            </div>
          )}
          <RowNumbers g={g} selRect={selRect} scrollTop={scroll.top} />
          <Body scroller={scroller} onScroll={nav.onScroll} g={g}>
            <CellRows {...rows} looks={g.body} rowStart={g.firstBody} yShift={g.frozenH} />
          </Body>
        </div>
        <Floating
          model={model}
          sheet={sheet}
          rows={g.rows}
          cols={g.cols}
          frozenH={g.frozenH}
          scroll={scroll}
          scroller={scroller}
        />
      </div>
      <SheetTabs sheets={props.sheets} shownId={sheet.id} label={t("preview.sheets")} onActivate={nav.activate} />
      {entry.alert && (
        <AlertDialog
          alert={entry.alert}
          ids={{ title: `${uid}-alert-title`, body: `${uid}-alert-body` }}
          t={t}
          onClose={view.closeAlert}
        />
      )}
    </div>
  );
}
