/**
 * The sample case's analyst inputs for steps 3 and 4, from `sample-case/` (profile, solutions,
 * bridge) and the method's seed facts (relationship history, network, goals, decision process,
 * latent needs), in Chinese and English. Handed to Generate as the starting inputs of a new
 * sample workbook; rows are matched by key as any analyst input is.
 */
import type { PreviousInputs } from "../layout/inputs";
import { translator } from "../i18n";
import { defaultLines, FAMILY_LABEL } from "../method/lines";
import { PROFILE_FIELDS } from "../method/needs";
import { monthIndex, monthToSerial } from "../tables/period";
import { parseCsv } from "./csv";
import {
  COMMUNICATION_EN,
  frequencyInEnglish,
  inEnglish,
  INFLUENCERS_EN,
  PEOPLE_EN,
  PROFILE_VALUES_EN,
  TASKS_EN,
} from "./english";

type Lang = "zh" | "en";

const SOLUTIONS_EN: Record<string, [string, string, string, string]> = {
  "1": [
    "Keep DDN networking; new outlets on DDN, ISDN backup",
    "Data",
    "Unicom, Netcom may enter",
    "Quality first, keep the lead",
  ],
  "2": [
    "2M digital circuits; fibre to the premises, SDH ahead of demand",
    "Data",
    "Unicom, Netcom, power and broadcasting compete in 2M",
    "Quality first, keep the lead",
  ],
  "3": [
    "MPLS-VPN networking, DDN as backup",
    "Data",
    "Potential competition",
    "Do not push substitutes in the short term",
  ],
  "4": [
    "Virtual network replacing the PBX",
    "Voice",
    "Mobile VPN used by staff; Mobile 2M trunk coming",
    "Promote the virtual network, solve real problems",
  ],
  // The seed (p.23) numbers the IP express agreement 5 and call quality 6.
  "5": [
    "IP express agreement: win back the call-back centre",
    "Voice",
    "Netcom IP voice line already in",
    "Steer the customer to our IP phone",
  ],
  "6": ["Key-line assurance: priority repair list", "Voice", "Netcom, Mobile", "Ensure quality and completion rate"],
  "7": [
    "Broadband access and online insurance",
    "IT applications",
    "Fierce Netcom competition",
    "Use office-building broadband offers",
  ],
  "8": ["VPDN remote office", "IT applications", "Fierce Netcom competition", "Follow the VPDN trial, drive wide use"],
  "9": [
    "Video conferencing (Xinshitong)",
    "IT applications",
    "Fierce Netcom competition",
    "Promote with the faster network",
  ],
  "10": [
    "Wireless broadband (Tianyitong)",
    "IT applications",
    "Mobile and Unicom wireless growing fast",
    "Present our wireless strengths",
  ],
};
const BRIDGE_EN: Record<string, string> = {
  营业点新增DDN收入: "New DDN revenue from new outlets",
  争取电话回访中心的转网: "Win the call-back centre from Netcom",
  "长、市话量减少": "Lower long-distance and local-call volume",
};
const PHASES: Record<Lang, Record<string, string>> = {
  zh: { 短期: "短期", 中期: "中期", 长期: "长期" },
  en: { 短期: "Short", 中期: "Mid", 长期: "Long" },
};

const rows = (text: string) => parseCsv(text).filter((r) => r.some((c) => c.trim() !== ""));
const num = (s: string | undefined) => (s === undefined || s.trim() === "" ? null : Number(s));

export function sampleNeedsInputs(profileCsv: string, lang: Lang): PreviousInputs {
  const profile = rows(profileCsv)
    .slice(1)
    .map((r) => {
      const i = PROFILE_FIELDS.zh.indexOf(r[0]);
      if (lang === "zh" || i < 0) return [r[0], r[1]];
      return [PROFILE_FIELDS.en[i], PROFILE_VALUES_EN[r[0]] ?? r[1]];
    });
  const m = (y: number, mo: number) => monthToSerial(monthIndex(y, mo));
  return { profile, ...(lang === "zh" ? needsTablesZh(m) : needsTablesEn(m)) };
}

/** The Needs sheet's tables after the profile, in Chinese (`m`: a month's first day as a serial). */
function needsTablesZh(m: (y: number, mo: number) => number): PreviousInputs {
  return {
    history: [
      [m(2001, 5), "中国电信集团与平安签订全面合作协议"],
      [m(2003, 2), "平安重组，更名为中国平安保险(集团)股份有限公司"],
    ],
    network: [
      ["全国", "深圳总部、上海数据中心、北方数据中心、香港公司", "2M长途电路", "2M", "否"],
      ["省", "福州分公司 + 6个地市中心支公司", "DDN", "512K", "否"],
      ["市", "福州5个支公司；泉州6个营销服务部", "DDN", "256K/128K", "否"],
      ["县", "福清支公司等8个县支公司", "DDN", "64K", "否"],
      // Solution 2 (p.35): 2M digital circuits between the branch and the prefecture sub-branches.
      ["省", "福州分公司 + 6个地市中心支公司", "2M数字电路", "2M", "是"],
      // The backups the DDN design adds (p.20): ISDN behind the prefecture and county DDN lines.
      ["省", "福州分公司 + 6个地市中心支公司", "ISDN备份", "", "是"],
      ["县", "福清支公司等8个县支公司", "ISDN备份", "", "是"],
      // The deck's external links (p.12): to ICBC, and to the regulator and other banks.
      ["对外", "工商银行", "DDN", "128K", "否"],
      ["对外", "保监会及其它银行", "DDN", "64K", "否"],
    ],
    goals: [
      // p.13: the measures (大集中建设, 电话中心, 互联网, 综合业务系统) and what each holds.
      ["大集中", "建立深圳、上海两个信息中心，覆盖全国", "以应用系统标准化为重点"],
      ["3A服务体系", "电话中心", "与网上保险、电话投保共同构成虚拟保险服务体系"],
      ["3A服务体系", "互联网", "与电话中心同为3A服务体系的核心"],
      ["综合业务系统", "连接各分支公司，在同一平台上处理业务", "跨区域网络化实时处理"],
    ],
    decision: [
      ["总公司", "全国网络规划、扩容与投资；选定2-3家运营商", "办公室", "电脑部", "是"],
      ["分公司", "全省网络变更的价格谈判；在入围运营商中最终选择；核定支公司通信预算", "办公室", "电脑部", "是"],
      ["中心支公司", "预算内的普通语音和增值业务；宽带、虚拟网等临时采购", "办公室", "电脑部", "否"],
      ["营业网点", "就临时采购与运营商洽谈", "办公室", "电脑部", "否"],
    ],
    latent: [
      ["稳定可靠的线路", "关键线路故障率偏高", "数据", null, "高"],
      ["提高低带宽网点的速率", "网点仍为64K/128K DDN", "数据", null, "高"],
      ["覆盖广而密的网络", "县级网点持续增加", "数据", null, "中"],
    ],
  };
}

/** The Needs sheet's tables after the profile, in English. */
function needsTablesEn(m: (y: number, mo: number) => number): PreviousInputs {
  return {
    history: [
      [m(2001, 5), "China Telecom group signed a full cooperation agreement with Ping An"],
      [m(2003, 2), "Ping An restructured and renamed Ping An Insurance (Group) Company of China"],
    ],
    network: [
      [
        "National",
        "Shenzhen HQ, Shanghai and northern data centres, Hong Kong company",
        "2M long-distance circuit",
        "2M",
        "No",
      ],
      ["Provincial", "Fuzhou branch + 6 prefecture central sub-branches", "DDN", "512K", "No"],
      ["City", "5 Fuzhou sub-branches; 6 Quanzhou sales departments", "DDN", "256K/128K", "No"],
      ["County", "Fuqing and 7 other county sub-branches", "DDN", "64K", "No"],
      ["Provincial", "Fuzhou branch + 6 prefecture central sub-branches", "2M digital circuit", "2M", "Yes"],
      ["Provincial", "Fuzhou branch + 6 prefecture central sub-branches", "ISDN backup", "", "Yes"],
      ["County", "Fuqing and 7 other county sub-branches", "ISDN backup", "", "Yes"],
      ["External", "ICBC", "DDN", "128K", "No"],
      ["External", "Insurance regulator and other banks", "DDN", "64K", "No"],
    ],
    goals: [
      [
        "Centralisation",
        "Two information centres (Shenzhen, Shanghai) covering the country",
        "Standardised applications first",
      ],
      ["3A service system", "Call centre", "With online and telephone insurance, a virtual insurance service"],
      ["3A service system", "Internet", "With the call centre, the core of the 3A service system"],
      ["Integrated business system", "Every branch on one platform", "Real-time processing across regions"],
    ],
    decision: [
      [
        "Head office",
        "Nationwide network planning and investment; short-lists 2–3 operators",
        "General office",
        "Computer dept",
        "Yes",
      ],
      [
        "Branch",
        "Price negotiation for province-wide changes; final choice in the short list; sub-branch budgets",
        "General office",
        "Computer dept",
        "Yes",
      ],
      [
        "Central sub-branch",
        "Voice and value-added purchases within budget; ad-hoc broadband, virtual network",
        "General office",
        "Computer dept",
        "No",
      ],
      ["Outlet", "Negotiates ad-hoc purchases with operators", "General office", "Computer dept", "No"],
    ],
    latent: [
      ["Stable, reliable lines", "Key lines fail too often", "Data", null, "High"],
      ["Faster links for low-bandwidth outlets", "Outlets still on 64K/128K DDN", "Data", null, "High"],
      ["Wide, dense coverage", "County outlets keep being added", "Data", null, "Medium"],
    ],
  };
}

/**
 * The sample's service line of each proposal: the CSV's business area, with voice split as the
 * deck's page 18 splits it (4 virtual network and 6 key-line assurance on local calls, 5 IP express
 * on long distance).
 */
function sampleLine(id: string, area: string, lang: Lang): string {
  const [data, longDistance, local, apps] = defaultLines(lang).map((l) => l.line);
  if (/数据/.test(area)) return data;
  if (/语音/.test(area)) return id === "5" ? longDistance : local;
  if (/信息化/.test(area)) return apps;
  return area;
}

/** The deck's pages 17–18: the competition and our strategy on each line. */
const SAMPLE_LINES: Record<Lang, [string, string][]> = {
  zh: [
    ["联通、网通及电力、广电在2M传输方面有一定竞争力", "质量至上，保证市场领先；短期内不主动推广替代性业务（如VPN）"],
    ["网通IP语音专线已经介入", "引导客户使用电信IP电话，签订IP直通车协议"],
    ["移动VPN已在员工中使用；移动2M中继线准备接入用户交换机", "推广虚拟网替代用户交换机；利用168/179语音平台"],
    ["网通竞争激烈；移动、联通无线接入发展迅速", "借网络提速推广新视通、VPDN、天翼通等应用"],
  ],
  en: [
    [
      "Unicom, Netcom, power and broadcasting compete in 2M",
      "Quality first, keep the lead; no substitutes (e.g. VPN) for now",
    ],
    ["Netcom's IP voice line already in", "Steer the customer to our IP phone; sign IP express agreements"],
    [
      "Staff use Mobile VPN; Mobile's 2M trunk about to reach the PBX",
      "Virtual network instead of the PBX; use the 168/179 platforms",
    ],
    [
      "Fierce Netcom competition; wireless access growing fast",
      "Video conferencing, VPDN and wireless with the faster network",
    ],
  ],
};

export function sampleSolutionsInputs(solutionsCsv: string, bridgeCsv: string, lang: Lang): PreviousInputs {
  const bridge = rows(bridgeCsv).slice(1);
  const impact = new Map<string, number>();
  for (const b of bridge) if (b[2]?.trim()) impact.set(b[2].trim(), (impact.get(b[2].trim()) ?? 0) + Number(b[1]));
  const solutions = rows(solutionsCsv)
    .slice(1)
    .map((r) => {
      const en = SOLUTIONS_EN[r[0]];
      const text = lang === "en" && en ? en : [r[1], r[2], r[4], r[5]];
      return [
        r[0],
        text[0],
        sampleLine(r[0], r[2], lang),
        num(r[3]),
        text[2],
        text[3],
        num(r[6]),
        num(r[7]),
        num(r[8]),
        impact.get(r[0]) ?? null,
        r[9] ? (PHASES[lang][r[9]] ?? r[9]) : null,
      ];
    });
  const t = translator(lang === "zh" ? "zh-CN" : "en-US");
  return {
    measures: SAMPLE_MEASURES[lang].map(([measure, line, phase, owner, ids]) => [
      measure,
      line,
      t(`sheet.measure.${phase}`),
      owner,
      ids,
    ]),
    infoAreas: SAMPLE_INFO_AREAS[lang],
    solutions,
    lines: defaultLines(lang).map((l, i) => [l.line, t(FAMILY_LABEL[l.family]), ...SAMPLE_LINES[lang][i]]),
    bridge: bridge.map((b) => [lang === "en" ? (BRIDGE_EN[b[0]] ?? b[0]) : b[0], Number(b[1]), b[2]?.trim() || null]),
    // The bridge's two gains as opportunities (the deck's amounts; stage, close and owner are
    // the sample's): new DDN outlets in negotiation, the call centre's traffic in proposal.
    pipeline: [
      [
        "O-01",
        "1",
        t("sheet.pl.stage.negotiation"),
        5000,
        null,
        serial(2003, 3, 31),
        lang === "zh" ? "联通、网通" : "Unicom, Netcom",
        OWNER[lang],
      ],
      ["O-02", "5", t("sheet.pl.stage.proposal"), 12500, null, serial(2003, 6, 30), NETCOM[lang], OWNER[lang]],
    ],
  };
}

/**
 * The deck's eight measures for Ping An (p.17–19) with their timing (p.19: 立刻行动 / 创造条件 /
 * 适时推出) and the solutions they serve; the owners (the plan's team, p.33) are illustrative.
 */
const SAMPLE_MEASURES: Record<Lang, [string, string, "now" | "prepare" | "launch", string, string][]> = {
  zh: [
    ["利用168、179语音平台为客户提供完善的语音服务", "语音业务", "now", "林声威", "4, 5"],
    ["签订IP或准IP直通车协议", "语音业务", "now", "林声威", "5"],
    ["提升数据服务质量：重点通信线路挂牌服务，提供重点线路保障", "数据业务", "now", "詹昕", "1, 6"],
    ["提高服务质量：建立客户经理服务机制，制定高于行业标准的服务标准，签订SLA协议", "数据业务", "now", "林山", "1, 2"],
    ["简化受理手续：传真件预受理，由客户经理上门后补手续", "数据业务", "now", "林山", "1"],
    ["提供上门培训、技术交流服务，宣传新业务", "数据业务", "now", "郑传凯", "1, 2, 3"],
    ["推广虚拟网业务，减少其他运营商中继线的冲击", "语音业务", "prepare", "林声威", "4"],
    ["应总公司需求适时推出MPLS-VPN，将现有DDN线路改为备份", "数据业务", "launch", "詹昕", "3"],
  ],
  en: [
    ["Use the 168 and 179 voice platforms for a complete voice service", "Voice", "now", "Lin Shengwei", "4, 5"],
    ["Sign an IP express (or quasi-IP express) agreement", "Voice", "now", "Lin Shengwei", "5"],
    ["Better data service: key lines tagged for priority assurance", "Data", "now", "Zhan Xin", "1, 6"],
    [
      "Better service: account-manager mechanism, a standard above the industry's, an SLA",
      "Data",
      "now",
      "Lin Shan",
      "1, 2",
    ],
    [
      "Simpler ordering: fax pre-acceptance, paperwork completed on the account manager's visit",
      "Data",
      "now",
      "Lin Shan",
      "1",
    ],
    ["On-site training and technical exchanges on new services", "Data", "now", "Zheng Chuankai", "1, 2, 3"],
    ["Promote the virtual network against other operators' trunk lines", "Voice", "prepare", "Lin Shengwei", "4"],
    ["Launch MPLS-VPN when head office asks, DDN lines becoming the backup", "Data", "launch", "Zhan Xin", "3"],
  ],
};

/** The deck's information-application areas (p.23) with the competition and the solutions proposed. */
const SAMPLE_INFO_AREAS: Record<Lang, string[][]> = {
  zh: [
    ["A", "虚拟网", "网通、移动竞争", "4"],
    ["B", "电话回访中心", "已被网通渗透", "5, 6"],
    ["C", "网络投保", "网通竞争激烈", "7"],
    ["D", "远程办公", "网通竞争激烈", "8"],
    ["E", "电视会议系统", "网通竞争激烈", "9"],
    ["F", "移动办公", "移动、联通无线接入业务发展迅速", "10"],
  ],
  en: [
    ["A", "Virtual network", "Netcom and Mobile compete", "4"],
    ["B", "Call-back centre", "Already taken by Netcom", "5, 6"],
    ["C", "Online insurance", "Fierce Netcom competition", "7"],
    ["D", "Remote office", "Fierce Netcom competition", "8"],
    ["E", "Video conferencing", "Fierce Netcom competition", "9"],
    ["F", "Mobile office", "Mobile and Unicom wireless access growing fast", "10"],
  ],
};

/** The deck's implications of the organisation and buying process (p.14), as the analyst's rows on the Needs sheet. */
export const SAMPLE_NEEDS_IMPLICATIONS: Record<Lang, string[][]> = {
  zh: [
    ["平安寿险目前全国集中、大省集中采购的策略，需要中国电信配备相应的营销队伍支持。"],
    ["针对关键决策部门（总公司、分公司的办公室与电脑部）制定相应的营销计划。"],
  ],
  en: [
    ["Ping An buys centrally, nationwide and in the large provinces: we need a sales team to match."],
    ["Plan the marketing for the key decision units (the offices and IT departments of head office and the branch)."],
  ],
};

/**
 * The sample's after-sales commitments per service (deck p.30–31: two slides of headings, no
 * figures, so the hours, staff and escalation are illustrative): what the plan promises Ping An
 * against our standard, in hours, and who is called first (AM: the account manager). The 2M circuits' promised 2-hour repair is faster than our
 * 4-hour standard, so the check shows an over-promise, as an analyst would want to see it.
 */
export const SAMPLE_AFTER_SALES: Record<Lang, (string | number)[][]> = {
  zh: [
    ["网元出租", 2, 4, 2, 4, 2, "客户经理→维护中心"],
    ["DDN", 1, 4, 1, 4, 2, "客户经理→维护中心"],
    ["ISDN", 2, 8, 2, 6, 1, "客户经理→维护中心"],
    ["宽带", 2, 8, 2, 8, 1, "客户经理→维护中心"],
    ["2M数字电路", 1, 2, 1, 4, 2, "客户经理→传输中心"],
    ["MPLS-VPN", 2, 6, 2, 6, 2, "客户经理→数据中心"],
  ],
  en: [
    ["Network leasing", 2, 4, 2, 4, 2, "AM → maintenance"],
    ["DDN", 1, 4, 1, 4, 2, "AM → maintenance"],
    ["ISDN", 2, 8, 2, 6, 1, "AM → maintenance"],
    ["Broadband", 2, 8, 2, 8, 1, "AM → maintenance"],
    ["2M digital circuit", 1, 2, 1, 4, 2, "AM → transmission"],
    ["MPLS-VPN", 2, 6, 2, 6, 2, "AM → data centre"],
  ],
};

const OWNER: Record<Lang, string> = { zh: "林山", en: "Lin Shan" };
const NETCOM: Record<Lang, string> = { zh: "网通", en: "Netcom" };

/** An Excel serial date. */
function serial(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;
}

const TEAM: Record<Lang, string[][]> = {
  zh: [
    ["第一责任人", "林山"],
    ["行业经理", "郑传凯"],
    ["技术支持经理", "詹昕"],
    ["营销支持经理", "林声威"],
  ],
  en: [
    ["Account lead", "Lin Shan"],
    ["Industry manager", "Zheng Chuankai"],
    ["Technical support manager", "Zhan Xin"],
    ["Marketing support manager", "Lin Shengwei"],
  ],
};
const CAMPAIGN_EN: Record<string, string> = {
  营销方案一: "Campaign 1",
  营销方案二: "Campaign 2",
  营销方案三: "Campaign 3",
};

/** The sample's planning inputs: team, tasks, communication, a visit, influencers, progress. */
export function samplePlanningInputs(
  files: { tasks: string; communication: string; influencers: string },
  lang: Lang,
): PreviousInputs {
  const story = planningStory(lang);
  return {
    team: TEAM[lang],
    tasks: sampleTasks(files.tasks, lang),
    communication: sampleCommunication(files.communication, lang),
    visits: [story.visit],
    deals: [story.deal],
    influencers: sampleInfluencers(files.influencers, lang),
    progress: story.progress,
    settings: [[2003], [1]],
  };
}

/** An ISO date (2003-01-15) as an Excel serial. */
function isoSerial(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;
}

/** A campaign's name in the sample's language. */
function campaign(c: string, lang: Lang): string {
  return lang === "en" ? (CAMPAIGN_EN[c] ?? c) : c;
}

/** The tasks from their CSV, not started; the last task of each campaign is its milestone (illustrative). */
function sampleTasks(csv: string, lang: Lang): PreviousInputs[string] {
  const todo = lang === "zh" ? "未开始" : "Not started";
  const no = lang === "zh" ? "否" : "No";
  const yes = lang === "zh" ? "是" : "Yes";
  const tasks = rows(csv)
    .slice(1)
    .map((r) => [
      campaign(r[0], lang),
      r[1],
      lang === "en" ? inEnglish(TASKS_EN, r[2]) : r[2],
      lang === "en" ? inEnglish(PEOPLE_EN, r[3]) : r[3],
      isoSerial(r[4]),
      isoSerial(r[5]),
      no,
      0,
      todo,
    ]);
  const lastOf = new Map<string, number>();
  tasks.forEach((r, i) => lastOf.set(String(r[0]), i));
  for (const i of lastOf.values()) tasks[i][6] = yes;
  return tasks;
}

/** The communication plan from its CSV. */
function sampleCommunication(csv: string, lang: Lang): PreviousInputs[string] {
  return rows(csv)
    .slice(1)
    .map((r) =>
      lang === "en"
        ? [
            campaign(r[0], lang),
            inEnglish(COMMUNICATION_EN, r[1]),
            inEnglish(COMMUNICATION_EN, r[2]),
            frequencyInEnglish(r[3]),
            r[4] || null,
          ]
        : [r[0], r[1], r[2], r[3], r[4] || null],
    );
}

/** The influencers from their CSV. */
function sampleInfluencers(csv: string, lang: Lang): PreviousInputs[string] {
  return rows(csv)
    .slice(1)
    .map((r) =>
      lang === "en"
        ? [
            inEnglish(INFLUENCERS_EN, r[0]),
            inEnglish(PEOPLE_EN, r[1]),
            inEnglish(INFLUENCERS_EN, r[2]),
            r[3],
            r[4],
            null,
          ]
        : [r[0], r[1], r[2], r[3], r[4], null],
    );
}

/** The sample's visit, its progress marks and its deal. */
function planningStory(lang: Lang): { visit: unknown[]; progress: PreviousInputs[string]; deal: unknown[] } {
  const visit: unknown[] =
    lang === "zh"
      ? [
          "0202",
          isoSerial("2003-01-15"),
          "09:00",
          "电话预约，关键人办公室",
          "技术负责人；业务负责人（资料来源：ICRM）",
          "见技术负责人了解服务反馈与发展规划；见业务负责人了解新的通信需求",
          "需求可进一步挖掘；注意对方对其他运营商的态度",
          "林山",
        ]
      : [
          "0202",
          isoSerial("2003-01-15"),
          "09:00",
          "Phone appointment, key person's office",
          "Technical head; business head (source: ICRM)",
          "Technical head: service feedback, plans; business head: new needs",
          "Needs can be dug deeper; watch attitudes to other operators",
          "Lin Shan",
        ];
  const progress: PreviousInputs[string] =
    lang === "zh"
      ? [
          [isoSerial("2003-01-08"), -1, "回访中心仍使用网通（示意）"],
          [isoSerial("2003-01-23"), 1, "已提交回访中心转网方案（示意）"],
        ]
      : [
          [isoSerial("2003-01-08"), -1, "Call-back centre still on Netcom (illustrative)"],
          [isoSerial("2003-01-23"), 1, "Migration plan for the call-back centre submitted (illustrative)"],
        ];
  // The deck's page 39: the deal to move the call-back centre from Netcom (its progress mark is not in the text).
  const deal: unknown[] =
    lang === "zh"
      ? [
          "0202",
          isoSerial("2003-01-23"),
          "通过对分公司各级人员的销售，促使其电话回访中心由网通转网至我司",
          "林山",
          "1、电话回访中心对通信质量要求较高；2、已将转网方案提交给用户",
          "1、落实通信线路的可靠性；2、请客户活动，增加客户好感；3、使用户对我司技术保障工作更满意",
          null,
          null,
        ]
      : [
          "0202",
          isoSerial("2003-01-23"),
          "Sell to every level of the branch so that its call-back centre moves from Netcom to us",
          "Lin Shan",
          "1. The call-back centre needs high call quality; 2. the migration plan was submitted",
          "1. Make the lines reliable; 2. invite the customer to an event; 3. more satisfaction with our technical support",
          null,
          null,
        ];
  return { visit, progress, deal };
}

/**
 * The competitors' network resources as far as the deck tells them (its pages 17–19 on Netcom's
 * IP voice line, Mobile's VPN and 2M trunk, wireless growth); what it does not say stays blank.
 */
export function sampleNetworkResources(lang: Lang): PreviousInputs[string] {
  return lang === "zh"
    ? [
        ["电信", null, null, null, null, null],
        ["网通", null, null, null, "IP语音专线已接入客户电话回访中心；写字楼宽带竞争激烈", null],
        ["移动", null, null, null, "员工已使用移动VPN；2M中继线准备接入用户交换机；无线接入发展迅速", null],
      ]
    : [
        ["China Telecom", null, null, null, null, null],
        [
          "China Netcom",
          null,
          null,
          null,
          "IP voice line already into the call-back centre; office-building broadband",
          null,
        ],
        [
          "China Mobile",
          null,
          null,
          null,
          "Staff use Mobile VPN; 2M trunk about to reach the PBX; wireless access growing fast",
          null,
        ],
      ];
}

export { SAMPLE_RELATIONSHIPS, samplePortfolioInputs } from "../steps/sample-portfolio";
