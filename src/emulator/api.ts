/**
 * The Excel JavaScript API subset the add-in uses, over a WorkbookModel, with office-js's
 * client/server split: calls queue operations, `context.sync()` applies them in order, and a
 * property can be read only after it was loaded and synced (PropertyNotLoaded otherwise).
 * Members we do not emulate throw `not emulated: <Class>.<member>` instead of pretending.
 */
export * from "./client";
export * from "./context";
export * from "./workbook";
export * from "./range";
export * from "./format";
export * from "./conditional";
export * from "./tables";
export * from "./names";
export * from "./charts";
export * from "./shapes";
export * from "./page-layout";
