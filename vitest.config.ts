import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'e2e/**/*.test.ts'],
    // Hang guards, not speed checks (speed is measured in `npm run bench`): generous, because CLI
    // tests spawn processes and a shared 2-core machine can be slow.
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
})
