/** The panel's styles (Fluent's makeStyles): the section, its rows of fields and the action bar. */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useGeneratePanelStyles = makeStyles({
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  grow: { flexGrow: 1, minWidth: "120px" },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  // The primary actions stay in view at the bottom of the pane while the settings scroll: docked
  // under the scrolling area when the pane offers a place (a sticky bar cannot rise above its own
  // section, which starts below the fold under the step list), else sticky at its end.
  sticky: {
    position: "sticky",
    bottom: 0,
    zIndex: 1,
    margin: `0 calc(-1 * ${tokens.spacingHorizontalS})`,
  },
  bar: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow4,
  },
  fill: { color: tokens.colorNeutralForeground2 },
});

export type GeneratePanelStyles = ReturnType<typeof useGeneratePanelStyles>;
