import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // hermetic projections: the machine's own calibration file (npm run bench -- --calibrate) is not read by tests
    env: { VECWB_CALIBRATION: '/nonexistent/vecwb-tests/calibration.json' },
  },
});
