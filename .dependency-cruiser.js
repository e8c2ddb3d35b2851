/**
 * The layers of src/ (issue 33), checked by dependency-cruiser in `npm run lint` and by
 * test/build/layers.test.ts. A module may import its own layer and the layers below it, never one
 * above; type-only imports count too (TypeScript is resolved through tsconfig.json). From the
 * bottom up:
 *
 *   1. core      src/*.ts (address, arrays, charts, text, text-metrics, typed input, the document
 *                settings' schema), src/types (ambient declarations), src/i18n
 *   2. tables, office, emulator
 *                reading the user's tables; the Office host; the in-memory workbook (the emulator
 *                is stricter: it imports core only)
 *   3. method    the analysis itself, and the vocabularies of its list cells
 *   4. layout    sheet plans (cells, formulas, formats, charts) from the method's figures
 *   5. steps     the step registry: read inputs, run the method, lay out
 *   6. excel     the pipeline, reading and writing the workbook through office-js
 *   7. taskpane, sample, deck, commands
 *                the pane; the sample case; the PowerPoint deck; the ribbon's commands
 *   8. preview, cli
 *                the standalone preview and the command line, over the emulator
 *
 * Each boundary is one rule below ("<layer>-not-above"): what a layer must not import. Shared
 * code moves down to the layer of its lowest user; there are no exceptions.
 */

/** The layers, bottom first: a name and the paths (regular expressions on the path from the repository root). */
const LAYERS = [
  { name: "core", paths: ["^src/[^/]+\\.tsx?$", "^src/types/", "^src/i18n/"] },
  { name: "tables-office-emulator", paths: ["^src/tables/", "^src/office/", "^src/emulator/"] },
  { name: "method", paths: ["^src/method/"] },
  { name: "layout", paths: ["^src/layout/"] },
  { name: "steps", paths: ["^src/steps/"] },
  { name: "excel", paths: ["^src/excel/"] },
  { name: "taskpane-sample-deck-commands", paths: ["^src/taskpane/", "^src/sample/", "^src/deck/", "^src/commands/"] },
  { name: "preview-cli", paths: ["^src/preview/", "^src/cli/"] },
];

/** Every path of the layers above layer i. */
const above = (i) => LAYERS.slice(i + 1).flatMap((l) => l.paths);

const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `${layer.name}-not-above`,
  comment: `${layer.name} imports only ${LAYERS.slice(0, i + 1)
    .map((l) => l.name)
    .join(", ")}: never ${LAYERS.slice(i + 1)
    .map((l) => l.name)
    .join(", ")}.`,
  severity: "error",
  from: { path: layer.paths },
  to: { path: above(i) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      // The emulator stands in for Excel under the preview, the CLI and the tests: it knows nothing of
      // the add-in, only the core helpers (addresses, text, charts' shapes, typed input).
      name: "emulator-only-core",
      comment: "src/emulator imports only core (src/*.ts, src/types, src/i18n).",
      severity: "error",
      from: { path: "^src/emulator/" },
      to: { path: "^src/", pathNot: [...LAYERS[0].paths, "^src/emulator/"] },
    },
    {
      // An import that does not resolve would escape every rule above.
      name: "not-to-unresolvable",
      comment: "An import in src resolves to a file or a package.",
      severity: "error",
      from: { path: "^src/" },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // src only: the packages are not followed (their own imports are theirs).
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports are dependencies too: a layer may not name a higher layer's types.
    tsPreCompilationDeps: true,
  },
};
