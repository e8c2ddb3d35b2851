import type { run as en } from "../en/run";

/** Chinese messages of one area — reading the workbook and running the steps: the run's messages, the fields and tables it reads, the validation alerts: every key of the English area, no other (checked by the compiler). */
export const run: Record<keyof typeof en, string> = {
  "field.period": "月份",
  "field.customerId": "客户编号",
  "field.customer": "客户",
  "field.industry": "行业",
  "field.subIndustry": "细分行业",
  "field.service": "业务",
  "field.amount": "收入",
  "field.site": "站点",
  "field.fibre": "用户端光纤",
  "field.copperPairs": "实线电缆",
  "field.services": "可承载业务",
  "sites.badFibre": "工作表“{sheet}”单元格 {cell}：“{value}”无法判断是否有光纤。请使用 有/无、yes/no、Y/N 或 ✓。",
  "sites.badCopper": "工作表“{sheet}”单元格 {cell}：“{value}”不是实线电缆对数。",
  "sites.missingData": "工作表“{sheet}”第 {row} 行：站点“{site}”缺少{fields}数据，其支撑能力显示为未知。",
  "table.ambiguousColumn":
    "工作表“{sheet}”第 {row} 行（表头）：{first} 和 {second} 都可能是{field}，且数据无法区分。请手动映射其中一列。",
  "table.headerBelow": "工作表“{sheet}”：表头在第 {row} 行，上方 {rows} 行（标题、来源说明）未读取。",
  "table.totalColumnSkipped": "工作表“{sheet}”第 {column} 列：合计列“{label}”未计入数字。",
  "table.wideRead": "工作表“{sheet}”：每月一列（{months} 个月）的表格，已按“客户 × 业务 × 月份”逐行读取。",
  "run.normalisedCopyWide":
    "收入表每月一列：公式读取工作表“{sheet}”中的规范化副本（每个客户 × 业务 × 月份一行，金额以元计），刷新时会重新复制。",
  "run.mapHeaderMissing": "--map {field}={header}：表头中没有这一列。找到的表头：{headers}。",
  "run.mapFieldUnknown": "--map：未知字段“{field}”。可用字段：{fields}。",
  "run.noSiteTableSheet":
    "未找到站点表：第 5 步的能力矩阵暂无数据。请添加一个表，列为：站点、地址、接入点/母局、用户端光纤（有/无）、实线电缆、可承载业务，然后刷新。",
  "table.empty": "工作表“{sheet}”：表中没有数据行。请至少添加一行收入数据。",
  "table.missingSiteColumn":
    "工作表“{sheet}”第 {row} 行（标题行）：没有{field}列（查找了 {aliases}）。请添加该列或将标题改为其中之一，或选择其他站点表。",
  "table.headersFound": "工作表“{sheet}”第 {row} 行（标题行）：找到的表头为 {headers}。",
  "table.missingColumn":
    "工作表“{sheet}”第 {row} 行（标题行）：没有{field}列（查找了 {aliases}）。请添加该列或手动映射。",
  "table.blankRequired": "工作表“{sheet}”单元格 {cell}：{field}为空。请填写或删除该行。",
  "table.badPeriod": "工作表“{sheet}”单元格 {cell}：“{value}”不是月份。请使用 2002-10、2002年10月、Oct 2002 或日期。",
  "table.badAmount": "工作表“{sheet}”单元格 {cell}：“{value}”不是金额。请使用数字，例如 28,120.83。",
  "table.moreProblems": "工作表“{sheet}”第 {column} 列：还有 {count} 个类似的单元格。",
  "table.totalRowSkipped": "工作表“{sheet}”第 {row} 行：合计行“{label}”未计入数字。",
  "run.noShapes":
    "此版本的 Excel 不支持形状（需要 ExcelApi 1.9）：第三步的网络结构图和购买决策流程图未绘制，其表格完整可用。",
  "run.protectedSheet":
    "工作表“{sheet}”设置了密码保护，加载项无法刷新它。请先撤销保护（审阅 › 撤销工作表保护）再运行。该工作表未作任何更改。",
  "run.snapshotDone": "已将 {date} 的快照添加到客户规划表。",
  "run.noRevenueTable": "未找到收入表：没有表格或工作表包含月份、客户、行业、业务和收入列。请选择表格或手动映射列。",
  "run.tableNotFound": "此工作簿中没有名为“{name}”的表格或工作表。",
  "run.badPeriod": "“{value}”不是期间。请使用 2002-10、2002-Q4、2002 或 2002-01~2002-06。",
  "run.noDataInPeriod": "收入表在 {period} 没有数据。请选择表中已有的期间（{first} 至 {last}）。",
  "run.missingMonths": "表中缺少 {period} 的 {months}：月均按已有的 {count} 个月计算。",
  "run.noCompareData": "收入表在对比期间 {period} 没有数据：增长率留空。",
  "run.focusNotFound": "收入表中没有重点客户“{focus}”。",
  "run.normalisedCopy":
    "公式不能直接读取收入表：{reasons}。公式改为读取工作表“{sheet}”中的规范化副本，刷新时会重新复制。",
  "run.copyConverted":
    "此版本的 Excel 不能调整工作表“{sheet}”中表格的大小：该表格已重新创建，本次未写入的工作表（{sheets}）读取的是它原来的行。请生成全部步骤，使其重新读取该表格。",
  "run.copyMoved":
    "工作表“{sheet}”中的表格不在加载项存放它的位置（从 A1 起，共 7 列）：该表格已重新创建，本次未写入的工作表（{sheets}）读取的是它原来的行。请生成全部步骤，使其重新读取该表格。",
  "run.rangeNames":
    "收入数据是普通区域：公式通过工作簿名称（SixStep_…）读取，区域扩大时刷新会扩展名称。将其转换为表格可自动扩展。",
  "run.progress": "第 {n} 步，共 {total} 步：{step}",
  "run.reading": "正在读取工作簿",
  "run.done": "已生成 {sheets}。100% = 每月 {total} 万元。",
  "run.failed": "Excel 报告“{code}”：{message}。本步骤未做任何更改，请重试。",
  "run.badAsOf": "截至日期“{value}”不是有效日期：请写成 yyyy-mm-dd，例如 2003-01-23。",
  // issue 30: list cells, settings, fallbacks
  "run.listValueUnknown":
    "工作表“{sheet}”单元格 {cell}（{header}，第 {row} 行）：“{value}”不是可选值（{choices}），已按原样保留，计算时视为空白。",
  "run.focusAmbiguous":
    "重点客户“{focus}”不明确：收入表中有 {count} 个客户名称包含它（{candidates}）。请输入客户编号或完整名称。",
  "validation.title": "输入无效",
  "validation.whole": "请输入 {min} 到 {max} 之间的整数。",
  "validation.decimal": "请输入 {min} 到 {max} 之间的数字。",
  "validation.list": "请从列表中选择：{choices}",
  "run.copyReason.textAmount": "金额是文本（如 {cells}）",
  "run.copyReason.textMonth": "月份是文本（如 {cells}）",
  "run.copyReason.mixedMonths": "月份有多种写法（如 {cells}）",
  "run.copyReason.unit": "金额以万元计（表头 {cells}）",
};
