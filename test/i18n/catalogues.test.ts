import { CATALOGUES, localeFromDisplayLanguage, placeholders, translator } from "../../src/i18n";
import { METHOD_STEPS } from "../../src/steps/meta";

const en = CATALOGUES["en-US"];
const zh = CATALOGUES["zh-CN"];

test("every key exists, non-empty, in both languages", () => {
  expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  for (const [key, text] of Object.entries(zh)) {
    expect([key, text.trim().length > 0]).toEqual([key, true]);
  }
});

test("both languages use the same placeholders in each message", () => {
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    expect([key, placeholders(zh[key])]).toEqual([key, placeholders(en[key])]);
  }
});

test("Chinese texts are in Chinese where the English ones are words", () => {
  const untranslated = (Object.keys(en) as (keyof typeof en)[]).filter(
    (k) => /[a-z]{4,}/i.test(en[k]) && zh[k] === en[k] && !/^(lang\.en|host\.excelOther|host\.apiLevel)$/.test(k),
  );
  expect(untranslated).toEqual([]);
});

test("each step has a name and purpose in both languages", () => {
  const t = translator("zh-CN");
  expect(METHOD_STEPS.map((s) => t(`step.${s.id}.name` as const))).toEqual([
    "行业分析",
    "竞争分析",
    "个性化需求分析",
    "定制化方案分析",
    "服务支持能力分析",
    "客户规划分析",
  ]);
});

test("placeholders are filled", () => {
  expect(translator("en-US")("host.status", { host: "Excel on Windows" })).toBe("Running in Excel on Windows");
  expect(translator("zh-CN")("nav.stepNumber", { n: 3 })).toBe("第 3 步");
});

test("Office display languages map to our two locales", () => {
  expect(localeFromDisplayLanguage("zh-CN")).toBe("zh-CN");
  expect(localeFromDisplayLanguage("zh-TW")).toBe("zh-CN");
  expect(localeFromDisplayLanguage("en-GB")).toBe("en-US");
  expect(localeFromDisplayLanguage("de-DE")).toBe("en-US");
  expect(localeFromDisplayLanguage(undefined)).toBe("en-US");
});
