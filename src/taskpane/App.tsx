import { useEffect, useMemo, useState } from "react";
import {
  FluentProvider,
  Label,
  Select,
  Text,
  Title2,
  makeStyles,
  tokens,
  mergeClasses,
  useId,
} from "@fluentui/react-components";
import { fluentTheme } from "./theme";
import { hasCatalogue, localeFromDisplayLanguage, translator, type Locale } from "../i18n/core";
import { loadCatalogue } from "../i18n/load";
import { loadPreferences, savePreferences, type HostInfo, type Preferences, type ThemeName } from "../office/host";
import { STEP_IDS, type StepId } from "../steps/meta";
import { I18nContext } from "./i18n-context";
import { StepNavigator } from "./components/StepNavigator";
import { GeneratePanel } from "./components/GeneratePanel";
import { LoadFailed } from "./components/Lazy";
import { paneWorkbook, type PaneWorkbook } from "../excel/pane";
import type { ExcelRun } from "../excel/run";
import type { StepState } from "../excel/status";

const useStyles = makeStyles({
  // The pane is as tall as its window and its middle scrolls; the action bar docks under the
  // middle, so it stays in view whatever the pane shows above it.
  root: {
    display: "flex",
    flexDirection: "column",
    height: "100vh",
    minWidth: "280px",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  /** Office's Colorful theme paints the title bar in the app's colour: so does our header. */
  headerColorful: {
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    borderBottomColor: tokens.colorBrandStroke1,
  },
  taglineColorful: { color: tokens.colorNeutralForegroundOnBrand },
  logo: { width: "32px", height: "32px", flexShrink: 0 },
  headerText: { display: "flex", flexDirection: "column", minWidth: 0 },
  tagline: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  rootEmbedded: { height: "100%" },
  main: {
    flexGrow: 1,
    minHeight: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    paddingBottom: 0,
    overflowY: "auto",
  },
  /** The action bar's place: under the scrolling area, so it never scrolls out of view. */
  actionSlot: { flexShrink: 0 },
  prefs: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  field: { display: "flex", flexDirection: "column", gap: "2px", minWidth: "120px", flexGrow: 1 },
  status: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
});

export interface AppProps {
  host: HostInfo;
  /** Initial preferences; defaults to those stored by the host module. */
  preferences?: Preferences;
  assetBase?: string;
  /** The way into the workbook: Excel.run in Office, the emulator in the preview; null outside both. */
  run?: ExcelRun | null;
  /**
   * Every workbook call the pane makes (src/excel/pane), handed in as Microsoft's task-pane
   * template hands `insertText` to its component; by default those over `run`. A test hands a fake.
   */
  workbook?: PaneWorkbook | null;
  /** Bumped by the host when the workbook changed (the preview after each edit). */
  workbookVersion?: number;
  /** Called after the add-in wrote to the workbook. */
  onWorkbookChanged?: () => void;
  /** Inside another page (the preview): no page-level landmarks of its own. */
  embedded?: boolean;
  /** Told the pane's language whenever it changes (the preview speaks it too). */
  onLocale?: (locale: Locale) => void;
}

export function resolveLocale(host: HostInfo, prefs: Preferences): Locale {
  return prefs.language === "auto" ? localeFromDisplayLanguage(host.displayLanguage) : prefs.language;
}

export function resolveTheme(host: HostInfo, prefs: Preferences): ThemeName {
  return prefs.theme === "auto" ? host.theme : prefs.theme;
}

/**
 * The locale the pane can speak now: the one asked for once its catalogue is here (Chinese is a
 * chunk, loaded on the switch or before the first render by src/taskpane/index.tsx), the one it
 * spoke until then, and whether loading the asked-for one failed (offline).
 */
function useLoadedLocale(wanted: Locale): { locale: Locale; failed: boolean; retry: () => void } {
  const [spoken, setSpoken] = useState<Locale>(() => (hasCatalogue(wanted) ? wanted : "en-US"));
  /** The locale (and attempt) whose catalogue could not be loaded. */
  const [failure, setFailure] = useState<{ wanted: Locale; attempt: number } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const ready = hasCatalogue(wanted);
  // Once the asked-for catalogue is here, it is the one spoken until another has arrived.
  if (ready && spoken !== wanted) setSpoken(wanted);
  useEffect(() => {
    if (ready) return;
    let live = true;
    loadCatalogue(wanted).then(
      () => live && setSpoken(wanted),
      () => live && setFailure({ wanted, attempt }),
    );
    return () => {
      live = false;
    };
  }, [wanted, ready, attempt]);
  return {
    locale: ready ? wanted : spoken,
    // Only the failure of this locale's latest attempt: a retry or another choice clears it.
    failed: !ready && failure?.wanted === wanted && failure.attempt === attempt,
    retry: () => setAttempt((n) => n + 1),
  };
}

export function App(props: AppProps) {
  const [prefs, setPrefs] = useState<Preferences>(() => props.preferences ?? loadPreferences());
  const [step, setStep] = useState<StepId>("industry");
  const [statuses, setStatuses] = useState<Record<string, StepState>>({});
  const speaking = useLoadedLocale(resolveLocale(props.host, prefs));
  const theme = resolveTheme(props.host, prefs);
  const i18n = useMemo(() => ({ locale: speaking.locale, t: translator(speaking.locale) }), [speaking.locale]);
  const { t } = i18n;
  const styles = useStyles();
  const langId = useId("lang");
  const themeId = useId("theme");
  const { onLocale } = props;
  const [actionSlot, setActionSlot] = useState<HTMLDivElement | null>(null);
  const { run = null } = props;
  const given = props.workbook;
  const workbook = useMemo(
    () => (given !== undefined ? given : run ? paneWorkbook(run, STEP_IDS) : null),
    [given, run],
  );
  useEffect(() => onLocale?.(i18n.locale), [i18n.locale, onLocale]);

  const update = (next: Partial<Preferences>) => {
    const merged = { ...prefs, ...next };
    setPrefs(merged);
    savePreferences(merged);
  };

  const hostName = t(props.host.nameKey);
  const Main = props.embedded ? "div" : "main";
  return (
    <I18nContext.Provider value={i18n}>
      <FluentProvider theme={fluentTheme(theme)} lang={i18n.locale} style={{ height: "100%" }}>
        <div className={mergeClasses(styles.root, props.embedded && styles.rootEmbedded)} data-theme={theme}>
          <header className={mergeClasses(styles.header, theme === "colorful" && styles.headerColorful)}>
            <img className={styles.logo} src={`${props.assetBase ?? "assets"}/icon-32.png`} alt="" />
            <div className={styles.headerText}>
              <Title2 as="h1">{t("app.name")}</Title2>
              <span className={mergeClasses(styles.tagline, theme === "colorful" && styles.taglineColorful)}>
                {t("app.tagline")}
              </span>
            </div>
          </header>
          <Main className={styles.main}>
            {speaking.failed && <LoadFailed onRetry={speaking.retry} />}
            <StepNavigator selected={step} onSelect={setStep} statuses={statuses} />
            <GeneratePanel
              workbook={workbook}
              run={run}
              step={step}
              onChanged={props.onWorkbookChanged}
              onStatus={setStatuses}
              version={props.workbookVersion}
              sheetLanguage={prefs.language === "auto" ? undefined : prefs.language}
              actionSlot={actionSlot}
            />
          </Main>
          <div ref={setActionSlot} className={styles.actionSlot} />
          <div className={styles.prefs} role="region" aria-label={t("prefs.label")}>
            <div className={styles.field}>
              <Label htmlFor={langId}>{t("lang.label")}</Label>
              <Select
                id={langId}
                value={prefs.language}
                onChange={(_, d) => update({ language: d.value as Preferences["language"] })}
              >
                <option value="auto">{t("lang.auto")}</option>
                <option value="zh-CN">{t("lang.zh")}</option>
                <option value="en-US">{t("lang.en")}</option>
              </Select>
            </div>
            <div className={styles.field}>
              <Label htmlFor={themeId}>{t("theme.label")}</Label>
              <Select
                id={themeId}
                value={prefs.theme}
                onChange={(_, d) => update({ theme: d.value as Preferences["theme"] })}
              >
                <option value="auto">{t("theme.auto")}</option>
                <option value="light">{t("theme.light")}</option>
                <option value="dark">{t("theme.dark")}</option>
                <option value="colorful">{t("theme.colorful")}</option>
              </Select>
            </div>
          </div>
          <footer className={styles.status}>
            <Text size={200} role="status">
              {t("host.status", { host: hostName })}
              {props.host.excelApi ? ` · ${t("host.apiLevel", { version: props.host.excelApi })}` : ""}
            </Text>
          </footer>
        </div>
      </FluentProvider>
    </I18nContext.Provider>
  );
}
