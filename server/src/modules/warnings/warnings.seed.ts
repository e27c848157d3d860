import { chinaToday } from '@hexie/core';
import type pg from 'pg';
import { Regions } from '../../platform/regions.js';
import { runWarnings } from './warnings.engine.js';
import * as repo from './warnings.repository.js';

/**
 * Demo warnings: the rules run over the demo key enterprises and layoff plans (as the nightly run would), then
 * some are taken up the way an office would — of those that are not grave, about one in three followed up with a
 * note, one in six resolved — by a region administrator of the warning's city. The grave ones stay new: the demo
 * shows what to handle first.
 * Answers how many warnings the rules raised.
 */
export async function seedDemoWarnings(db: pg.ClientBase | pg.Pool, today = chinaToday()): Promise<number> {
  const regions = await Regions.load(db);
  // The demo must come out whole: a subject the run could not write stops the seed with its error.
  const failures: unknown[] = [];
  const result = await runWarnings({ db, regions, log: { error: (obj) => failures.push(obj), warn() {} } }, today);
  if (failures.length) throw new Error(`demo warnings: ${failures.length} subjects failed`, { cause: failures[0] });
  const { rows } = await db.query<{ id: string; region_code: string }>(
    `SELECT id, region_code FROM early_warnings WHERE status = 'new' AND severity <> 'high' ORDER BY raised_at, id`,
  );
  const { rows: admins } = await db.query<{ id: string; region_code: string }>(
    `SELECT id, region_code FROM users WHERE role IN ('region_admin', 'region_staff') AND NOT disabled ORDER BY username`,
  );
  const handlerOf = (code: string) => {
    const lineage = regions.lineage(code);
    return admins.find((u) => lineage.includes(u.region_code) && u.region_code !== lineage.at(-1))?.id;
  };
  const FOLLOW = '已电话联系企业人力资源负责人，了解用工变化原因，督促按月报送。';
  const RESOLVE = '经核实，减员系劳动合同到期终止及季节性用工结束，企业已落实稳岗措施，解除预警。';
  for (const [i, w] of rows.entries()) {
    const by = handlerOf(w.region_code);
    if (!by || i % 6 > 2) continue;
    await repo.setStatus(db, w.id, 'following', FOLLOW, by);
    await repo.addEvent(db, {
      warningIds: [w.id],
      regionCode: w.region_code,
      status: 'following',
      bySystem: false,
      note: FOLLOW,
      actorId: by,
    });
    if (i % 6 === 0) {
      await repo.setStatus(db, w.id, 'resolved', RESOLVE, by);
      await repo.addEvent(db, {
        warningIds: [w.id],
        regionCode: w.region_code,
        status: 'resolved',
        bySystem: false,
        note: RESOLVE,
        actorId: by,
      });
    }
  }
  return result.raised;
}
