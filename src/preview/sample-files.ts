// The sample case's CSV files, bundled as text (webpack `asset/source`) for the preview.
import revenue from "../../sample-case/revenue.csv";
import kpf from "../../sample-case/kpf.csv";
import competition from "../../sample-case/competition.csv";
import sites from "../../sample-case/sites.csv";
import profile from "../../sample-case/profile.csv";
import solutions from "../../sample-case/solutions.csv";
import bridge from "../../sample-case/bridge.csv";
import tasks from "../../sample-case/tasks.csv";
import communication from "../../sample-case/communication.csv";
import influencers from "../../sample-case/influencers.csv";
import type { SampleFiles } from "../sample/workbook";

export const SAMPLE_FILES: SampleFiles = {
  "revenue.csv": revenue,
  "kpf.csv": kpf,
  "competition.csv": competition,
  "sites.csv": sites,
  "profile.csv": profile,
  "solutions.csv": solutions,
  "bridge.csv": bridge,
  "tasks.csv": tasks,
  "communication.csv": communication,
  "influencers.csv": influencers,
};
