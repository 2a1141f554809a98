import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/hostile/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/support/bundles.ts'],
    testTimeout: 20_000,
  },
});
