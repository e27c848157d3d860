import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every server started by a test (API and e2e) writes its log lines here; log-scan.test.ts reads them. */
export const LOG_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '.test-logs');
