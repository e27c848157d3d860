import type { Queryable } from '../../db/pool.js';

const DEMO_NOTICES = [
  {
    kind: 'guidance',
    title: '新注册企业用工指导：入职一个月内签订书面劳动合同',
    body: '依据《劳动合同法》第十条、第八十二条，建立劳动关系应当订立书面劳动合同；自用工之日起超过一个月不满一年未订立的，应当向劳动者每月支付二倍工资。请新注册企业对照检查，如需指导可联系所在区三方办。',
  },
  {
    kind: 'risk_alert',
    title: '风险提示：依法为职工参加社会保险',
    body: '用人单位应当自用工之日起三十日内为职工向社会保险经办机构申请办理社会保险登记（《社会保险法》第五十八条）。未按时足额缴纳的，将由社会保险费征收机构责令限期缴纳或者补足，并加收滞纳金。',
  },
];

/**
 * Two notices from 长春市 to the enterprises of 南关区 registered in the last two years, so the demo enterprise
 * user's inbox has something in it. Runs once, after the demo accounts.
 */
export async function seedDemoNotices(db: Queryable): Promise<void> {
  const sender = await db.query<{ id: string }>("SELECT id FROM users WHERE username = 'changchun'");
  const senderId = sender.rows[0]?.id;
  if (!senderId) return;
  for (const n of DEMO_NOTICES) {
    const criteria = { regionCode: '220102', registeredWithinMonths: 24 };
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO notices (region_code, kind, title, body, criteria, recipients, created_by)
       VALUES ('220100', $1, $2, $3, $4, 0, $5) RETURNING id`,
      [n.kind, n.title, n.body, JSON.stringify(criteria), senderId],
    );
    const id = rows[0]?.id;
    await db.query(
      `WITH sent AS (
         INSERT INTO notice_recipients (notice_id, enterprise_id, region_code)
         SELECT $1, e.id, e.region_code FROM enterprises e
          WHERE e.region_code = '220102' AND e.registered_on >= current_date - interval '24 months'
         RETURNING 1)
       UPDATE notices SET recipients = (SELECT count(*) FROM sent) WHERE id = $1`,
      [id],
    );
  }
}
