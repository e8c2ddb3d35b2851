import { detectHost, highestExcelApi, themeFromBackground, type OfficeLike } from "../../src/office/host";

function fakeOffice(
  platform: string,
  opts: { lang?: string; bg?: string; maxApi?: number; themeId?: string } = {},
): OfficeLike {
  return {
    onReady: async () => ({
      host: "Excel" as unknown as Office.HostType,
      platform: platform as unknown as Office.PlatformType,
    }),
    HostType: { Excel: "Excel" as unknown as Office.HostType },
    PlatformType: {} as typeof Office.PlatformType,
    ThemeId: { Colorful: "Colorful" },
    context: {
      displayLanguage: opts.lang ?? "zh-CN",
      officeTheme: { bodyBackgroundColor: opts.bg ?? "#ffffff", themeId: opts.themeId },
      requirements: { isSetSupported: (_n, v) => Number((v ?? "1.1").split(".")[1]) <= (opts.maxApi ?? 12) },
    },
  };
}

test("names each Excel platform", async () => {
  expect((await detectHost({ office: fakeOffice("PC") })).nameKey).toBe("host.excelWindows");
  expect((await detectHost({ office: fakeOffice("Mac") })).nameKey).toBe("host.excelMac");
  expect((await detectHost({ office: fakeOffice("OfficeOnline") })).nameKey).toBe("host.excelWeb");
});

test("reads Office's language, theme and API level", async () => {
  const h = await detectHost({ office: fakeOffice("PC", { lang: "zh-CN", bg: "#1f1f1f", maxApi: 17 }) });
  expect(h).toEqual({
    kind: "excel",
    nameKey: "host.excelWindows",
    displayLanguage: "zh-CN",
    theme: "dark",
    excelApi: "1.17",
  });
});

test("the preview and a plain browser are not Excel", async () => {
  expect((await detectHost({ preview: true })).kind).toBe("preview");
  expect((await detectHost({})).kind).toBe("browser");
  const neverReady: OfficeLike = { ...fakeOffice("PC"), onReady: () => new Promise(() => undefined) };
  expect((await detectHost({ office: neverReady, timeoutMs: 20 })).nameKey).toBe("host.browser");
});

test("theme from the body background's luminance", () => {
  expect(themeFromBackground("#FFFFFF")).toBe("light");
  expect(themeFromBackground("#262626")).toBe("dark");
  expect(themeFromBackground("#e6e6e6")).toBe("light");
  expect(themeFromBackground(undefined)).toBe("light");
});

test("highest ExcelApi stops at the first unsupported set", () => {
  expect(highestExcelApi((_n, v) => v !== "1.10")).toBe("1.9");
  expect(highestExcelApi(() => false)).toBeNull();
});

test("Office's Colorful theme is told apart from White (both light backgrounds)", async () => {
  expect((await detectHost({ office: fakeOffice("PC", { bg: "#ffffff", themeId: "Colorful" }) })).theme).toBe(
    "colorful",
  );
  expect((await detectHost({ office: fakeOffice("PC", { bg: "#ffffff", themeId: "White" }) })).theme).toBe("light");
  expect((await detectHost({ office: fakeOffice("PC", { bg: "#262626", themeId: "Black" }) })).theme).toBe("dark");
});
