// ESLint flat config: Microsoft's Office add-in rules (reads before load/sync are errors) on all
// TypeScript, React rules on the task pane, React's hooks rules where React is (the task pane and
// the preview, and their tests), and a few security rules everywhere.
const officeAddins = require("eslint-plugin-office-addins");
const reactHooks = require("eslint-plugin-react-hooks");
const tseslint = require("typescript-eslint");
const globals = require("globals");

const tsFiles = ["**/*.ts", "**/*.tsx"];

module.exports = [
  { ignores: ["dist/**", "build/**", "node_modules/**", "coverage/**", "test-artifacts/**", "bench/tmp/**"] },
  ...officeAddins.configs.react.map((c) => (c.files ? { ...c, files: [...c.files, "**/*.tsx"] } : c)),
  {
    files: tsFiles,
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: 2022,
      sourceType: "module",
      globals: {
        ...globals.browser,
        ...globals.node,
        Office: "readonly",
        Excel: "readonly",
        OfficeExtension: "readonly",
      },
    },
    settings: { react: { version: "18.3" } },
    rules: {
      "no-undef": "off", // TypeScript checks names; the core rule does not know TS types
      "no-redeclare": "off",
      "no-dupe-class-members": "off",
      "react/react-in-jsx-scope": "off",
      "react/no-danger": "error",
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/call-sync-after-load": "error",
      "office-addins/no-context-sync-in-loop": "error",
    },
  },
  {
    // React's recommended hooks rules: the rules of hooks, effects that list what they read, and the
    // React Compiler's checks (no refs read or props mutated while rendering, no state set
    // synchronously in an effect). Only where React is: elsewhere a `use…` function is no hook.
    ...reactHooks.configs.flat.recommended,
    files: ["src/taskpane/**/*.{ts,tsx}", "src/preview/**/*.{ts,tsx}", "test/**/*.tsx"],
  },
  {
    // The emulator implements sync() and load() itself, and its tests read before sync on
    // purpose (to prove PropertyNotLoaded); the office-addins rules are for the add-in's callers.
    files: ["src/emulator/**/*.ts", "test/emulator/**/*.ts"],
    rules: {
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
      "office-addins/call-sync-after-load": "off",
      "office-addins/no-context-sync-in-loop": "off",
      "office-addins/no-navigational-load": "off",
    },
  },
  {
    // No array spread into a call in src (issue 35): `Math.max(...xs)` and `out.push(...xs)` pass
    // one argument per element, and V8 overflows its stack past some hundred thousand (a
    // 1,000,000-row file crashed the exporter so). Use maxOf / minOf / pushAll (src/arrays.ts);
    // a spread whose length is bounded by the code (forwarding a rest parameter) says so where it is.
    files: ["src/**/*.ts", "src/**/*.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression > SpreadElement",
          message: "No array spread into a call: use maxOf, minOf or pushAll (src/arrays.ts).",
        },
        {
          selector: "NewExpression > SpreadElement",
          message: "No array spread into a constructor call: pass the array.",
        },
      ],
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", ecmaVersion: 2022, globals: { ...globals.node } },
    rules: { "@typescript-eslint/no-require-imports": "off", "no-new-func": "error" },
  },
];
