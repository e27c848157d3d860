import { meetsPasswordPolicy, PROVINCE_CODE } from '@hexie/core';
import { type Db, withTx } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import { hashPassword } from '../../platform/passwords.js';
import { insertUser, usernameExists } from './users.repository.js';

export interface AdminInput {
  username: string;
  displayName: string;
  password: string;
}

/** Creates a province administrator (the first one of a deployment on DATABASE_URL). Audited as done by the CLI. */
export async function createAdmin(db: Db, input: AdminInput): Promise<string> {
  if (!/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/.test(input.username)) throw new Error('username: 3–32 letters, digits, _ . -');
  if (!meetsPasswordPolicy(input.password)) {
    throw new Error('password: at least 10 characters from 3 of upper case, lower case, digits, symbols');
  }
  if (await usernameExists(db, input.username)) throw new Error(`username ${input.username} is taken`);
  const passwordHash = await hashPassword(input.password);
  return withTx(db, async (tx) => {
    const id = await insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      role: 'province_admin',
      regionCode: PROVINCE_CODE,
      memberUnit: 'hrss',
      enterpriseId: null,
      passwordHash,
    });
    await audit(
      tx,
      { actor: null, ip: null, requestId: null },
      {
        action: 'user.create',
        username: 'cli:admin:create',
        entityType: 'user',
        entityId: id,
        regionCode: PROVINCE_CODE,
        result: 'success',
        details: { after: { username: input.username, displayName: input.displayName, role: 'province_admin' } },
      },
    );
    return id;
  });
}
