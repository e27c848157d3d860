import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'api',
          include: ['src/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        // Runs after every other suite (npm test runs it last): scans their logs for secrets.
        test: { name: 'logs', include: ['test/log-scan.test.ts'] },
      },
    ],
  },
});
