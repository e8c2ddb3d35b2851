import { watchWorkbook } from "../../src/excel/watch";
import type { ExcelRun } from "../../src/excel/run";

/** A stand-in for Excel.run with just worksheets.onChanged: the emulator has no events. */
function fakeExcel() {
  const handlers: (() => Promise<void>)[] = [];
  let syncs = 0;
  const context = {
    workbook: {
      worksheets: {
        onChanged: {
          add(h: () => Promise<void>) {
            handlers.push(h);
            return { remove: () => handlers.splice(handlers.indexOf(h), 1) };
          },
        },
      },
    },
    sync: async () => {
      syncs++;
    },
  };
  const run = ((_: unknown, batch: (c: unknown) => Promise<unknown>) => batch(context)) as unknown as ExcelRun;
  return { run, handlers, syncs: () => syncs };
}

test("edits in a burst tell the pane once, after they stop; removing the watch stops it", async () => {
  jest.useFakeTimers();
  const excel = fakeExcel();
  let told = 0;
  const stop = await watchWorkbook(excel.run, () => told++, { supported: true, quietMs: 500 });
  expect(excel.handlers).toHaveLength(1);
  for (let i = 0; i < 5; i++) {
    await excel.handlers[0]();
    jest.advanceTimersByTime(100);
  }
  expect(told).toBe(0);
  jest.advanceTimersByTime(500);
  expect(told).toBe(1);
  await stop();
  expect(excel.handlers).toHaveLength(0);
  jest.useRealTimers();
});

test("hosts without ExcelApi 1.9 are not asked for events", async () => {
  const excel = fakeExcel();
  const stop = await watchWorkbook(excel.run, () => undefined, { supported: false });
  expect(excel.syncs()).toBe(0);
  await stop();
});
