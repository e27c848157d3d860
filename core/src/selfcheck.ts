import { z } from 'zod';

/**
 * 劳动用工风险体检: questions over contracts, hours, wages, social insurance, leave and dismissal. A risky answer
 * names the risk, its legal basis (articles cited as enacted) and what to do. Pure data and one scoring function,
 * used by the public page (live) and the server (the kept report) alike.
 */
export const SELFCHECK_AREAS = ['contract', 'hours', 'wages', 'social_insurance', 'leave', 'dismissal'] as const;
export type SelfcheckArea = (typeof SELFCHECK_AREAS)[number];
export const SELFCHECK_AREA_LABELS: Record<SelfcheckArea, string> = {
  contract: '劳动合同',
  hours: '工作时间',
  wages: '工资支付',
  social_insurance: '社会保险',
  leave: '休息休假与特殊保护',
  dismissal: '解除终止与裁员',
};

export type RiskLevel = 'high' | 'medium' | 'low';
export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { high: '高风险', medium: '中风险', low: '低风险' };

export interface Risk {
  level: RiskLevel;
  /** the risk in plain words */
  title: string;
  /** the legal basis, cited exactly */
  basis: string;
  /** what to do */
  advice: string;
}

export interface Question {
  id: string;
  area: SelfcheckArea;
  text: string;
  options: { value: string; label: string; risk?: Risk }[];
}

const yes = (label = '是') => ({ value: 'yes', label });
const no = (label = '否') => ({ value: 'no', label });
const na = { value: 'na', label: '不涉及' };

export const SELFCHECK_QUESTIONS: readonly Question[] = [
  {
    id: 'c1',
    area: 'contract',
    text: '是否与全部劳动者在用工之日起一个月内订立了书面劳动合同？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'high',
          title: '未在用工之日起一个月内订立书面劳动合同',
          basis: '《劳动合同法》第十条、第八十二条',
          advice: '立即补签书面劳动合同；超过一个月不满一年未订立的，应向劳动者每月支付二倍工资。',
        },
      },
    ],
  },
  {
    id: 'c2',
    area: 'contract',
    text: '劳动合同文本是否交劳动者本人持有一份？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'medium',
          title: '劳动合同文本未交付劳动者',
          basis: '《劳动合同法》第十六条第二款、第八十一条',
          advice: '劳动合同文本由用人单位和劳动者各执一份，请补交并留存签收记录。',
        },
      },
    ],
  },
  {
    id: 'c3',
    area: 'contract',
    text: '约定的试用期是否符合法定上限（合同三个月以上不满一年的不超过一个月，一年以上不满三年的不超过二个月，三年以上或无固定期限的不超过六个月），且同一劳动者只约定一次？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'medium',
          title: '试用期约定超过法定上限或重复约定',
          basis: '《劳动合同法》第十九条、第八十三条',
          advice: '按合同期限修改试用期；违法约定的试用期已经履行的，应以试用期满月工资为标准支付赔偿金。',
        },
      },
      na,
    ],
  },
  {
    id: 'c4',
    area: 'contract',
    text: '试用期工资是否不低于本单位相同岗位最低档工资或约定工资的百分之八十，且不低于当地最低工资标准？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'medium',
          title: '试用期工资低于法定标准',
          basis: '《劳动合同法》第二十条',
          advice: '按法定标准补足试用期工资差额。',
        },
      },
      na,
    ],
  },
  {
    id: 'c5',
    area: 'contract',
    text: '招用时是否扣押过劳动者身份证等证件，或以押金、保证金等名义向劳动者收取财物？',
    options: [
      no('没有'),
      {
        ...yes('有'),
        risk: {
          level: 'high',
          title: '扣押证件或向劳动者收取财物',
          basis: '《劳动合同法》第九条、第八十四条',
          advice: '立即退还证件和财物；违法收取的，由劳动行政部门责令退还，并按每人五百元以上二千元以下处以罚款。',
        },
      },
    ],
  },
  {
    id: 'c6',
    area: 'contract',
    text: '涉及劳动者切身利益的规章制度，是否经职工代表大会或全体职工讨论、与工会或职工代表平等协商确定，并已公示或告知劳动者？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'medium',
          title: '规章制度未经民主程序或未公示',
          basis: '《劳动合同法》第四条',
          advice: '履行民主程序并公示；未经民主程序、未公示的制度不能作为处理劳动者的依据。',
        },
      },
    ],
  },
  {
    id: 'c7',
    area: 'contract',
    text: '连续订立二次固定期限劳动合同或连续工作满十年的劳动者提出续订时，是否依法订立无固定期限劳动合同？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'medium',
          title: '应订立而未订立无固定期限劳动合同',
          basis: '《劳动合同法》第十四条、第八十二条第二款',
          advice: '依法订立无固定期限劳动合同；违反规定不订立的，自应当订立之日起向劳动者每月支付二倍工资。',
        },
      },
      na,
    ],
  },
  {
    id: 'h1',
    area: 'hours',
    text: '标准工时制下，劳动者每日工作时间是否不超过八小时、每周不超过四十小时？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'medium',
          title: '工作时间超过法定标准',
          basis: '《劳动法》第三十六条，《国务院关于职工工作时间的规定》第三条',
          advice: '调整排班；确需实行综合计算工时或不定时工作制的，应依法报人力资源社会保障部门审批。',
        },
      },
    ],
  },
  {
    id: 'h2',
    area: 'hours',
    text: '延长工作时间是否与工会和劳动者协商，且每日不超过三小时、每月不超过三十六小时？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'medium',
          title: '加班时长超过法定上限或未经协商',
          basis: '《劳动法》第四十一条',
          advice: '控制加班时长，建立加班审批和记录制度。',
        },
      },
      na,
    ],
  },
  {
    id: 'h3',
    area: 'hours',
    text: '加班工资是否按工作日不低于150%、休息日不能安排补休的不低于200%、法定休假日不低于300%支付？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'high',
          title: '加班工资支付不足',
          basis: '《劳动法》第四十四条',
          advice: '按法定标准核算并补发加班工资；加班费计算基数不应低于劳动合同约定的工资。',
        },
      },
      na,
    ],
  },
  {
    id: 'w1',
    area: 'wages',
    text: '支付给劳动者的工资是否不低于当地最低工资标准（吉林省自2024年10月1日起一类地区月最低工资2120元）？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'high',
          title: '工资低于当地最低工资标准',
          basis: '《劳动法》第四十八条',
          advice: '立即按当地最低工资标准补足差额。',
        },
      },
    ],
  },
  {
    id: 'w2',
    area: 'wages',
    text: '工资是否以货币形式按月足额支付给劳动者本人，没有克扣或无故拖欠？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'high',
          title: '克扣或拖欠工资',
          basis: '《劳动法》第五十条，《劳动合同法》第三十条、第八十五条',
          advice: '立即足额支付；逾期不支付的，可被责令按应付金额百分之五十以上百分之一百以下加付赔偿金。',
        },
      },
    ],
  },
  {
    id: 'w3',
    area: 'wages',
    text: '是否书面记录工资支付的数额、时间、领取者姓名及签字，并保存两年以上？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'low',
          title: '未建立工资支付记录',
          basis: '《工资支付暂行规定》第六条',
          advice: '建立工资支付台账并至少保存两年，发生争议时由用人单位承担举证责任。',
        },
      },
    ],
  },
  {
    id: 's1',
    area: 'social_insurance',
    text: '是否自用工之日起三十日内为职工办理社会保险登记？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'high',
          title: '未按时办理社会保险登记',
          basis: '《社会保险法》第五十八条、第八十四条',
          advice: '立即办理社会保险登记；逾期不办理的，可被处应缴社会保险费数额一倍以上三倍以下罚款。',
        },
      },
    ],
  },
  {
    id: 's2',
    area: 'social_insurance',
    text: '是否按实际工资基数按时足额缴纳各项社会保险费？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'high',
          title: '未按时足额缴纳社会保险费',
          basis: '《社会保险法》第六十条、第八十六条',
          advice: '按规定基数补缴；逾期的，自欠缴之日起按日加收万分之五的滞纳金。',
        },
      },
    ],
  },
  {
    id: 's3',
    area: 'social_insurance',
    text: '是否为全部职工参加工伤保险、缴纳工伤保险费？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'high',
          title: '未参加工伤保险',
          basis: '《工伤保险条例》第二条、第六十二条',
          advice: '立即参保；未参保期间职工发生工伤的，由用人单位按工伤保险待遇项目和标准支付费用。',
        },
      },
    ],
  },
  {
    id: 's4',
    area: 'social_insurance',
    text: '是否与劳动者约定"不缴社保、发放补贴"或让劳动者签署放弃参保的声明？',
    options: [
      no('没有'),
      {
        ...yes('有'),
        risk: {
          level: 'high',
          title: '以约定或声明规避缴纳社会保险',
          basis: '《社会保险法》第四条、第五十八条，《劳动合同法》第三十八条',
          advice: '此类约定无效，应依法参保缴费；劳动者可据此解除劳动合同并要求经济补偿。',
        },
      },
    ],
  },
  {
    id: 'l1',
    area: 'leave',
    text: '累计工作满一年的职工，是否依法安排带薪年休假（满1年不满10年5天，满10年不满20年10天，满20年15天）？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'medium',
          title: '未安排带薪年休假',
          basis: '《职工带薪年休假条例》第三条、第五条',
          advice: '统筹安排年休假；确因工作需要不能安排的，按日工资收入的300%支付未休年休假工资报酬。',
        },
      },
      na,
    ],
  },
  {
    id: 'l2',
    area: 'leave',
    text: '是否保障女职工孕期、产期（产假不少于98天）、哺乳期的权益，未因此降低工资、辞退或解除劳动合同？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'high',
          title: '侵害女职工"三期"权益',
          basis: '《女职工劳动保护特别规定》第五条、第七条，《劳动合同法》第四十二条',
          advice: '立即纠正，恢复工资待遇和劳动关系，保障产假。',
        },
      },
      na,
    ],
  },
  {
    id: 'd1',
    area: 'dismissal',
    text: '单方解除劳动合同时，是否事先将理由通知工会？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'medium',
          title: '单方解除未事先通知工会',
          basis: '《劳动合同法》第四十三条',
          advice: '解除前将理由书面通知工会并听取意见；未通知的，解除程序存在瑕疵。',
        },
      },
      na,
    ],
  },
  {
    id: 'd2',
    area: 'dismissal',
    text: '解除或终止劳动合同时，是否依法支付经济补偿（按工作年限每满一年支付一个月工资）？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'high',
          title: '未依法支付经济补偿',
          basis: '《劳动合同法》第四十六条、第四十七条',
          advice: '按工作年限核算并支付经济补偿；六个月以上不满一年的按一年计算，不满六个月的支付半个月工资。',
        },
      },
      na,
    ],
  },
  {
    id: 'd3',
    area: 'dismissal',
    text: '解除劳动合同是否有法定事由和证据，不存在违法解除？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'high',
          title: '存在违法解除劳动合同的风险',
          basis: '《劳动合同法》第三十九条、第四十条、第八十七条',
          advice: '解除前核实法定事由并保留证据；违法解除的，应按经济补偿标准的二倍支付赔偿金。',
        },
      },
      na,
    ],
  },
  {
    id: 'd4',
    area: 'dismissal',
    text: '是否在解除或终止时出具证明，并在十五日内办理档案和社会保险关系转移手续？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'low',
          title: '未出具解除证明或未及时办理转移手续',
          basis: '《劳动合同法》第五十条、第八十九条',
          advice: '及时出具书面证明并办理转移手续，给劳动者造成损害的应承担赔偿责任。',
        },
      },
      na,
    ],
  },
  {
    id: 'd5',
    area: 'dismissal',
    text: '裁减人员二十人以上或不足二十人但占职工总数百分之十以上时，是否提前三十日向工会或全体职工说明情况、听取意见，并向劳动行政部门报告裁减方案？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'high',
          title: '经济性裁员程序不合法',
          basis: '《劳动合同法》第四十一条',
          advice: '依法履行提前说明、听取意见和报告程序，优先留用法定人员，并依法支付经济补偿。',
        },
      },
      na,
    ],
  },
  {
    id: 'd6',
    area: 'dismissal',
    text: '使用被派遣劳动者的，数量是否不超过用工总量的百分之十，且只在临时性、辅助性或者替代性岗位使用？',
    options: [
      yes(),
      {
        ...no(),
        risk: {
          level: 'medium',
          title: '劳务派遣用工超比例或超范围',
          basis: '《劳动合同法》第六十六条，《劳务派遣暂行规定》第四条',
          advice: '制定调整方案，将派遣用工降至用工总量的百分之十以内。',
        },
      },
      na,
    ],
  },
];

const PENALTY: Record<RiskLevel, number> = { high: 10, medium: 5, low: 2 };

export const selfcheckAnswers = z.record(z.string().max(10), z.string().max(10));
export type SelfcheckAnswers = z.infer<typeof selfcheckAnswers>;

export type SelfcheckReport = {
  /** 0–100: every risk takes its weight off */
  score: number;
  grade: 'good' | 'fair' | 'poor' | 'serious';
  gradeLabel: string;
  answered: number;
  total: number;
  /** questions left unanswered: the report cannot speak for them */
  unanswered: { id: string; text: string }[];
  risks: (Risk & { questionId: string; area: SelfcheckArea; areaLabel: string })[];
  /** per area: how many of its questions were answered, and the risks found */
  byArea: { area: SelfcheckArea; label: string; questions: number; answered: number; risks: number }[];
  counts: Record<RiskLevel, number>;
};

const GRADES = [
  { min: 90, grade: 'good', label: '用工较规范' },
  { min: 75, grade: 'fair', label: '存在一定风险' },
  { min: 60, grade: 'poor', label: '风险较多，需尽快整改' },
  { min: 0, grade: 'serious', label: '风险突出，请立即整改' },
] as const;

/** The report of a set of answers. Unknown question ids and values are ignored. */
export function scoreSelfcheck(answers: SelfcheckAnswers): SelfcheckReport {
  const risks: SelfcheckReport['risks'] = [];
  const unanswered: SelfcheckReport['unanswered'] = [];
  let answered = 0;
  for (const q of SELFCHECK_QUESTIONS) {
    const value = answers[q.id];
    const option = q.options.find((o) => o.value === value);
    if (!option) {
      unanswered.push({ id: q.id, text: q.text });
      continue;
    }
    answered += 1;
    if (option.risk)
      risks.push({ ...option.risk, questionId: q.id, area: q.area, areaLabel: SELFCHECK_AREA_LABELS[q.area] });
  }
  const order: Record<RiskLevel, number> = { high: 0, medium: 1, low: 2 };
  risks.sort((a, b) => order[a.level] - order[b.level]);
  const score = Math.max(0, 100 - risks.reduce((s, r) => s + PENALTY[r.level], 0));
  const g = GRADES.find((x) => score >= x.min) ?? GRADES[3];
  return {
    score,
    grade: g.grade,
    gradeLabel: g.label,
    answered,
    total: SELFCHECK_QUESTIONS.length,
    unanswered,
    risks,
    byArea: SELFCHECK_AREAS.map((area) => {
      const inArea = SELFCHECK_QUESTIONS.filter((q) => q.area === area);
      return {
        area,
        label: SELFCHECK_AREA_LABELS[area],
        questions: inArea.length,
        answered: inArea.filter((q) => !unanswered.some((u) => u.id === q.id)).length,
        risks: risks.filter((r) => r.area === area).length,
      };
    }),
    counts: {
      high: risks.filter((r) => r.level === 'high').length,
      medium: risks.filter((r) => r.level === 'medium').length,
      low: risks.filter((r) => r.level === 'low').length,
    },
  };
}
