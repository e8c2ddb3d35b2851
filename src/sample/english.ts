/**
 * The sample case in English: the names and values of `sample-case/` (which holds them as the
 * Chinese analyst typed them) in their English or pinyin forms. Organisations take their usual
 * English names (ICBC, PICC, China Unicom); people, districts, roads, buildings and exchanges
 * take pinyin; text is translated. Used only when the sample is built in English; a value
 * missing here stays as typed, and the test on the English sample (no Chinese in a visible
 * cell) names it.
 */

/** The revenue table's customers, by the name in revenue.csv. */
export const CUSTOMERS_EN: Record<string, string> = {
  中国平安人寿保险有限公司福州分公司: "Ping An Life Insurance, Fuzhou Branch",
  中国移动通信集团福建有限公司福州分公司: "China Mobile Fujian, Fuzhou Branch",
  中国联通福州分公司: "China Unicom, Fuzhou Branch",
  中国铁通福州分公司: "China Railcom, Fuzhou Branch",
  中国工商银行福州分行: "ICBC, Fuzhou Branch",
  中国建设银行福州分行: "China Construction Bank, Fuzhou Branch",
  中国农业银行福州分行: "Agricultural Bank of China, Fuzhou Branch",
  中国银行福州分行: "Bank of China, Fuzhou Branch",
  兴业银行福州分行: "Industrial Bank, Fuzhou Branch",
  福建证券福州营业部: "Fujian Securities, Fuzhou Office",
  中国人寿保险福州分公司: "China Life Insurance, Fuzhou Branch",
  中国人民保险福州分公司: "PICC, Fuzhou Branch",
  太平洋保险福州分公司: "China Pacific Insurance, Fuzhou Branch",
  新华人寿福州分公司: "New China Life, Fuzhou Branch",
  福州市人民政府办公厅: "Fuzhou Municipal Government General Office",
  福建省公安厅: "Fujian Public Security Department",
  福州市税务局: "Fuzhou Tax Bureau",
  福建省财政厅: "Fujian Finance Department",
  驻闽部队通信站: "Fujian Garrison Communications Station",
  福州大学: "Fuzhou University",
  福建师范大学: "Fujian Normal University",
  福建医科大学附属协和医院: "Fujian Medical University Union Hospital",
  福建省图书馆: "Fujian Provincial Library",
  福州长乐国际机场: "Fuzhou Changle International Airport",
  福州火车站: "Fuzhou Railway Station",
  福州港务集团: "Fuzhou Port Group",
  福州市自来水公司: "Fuzhou Water Supply Company",
  福州电业局: "Fuzhou Electric Power Bureau",
  福州燃气公司: "Fuzhou Gas Company",
  福州东百集团: "Fuzhou Dongbai Group",
  福建外贸中心集团: "Fujian Foreign Trade Centre Group",
  福耀玻璃工业集团: "Fuyao Glass Industry Group",
  福建冠捷电子: "Fujian TPV Electronics",
  福州西湖宾馆: "Fuzhou Xihu Hotel",
  福建电视台: "Fujian Television",
  福州大客户本部零星业务: "Fuzhou key-account office, sundry business",
};

/** People of the case (the account team and the customer's staff), in pinyin, family name first. */
export const PEOPLE_EN: Record<string, string> = {
  林山: "Lin Shan",
  郑传凯: "Zheng Chuankai",
  詹昕: "Zhan Xin",
  林声威: "Lin Shengwei",
  郑师超: "Zheng Shichao",
  林智勇: "Lin Zhiyong",
  黄艾香: "Huang Aixiang",
  李春: "Li Chun",
};

/** The site table (sites.csv): names, addresses, access points, fibre notes. */
const SITES_EN: Record<string, string> = {
  福州分公司: "Fuzhou Branch",
  商业大厦营业点: "Commercial Building outlet",
  广达营业点: "Guangda outlet",
  仓山营业点: "Cangshan outlet",
  杨桥营业点: "Yangqiao outlet",
  红宝石营业点: "Hongbaoshi outlet",
  福清支公司: "Fuqing sub-branch",
  福州市台江区五一中路88号平安大厦30层: "30/F Ping An Building, 88 Wuyi Middle Road, Taijiang District, Fuzhou",
  福州市鼓楼区中山路23号商业大厦2层: "2/F Commercial Building, 23 Zhongshan Road, Gulou District, Fuzhou",
  福州市台江区广达路438号双丰大厦6层: "6/F Shuangfeng Building, 438 Guangda Road, Taijiang District, Fuzhou",
  福州市仓山区六一南路320号烟山大厦4层: "4/F Yanshan Building, 320 Liuyi South Road, Cangshan District, Fuzhou",
  福州市鼓楼区杨桥东路118号宏杨新城4座8层:
    "8/F Block 4, Hongyang Xincheng, 118 Yangqiao East Road, Gulou District, Fuzhou",
  福州市晋安区国货东路331号红宝石大厦4层: "4/F Hongbaoshi Building, 331 Guohuo East Road, Jin'an District, Fuzhou",
  福清市城隍巷4号楼2层: "2/F Building 4, Chenghuang Lane, Fuqing",
  平安大厦接入点: "Ping An Building access point",
  华林母局: "Hualin exchange",
  枢纽母局: "Hub exchange",
  三叉街母局: "Sanchajie exchange",
  东街母局: "Dongjie exchange",
  紫阳母局: "Ziyang exchange",
  福清母局: "Fuqing exchange",
  光缆实现双路由保护: "Dual-route fibre protection",
  "光缆在中山大厦，有剩余1芯": "Fibre at Zhongshan Building, 1 spare core",
  有: "Yes",
  无: "No",
};

/** Services a site can carry (sites.csv's last column, 、-separated). */
const SITE_SERVICES_EN: Record<string, string> = { 网元出租: "Network leasing" };

/** The site table's rows (header excluded) in English; the services list joined with ", ". */
export function sitesInEnglish(rows: string[][]): string[][] {
  return rows.map((r) =>
    r.map((v, i) =>
      i === 6
        ? v
            .split("、")
            .filter((s) => s.trim() !== "")
            .map((s) => SITE_SERVICES_EN[s.trim()] ?? s.trim())
            .join(", ")
        : (SITES_EN[v] ?? v),
    ),
  );
}

/** The customer profile's values (profile.csv), by the Chinese field name. */
export const PROFILE_VALUES_EN: Record<string, string> = {
  客户名称: "Ping An Life Insurance, Fuzhou Branch",
  客户经理: "Lin Shan",
  客户等级: "4A",
  客户行业: "Finance",
  单位性质: "Joint-stock company",
  所属区域: "Taijiang District",
  所属分局: "Hub exchange",
  通信地址: "Ping An Building, 88 Wuyi Middle Road, Taijiang District, Fuzhou",
  分公司法人代表: "Li Chun",
  上级机构名称: "Ping An Insurance (Group) Company of China",
  挂牌时间: "2003",
  主营业务: "Insurance first, in a group holding securities, trust, investment and overseas businesses",
  业务区域: "Worldwide",
  支付能力: "Strong",
  购买审批程序:
    "Inter-provincial circuits of the national network: head office decides, the branch executes; circuits within Fujian: the computer departments of the branch and its sub-branches",
  合同号: "Branch contracts 282, 475, 2020, 5242, 6134, 2671; 9000773",
  开户银行: "China Construction Bank, Wuyi sub-branch",
};

/** The marketing plan's tasks (tasks.csv). */
export const TASKS_EN: Record<string, string> = {
  "宣传DDN组网优点，争取新增网点继续选择DDN": "Promote DDN networking so that new outlets stay on DDN",
  推荐ISDN作为DDN专线备份: "Recommend ISDN as the DDN lines' backup",
  "对比人寿、人保网络，说明增设网点的必要性":
    "Compare China Life's and PICC's networks to show why more outlets are needed",
  "与电脑部、办公室、财务部建立更紧密联系":
    "Build closer ties with the computer department, general office and finance",
  "了解竞争对手资费和IP专线使用情况，以价格策略夺回电话回访中心话务量":
    "Learn rivals' tariffs and IP line use; win back the call-back centre's traffic on price",
  客户所有电话列入IT系统重点保障库: "Put all the customer's lines on the IT system's priority repair list",
  以写字楼宽带优惠方案争取夺回宽带业务: "Win back broadband with the office-building broadband offer",
  "跟踪VPDN试用，推动VPDN广泛使用": "Follow the VPDN trial and drive wide use",
  借分支公司网络提速推广新视通: "Promote video conferencing as the branches' network speeds up",
  提交2M数字电路组网方案: "Submit the 2M digital circuit network proposal",
  "网络优化，提前光纤入户并安装SDH设备":
    "Optimise the network: fibre to the premises and SDH equipment ahead of demand",
  "邀请客户参加MPLS-VPN推介会并技术交流": "Invite the customer to an MPLS-VPN briefing and technical exchange",
  了解省内网络现状: "Survey the customer's network in the province",
  "了解用户交换机使用年限，宣传虚拟网优势": "Learn the PBX's age; present the virtual network's advantages",
  "介绍天翼通优势，争取客户使用": "Present the wireless broadband's strengths and win its use",
};

/** The communication plan (communication.csv): activities and audiences. */
export const COMMUNICATION_EN: Record<string, string> = {
  技术人员上门与客户进行技术交流: "Technical staff visit for technical exchanges",
  "客户经理日常走访和经常性沟通，了解客户最新动态":
    "Account manager's regular visits and calls, to follow the customer's news",
  安排客户周末郊游活动以联络感情: "A weekend outing with the customer, to build the relationship",
  部门经理走访: "Department manager's visit",
  "部门经理走访（高层）": "Department manager's visit (senior management)",
  "邀请客户参加5.17世界电信日新业务推介活动":
    "Invite the customer to the new-services event on World Telecommunication Day (17 May)",
  组织客户参观信息广场: "A customer tour of the Information Plaza",
  技术人员上门介绍2M数字电路组网方案: "Technical staff present the 2M digital circuit network proposal on site",
  电脑部: "Computer department",
  办公室: "General office",
  "电脑部、办公室": "Computer department, general office",
  财务部和其它业务部门: "Finance and other business departments",
  "电脑部、财务部和其它业务部门": "Computer department, finance and other business departments",
  "电脑部、办公室、高层管理人员": "Computer department, general office, senior management",
};

/** Frequencies as the plan types them: `1-2次/月` → "1-2 times a month", `1次/季度` → "once a quarter". */
export function frequencyInEnglish(text: string): string {
  const m = /^(\d+)(?:-(\d+))?次(?:\/(周|月|季度|年))?$/.exec(text.trim());
  if (!m) return text;
  const per = m[3] ? ` a ${{ 周: "week", 月: "month", 季度: "quarter", 年: "year" }[m[3]]}` : "";
  const count = m[2] ? `${m[1]}-${m[2]} times` : m[1] === "1" ? "once" : m[1] === "2" ? "twice" : `${m[1]} times`;
  return count + per;
}

/** The key influencers (influencers.csv): departments and titles. */
export const INFLUENCERS_EN: Record<string, string> = {
  办公室: "General office",
  电脑部: "Computer department",
  电话回访中心: "Call-back centre",
  主任: "Director",
  电脑部经理: "Computer department manager",
  回访中心负责人: "Head of the call-back centre",
};

/** A value in English: the table's own, then the people's names; else as typed. */
export function inEnglish(table: Record<string, string>, value: string): string {
  return table[value] ?? PEOPLE_EN[value] ?? value;
}
