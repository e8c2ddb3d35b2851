/** English messages of one area — what the sheets and the deck say: the implications, the overview's action title, charts, diagrams and the deck. */
export const findings = {
  "impl.industry.largest":
    "The largest industry is {industry}, with {share} of our revenue; the fastest-growing is {growing} ({growth} on the comparison period).",
  "impl.industry.focus":
    "{focus} is {share} of {segment}; its largest service is {service} ({serviceShare} of its spend).",
  "impl.competition.lead": "Across the products rated, {our} leads by {lead} points on average (weighted, 1–5).",
  "impl.needs.profile":
    "The profile is {complete} complete; the customer spends {total} yuan a month with us, most on {largest}.",
  "impl.needs.latent": "{count} latent needs are recorded, {high} of them high priority.",
  "impl.needs.noLatent":
    "No latent needs recorded yet: list in the Latent needs table what the customer has not asked for but we can see.",
  "impl.solutions.quick": "{quick} of {total} solutions are quick wins; the top-ranked is {top} ({phase}).",
  "impl.solutions.bridge": "Carried out, they take the monthly revenue from {start} to {end} yuan ({growth}).",
  "impl.support.gaps":
    "{none} of {services} services cannot be carried by any site today; {after} more become possible after works.",
  "impl.support.ready": "Sites are {ready} ready on average today.",
  "impl.solutions.none": "No solutions yet: list them in the solutions table and rate them (1–5).",
  "impl.solutions.noBridge":
    "The revenue bridge is still empty: list the changes in the monthly revenue change table to see the revenue after the plan.",
  "impl.planning.notRated":
    "Key people are not rated yet: give each influencer an attitude and an influence to see the weighted support index.",
  "impl.planning.supportOnly":
    "The influence-weighted support index is {index} of 5; progress against the competitor is not recorded yet.",
  "impl.competition.notRated":
    "No competitive ratings yet: rate each operator on each product (1–5) in the ratings table.",
  "impl.planning.support":
    "The influence-weighted support index is {index} of 5; progress against the competitor stands at {progress} (−5 … +5).",
  "impl.planning.next": "Next milestone: {next}.",
  "impl.planning.none": "no milestone ahead in the plan year",
  "impl.planning.noTasks": "No tasks yet: list the tasks and their milestones in the Tasks and quarterly plan table.",
  "diagram.hub": "The customer",
  "diagram.primary": "Primary link",
  "diagram.backup": "Backup link",
  "diagram.intended": "Dashed: planned (the customer's intention or our proposal)",
  "diagram.budget": "holds the budget",
  "diagram.deciders": "Voice: {voice}; data: {data}",
  "diagram.attitude": "attitude",
  "diagram.attitudeLegend": "Attitude: A recommends … E opposes (grey: not rated)",
  "impl.portfolio.top": "The most attractive accounts: {first}, {second} and {third}.",
  "impl.portfolio.quadrants":
    "Invest {invest}, build the relationship {build}, maintain {maintain}, monitor {monitor}; {rate} accounts still to rate.",
  // The deck (issue 32).
  "deck.title": "Account plan",
  "deck.period": "Period: {period}",
  "deck.asOf": "As of {date}",
  "deck.preparedBy": "Prepared by {name}",
  "deck.source": "Source: {file}, sheet “{sheet}”{asOf}",
  "deck.sourceAsOf": ", as of {date}",
  "deck.fontNote":
    "Chinese text is set in Microsoft YaHei (微软雅黑), which Windows and WPS have; where it is missing, PowerPoint and LibreOffice use another Chinese sans-serif font.",
  "deck.missing":
    "Not in this workbook: {names}. Run Refresh all with the current version of the add-in, then export again.",
  "deck.error.notGenerated":
    "This workbook holds no six-step analysis (no {names}): run Generate all first, then export the deck.",
  "deck.implications": "Implications",
  "deck.cont": "(continued)",
  "deck.appendix": "Appendix: {what}",
  "deck.solutions": "Solutions",
  "deck.pipeline": "Pipeline",
  "deck.focusMix": "The focus customer's service mix",
  "deck.moreInAppendix": "{count} more rows in the appendix.",
  "deck.planYear": "plan year {year}",
  "deck.plan.fallbackTitle": "The account plan on one page",
  "deck.plan.headline": "Headline figures",
  "deck.plan.moves": "Top three moves (owner · due · first task)",
  "deck.plan.asks": "Asks of management",
  "deck.plan.noAsks": "No asks entered on the overview.",
  "deck.pipeline.title":
    "Pipeline: {weighted} a month weighted; {count} closing this quarter, {quarter} a month weighted",
  "deck.export": "Export deck",
  "deck.exportPptx": "Export deck (.pptx)",
  "deck.building": "Building the deck…",
  "deck.saved": "Deck saved: {file} ({slides} slides).",
  "deck.noDownload":
    "If no file appeared, this version of Excel blocks downloads from the task pane: save the workbook and run `sixstep deck` on it, or export from Excel on the web.",
  "deck.moreOnSheet": "{count} more rows on the sheet “{sheet}”.",
  "deck.failed": "The deck could not be built: {message}",
  "deck.dialog.opened":
    "This version of Excel blocks downloads from the task pane: {file} is open in a dialog; click Save there.",
  "deck.dialog.saved": "{file} saved from the dialog ({slides} slides).",
  "deck.dialog.failed":
    "The save dialog could not open (error {code}). Save the workbook and run `sixstep deck workbook.xlsx -o plan.pptx` on it, or export from Excel on the web.",
  "deck.dialog.heading": "Save the deck",
  "deck.dialog.save": "Save {file}",
  "deck.dialog.hint":
    "If clicking saves no file: save the workbook and run `sixstep deck workbook.xlsx -o plan.pptx` on it, or export from Excel on the web.",
  "deck.noSave":
    "This version of Excel neither lets the task pane download a file nor hands one to a dialog (that needs DialogApi 1.2): the deck ({slides} slides) was not saved. Save the workbook and run `sixstep deck workbook.xlsx -o plan.pptx` on it, or export from Excel on the web.",
  "deck.portfolio.top": "The {count} most attractive accounts",
  "deck.portfolio.unrated":
    "{count} more ranked accounts have no relationship score yet and are off the chart: rate them in column B of the sheet “{sheet}”.",
  // Issue 28: the one-page account plan, the as-of date, print.
  "ov.action": "Grow {account} from ¥{now}k to ¥{end}k a month ({growth}) by the end of {year} with {moves} moves",
  "ov.actionNoBridge":
    "{account} brings ¥{now}k a month today; the growth target and the moves are still to be set on the Solutions sheet",
  "ov.actionEmpty": "{account}: the account plan is still to be generated",
  "ov.chartBridge": "Monthly revenue, now to the end of the plan year (yuan)",
  "ov.bridgeNow": "Now",
  "ov.bridgeYearEnd": "Year end",
  "ov.moves": "Top three moves",
  "ov.due": "Due",
  "ov.impact": "Monthly impact",
  "ov.notEstimated": "not estimated",
  "ov.nextMilestones": "Next milestones",
  // Charts that speak (issue 28): axis titles and the scatter's shared labels.
  "chart.title.composition": "Monthly revenue by industry",
  "chart.title.competition": "Weighted score by product and operator",
  "chart.axis.monthlyYuan": "Monthly revenue (yuan)",
  "chart.axis.monthlyWan": "Monthly revenue (10k yuan)",
  "chart.axis.bridgeStep": "Change in revenue",
  "chart.axis.product": "Product",
  "chart.axis.score": "Weighted score (1–5)",
  "chart.axis.feasibility": "Feasibility (1–5)",
  "chart.axis.benefit": "Financial benefit (1–5)",
  "chart.axis.relationship": "Relationship (1–5)",
  "chart.axis.attractiveness": "Attractiveness (0–5)",
  "chart.helper.place": "Point's place",
  "chart.helper.together": "Solutions at this place",
  "chart.helper.label": "Point label",
  "chart.pointLabels.note":
    "Each point is labelled with its solution number; solutions at the same place (the same feasibility to one decimal and the same benefit) share one label, such as “3, 4”.",
  "impl.portfolio.focus":
    "{name} ranks {rank} of {ranked} customers (attractiveness {attractiveness}): revenue {revenue}, growth {growth}, whitespace {whitespace}, wallet held by rivals {wallet} (our share of its wallet {share}).",
  "impl.portfolio.stale":
    "Since the last run the revenue table's rows moved, were added or removed, or a row's customer, service or month changed (cells showing #N/A): refresh the portfolio for its totals to match the table. Amounts edited in place need no refresh.",
} as const;
