/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { installDomStubs } from "../helpers/dom";
import type { HostInfo } from "../../src/office/host";
import { loadCatalogue } from "../../src/i18n/load";

const excelZh: HostInfo = {
  kind: "excel",
  nameKey: "host.excelWindows",
  displayLanguage: "zh-CN",
  theme: "light",
  excelApi: "1.12",
};
const preview: HostInfo = {
  kind: "preview",
  nameKey: "host.preview",
  displayLanguage: "en-US",
  theme: "dark",
  excelApi: null,
};

beforeAll(async () => {
  installDomStubs();
  // The pane's first bundle speaks English; Chinese is a chunk its entry loads before rendering.
  await loadCatalogue("zh-CN");
});

test("renders in Chinese in Chinese Excel, naming the host", () => {
  render(<App host={excelZh} preferences={{ language: "auto", theme: "auto" }} />);
  expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("六步分析法 · 大客户分析");
  expect(screen.getByRole("status").textContent).toBe("运行于 Windows 版 Excel · ExcelApi 1.12");
  const tabs = screen.getAllByRole("tab");
  // The six steps, then the on-demand portfolio.
  expect(tabs).toHaveLength(7);
  expect(tabs[0].textContent).toContain("行业分析");
  expect(tabs[5].textContent).toContain("客户规划分析");
  expect(tabs[6].textContent).toContain("客户组合");
});

test("renders in English in the preview, dark theme", () => {
  const { container } = render(<App host={preview} preferences={{ language: "auto", theme: "auto" }} />);
  expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Six-Step Key-Account Analysis");
  expect(screen.getByRole("status").textContent).toBe("Running in Standalone preview");
  expect(container.querySelector("[data-theme]")?.getAttribute("data-theme")).toBe("dark");
});

test("the manual switch relabels the pane at once", () => {
  render(<App host={excelZh} preferences={{ language: "auto", theme: "auto" }} />);
  const langSelect = screen.getByLabelText("语言");
  act(() => {
    fireEvent.change(langSelect, { target: { value: "en-US" } });
  });
  expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Six-Step Key-Account Analysis");
  expect(screen.getAllByRole("tab")[1].textContent).toContain("Competition analysis");
  expect(screen.getByRole("status").textContent).toBe("Running in Excel on Windows · ExcelApi 1.12");
  act(() => {
    fireEvent.change(screen.getByLabelText("Theme"), { target: { value: "dark" } });
  });
  expect(document.querySelector("[data-theme]")?.getAttribute("data-theme")).toBe("dark");
  act(() => {
    fireEvent.change(screen.getByLabelText("Theme"), { target: { value: "colorful" } });
  });
  expect(document.querySelector("[data-theme]")?.getAttribute("data-theme")).toBe("colorful");
  expect((screen.getByLabelText("Theme") as HTMLSelectElement).selectedOptions[0].textContent).toBe("Colourful");
});

test("selecting a step by keyboard moves the selection", () => {
  render(<App host={preview} preferences={{ language: "en-US", theme: "light" }} />);
  const tabs = screen.getAllByRole("tab");
  expect(tabs[0].getAttribute("aria-selected")).toBe("true");
  act(() => {
    tabs[2].focus();
    fireEvent.click(tabs[2]);
  });
  expect(screen.getAllByRole("tab")[2].getAttribute("aria-selected")).toBe("true");
});
