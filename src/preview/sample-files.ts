// The sample case's CSV files, bundled as text (webpack `asset/source`) for the preview.
import revenue from "../../sample-case/revenue.csv";
import kpf from "../../sample-case/kpf.csv";
import competition from "../../sample-case/competition.csv";
import sites from "../../sample-case/sites.csv";
import type { SampleFiles } from "../sample/workbook";

export const SAMPLE_FILES: SampleFiles = {
  "revenue.csv": revenue,
  "kpf.csv": kpf,
  "competition.csv": competition,
  "sites.csv": sites,
};
