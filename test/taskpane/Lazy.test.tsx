/**
 * @jest-environment jsdom
 */
import type { ReactNode } from "react";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { translator, type Locale } from "../../src/i18n";
import { I18nContext } from "../../src/taskpane/i18n-context";
import { chunkLoader, lazyView } from "../../src/taskpane/components/Lazy";
import { errorMessage } from "../../src/taskpane/messages";
import { installDomStubs } from "../helpers/dom";

beforeAll(installDomStubs);

const inLocale = (locale: Locale, node: ReactNode) => (
  <I18nContext.Provider value={{ locale, t: translator(locale) }}>{node}</I18nContext.Provider>
);

/** What webpack rejects a dynamic import with when the chunk's script does not arrive. */
const chunkLoadError = () => Object.assign(new Error("Loading chunk 17 failed."), { name: "ChunkLoadError" });

test("a view loading from its chunk shows a spinner labelled in the pane's language", async () => {
  type Hello = (p: { who: string }) => ReactNode;
  let arrive!: (c: Hello) => void;
  const View = lazyView(() => new Promise<Hello>((resolve) => (arrive = resolve)));
  render(inLocale("zh-CN", <View who="甲" />));
  expect(screen.getByText("正在加载…")).toBeTruthy();
  await act(async () => arrive((p) => <p>你好，{p.who}</p>));
  expect(await screen.findByText("你好，甲")).toBeTruthy();
  expect(screen.queryByText("正在加载…")).toBeNull();
});

test("a chunk that cannot be loaded (offline) says so in the pane's language, and Try again loads it", async () => {
  let online = false;
  const load = chunkLoader(() =>
    online ? Promise.resolve((p: { who: string }) => <p>Hello, {p.who}</p>) : Promise.reject(chunkLoadError()),
  );
  const View = lazyView(load);
  const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    render(inLocale("en-US", <View who="Ann" />));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe(translator("en-US")("ui.loadFailed"));
    online = true;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Hello, Ann")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  } finally {
    quiet.mockRestore();
  }
});

test("a run whose pipeline chunk cannot be loaded gets the same plain message, not webpack's", () => {
  const t = translator("zh-CN");
  expect(errorMessage(chunkLoadError(), t)).toEqual({ intent: "error", title: t("ui.loadFailed"), lines: [] });
});
