/** The sheet tabs: one tab stop, arrows (and Ctrl+PgUp/PgDn, Home, End) move between them, as a tab list does. */
import { useRef } from "react";
import type { SheetModel } from "../../emulator/model";
import { tab, tabs } from "./styles";

export function SheetTabs(props: {
  sheets: SheetModel[];
  shownId: string;
  label: string;
  onActivate: (id: string) => void;
}) {
  const { sheets, shownId } = props;
  const list = useRef<HTMLDivElement>(null);
  return (
    <div
      ref={list}
      role="tablist"
      aria-label={props.label}
      data-testid="sheet-tabs"
      onKeyDown={(e) => {
        const i = sheets.findIndex((s) => s.id === shownId);
        const to =
          e.key === "ArrowRight" || (e.ctrlKey && e.key === "PageDown")
            ? i + 1
            : e.key === "ArrowLeft" || (e.ctrlKey && e.key === "PageUp")
              ? i - 1
              : e.key === "Home"
                ? 0
                : e.key === "End"
                  ? sheets.length - 1
                  : null;
        if (to === null) return;
        e.preventDefault();
        props.onActivate(sheets[(to + sheets.length) % sheets.length].id);
        requestAnimationFrame(() =>
          (list.current?.querySelector('[aria-selected="true"]') as HTMLElement | null)?.focus(),
        );
      }}
      style={tabs}
    >
      {sheets.map((s) => (
        <button
          key={s.id}
          role="tab"
          aria-selected={s.id === shownId}
          // One tab stop for the tabs: arrows move between them.
          tabIndex={s.id === shownId ? 0 : -1}
          onClick={() => props.onActivate(s.id)}
          style={tab(s.id === shownId)}
        >
          {s.name}
        </button>
      ))}
    </div>
  );
}
