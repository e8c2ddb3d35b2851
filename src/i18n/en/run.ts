/** English messages of one area — reading the workbook and running the steps: the run's messages, the fields and tables it reads, the validation alerts. */
export const run = {
  "field.period": "month",
  "field.customerId": "customer id",
  "field.customer": "customer",
  "field.industry": "industry",
  "field.subIndustry": "sub-industry",
  "field.service": "service",
  "field.amount": "amount",
  "field.site": "site",
  "field.fibre": "fibre",
  "field.copperPairs": "copper pairs",
  "field.services": "services",
  "sites.badFibre":
    "Sheet “{sheet}”, cell {cell}: “{value}” does not say whether fibre reaches the site. Use 有/无, yes/no, Y/N or ✓.",
  "sites.badCopper": "Sheet “{sheet}”, cell {cell}: “{value}” is not a number of copper pairs.",
  "sites.missingData":
    "Sheet “{sheet}”, row {row}: site “{site}” is missing data ({fields}); its capability is shown as unknown.",
  "table.ambiguousColumn":
    "Sheet “{sheet}”, header row {row}: both {first} and {second} could be the {field}, and the data cannot tell them apart. Map one of them by hand.",
  "table.headerBelow":
    "Sheet “{sheet}”: the header is on row {row}; the {rows} row(s) above it (a title, a source line) were left alone.",
  "table.totalColumnSkipped":
    "Sheet “{sheet}”, column {column}: the total column “{label}” was left out of the figures.",
  "table.wideRead":
    "Sheet “{sheet}”: one column per month ({months} months), read as one row per customer × service × month.",
  "run.normalisedCopyWide":
    "The revenue table has one column per month: the formulas read a normalised copy on sheet “{sheet}” (one row per customer × service × month, amounts in yuan), which Refresh re-copies.",
  "run.mapHeaderMissing": "--map {field}={header}: no such column in the header row. Headers found: {headers}.",
  "run.mapFieldUnknown": "--map: unknown field “{field}”. Fields: {fields}.",
  "run.noSiteTableSheet":
    "No site table found: step 5's capability matrix has no data yet. Add a table with the columns site, address, access point, fibre (yes/no), copper pairs and services it can carry, then Refresh.",
  "table.empty": "Sheet “{sheet}”: the table has no data rows. Add at least one row of revenue.",
  "table.missingSiteColumn":
    "Sheet “{sheet}”, header row {row}: no {field} column (looked for {aliases}). Add the column or rename its header to one of these, or pick another site table.",
  "table.headersFound": "Sheet “{sheet}”, header row {row}: the headers found are {headers}.",
  "table.missingColumn":
    "Sheet “{sheet}”, header row {row}: no {field} column (looked for {aliases}). Add the column or map it by hand.",
  "table.blankRequired": "Sheet “{sheet}”, cell {cell}: the {field} is empty. Fill it in or delete the row.",
  "table.badPeriod":
    "Sheet “{sheet}”, cell {cell}: “{value}” is not a month. Use 2002-10, 2002年10月, Oct 2002 or a date.",
  "table.badAmount": "Sheet “{sheet}”, cell {cell}: “{value}” is not an amount. Use a number such as 28,120.83.",
  "table.moreProblems": "Sheet “{sheet}”, column {column}: {count} more cells like these.",
  "table.totalRowSkipped": "Sheet “{sheet}”, row {row}: the total row “{label}” was left out of the figures.",
  "run.noShapes":
    "This version of Excel has no shapes API (ExcelApi 1.9): step 3's network and buying-process diagrams were not drawn; their tables are complete.",
  "run.protectedSheet":
    "The sheet “{sheet}” is protected with a password, so the add-in cannot refresh it. Unprotect it (Review › Unprotect Sheet) and run again. Nothing was changed on that sheet.",
  "run.snapshotDone": "Snapshot of {date} added to the Planning sheet.",
  "run.noRevenueTable":
    "No revenue table found: no table or sheet has the columns month, customer, industry, service and amount. Pick the table or map its columns by hand.",
  "run.tableNotFound": "There is no table or sheet called “{name}” in this workbook.",
  "run.badPeriod": "“{value}” is not a period. Use 2002-10, 2002-Q4, 2002 or 2002-01~2002-06.",
  "run.noDataInPeriod":
    "The revenue table has no rows in {period}. Pick a period the table covers ({first} to {last}).",
  "run.missingMonths": "The table lacks {months} of {period}: averages divide by the {count} months present.",
  "run.noCompareData": "The table has no rows in the comparison period {period}: growth is left blank.",
  "run.focusNotFound": "Focus customer “{focus}” is not in the revenue table.",
  "run.normalisedCopy":
    "Formulas cannot read the revenue table directly: {reasons}. They read a normalised copy on sheet “{sheet}” instead, which Refresh re-copies.",
  "run.copyConverted":
    "This version of Excel cannot resize the table on sheet “{sheet}”: it was made again, and the sheets this run did not write ({sheets}) read its former rows. Generate all steps to bring them back to it.",
  "run.copyMoved":
    "The table on sheet “{sheet}” was not where the add-in keeps it (from A1, over its 7 columns): it was made again, and the sheets this run did not write ({sheets}) read its former rows. Generate all steps to bring them back to it.",
  "run.rangeNames":
    "The revenue data is a plain range: the formulas read it through workbook names (SixStep_…), which Refresh extends when the range grows. Convert it to a table for automatic growth.",
  "run.progress": "Step {n} of {total}: {step}",
  "run.reading": "Reading the workbook",
  "run.done": "Generated {sheets}. Total: ¥{total}m a month.",
  "run.failed": "Excel reported “{code}”: {message}. Nothing was changed on this step; try again.",
  "run.badAsOf": "The as-of date “{value}” is not a date: write it as yyyy-mm-dd, e.g. 2003-01-23.",
  // issue 30: list cells, settings, fallbacks
  "run.listValueUnknown":
    "Sheet “{sheet}”, cell {cell} ({header}, row {row}): “{value}” is not one of {choices}; it is kept as typed and counts as blank.",
  "run.focusAmbiguous":
    "Focus customer “{focus}” is ambiguous: {count} customers' names in the revenue table contain it ({candidates}). Type the customer's id or full name.",
  "validation.title": "Invalid entry",
  "validation.whole": "Enter a whole number from {min} to {max}.",
  "validation.decimal": "Enter a number from {min} to {max}.",
  "validation.list": "Pick one of: {choices}",
  "run.copyReason.textAmount": "amounts stored as text (e.g. {cells})",
  "run.copyReason.textMonth": "months written as text (e.g. {cells})",
  "run.copyReason.mixedMonths": "months written in more than one form (e.g. {cells})",
  "run.copyReason.unit": "amounts in 10k yuan (header {cells})",
} as const;
