import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/setup.js';
import { createAdmin } from '../modules/users/admin-bootstrap.js';

async function main() {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, name: { type: 'string' } },
  });
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const username = values.username ?? (await rl.question('Username 用户名: '));
  const displayName = values.name ?? ((await rl.question('Display name 姓名 [省三方办管理员]: ')) || '省三方办管理员');
  // The password comes from the environment or the prompt, never from argv (it would sit in the shell history).
  const password = process.env.HEXIE_ADMIN_PASSWORD ?? (await rl.question('Password 密码: '));
  rl.close();
  const config = loadConfig();
  const quiet = { info() {}, warn: (m: string) => process.stderr.write(`${m}\n`), debug() {} };
  const database = await openDatabase({ ...config, demoData: false }, quiet);
  try {
    const id = await createAdmin(database.db, { username, displayName, password });
    process.stdout.write(`Created province administrator ${username} (${id}).\n`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  process.stderr.write(`admin:create failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
