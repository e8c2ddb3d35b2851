import { monthToSerial, parseMonth } from "../tables/period";

/**
 * The sample revenue table as an analyst keeps it in Excel: the month column as real dates
 * (Excel serials of the month's first day) and amounts as numbers; the other columns as text.
 * Input: the CSV rows (header first) of sample-case/revenue.csv.
 */
export function revenueAsExcelValues(csv: string[][]): (string | number)[][] {
  const [header, ...rows] = csv;
  return [
    header,
    ...rows.map((r) => {
      const month = parseMonth(r[0]);
      if (!month) throw new Error(`sample revenue: unreadable month "${r[0]}"`);
      return [monthToSerial(month.month), ...r.slice(1, 6), Number(r[6])];
    }),
  ];
}
