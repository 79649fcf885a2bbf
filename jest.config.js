// Jest runs in ESM mode (Nest 12 ships ESM only); ts-jest transpiles each file on its own.
import { esmCopy } from './test/support/cjs-for-jest.mjs';

const moduleNameMapper = {
  // A CommonJS package that requires ESM-only Nest: served as an ES module copy (see the helper).
  '^@nestjs/throttler$': esmCopy('@nestjs/throttler', new URL('./.jest', import.meta.url).pathname),
  '^#platform$': '<rootDir>/libs/platform/src/index.ts',
  '^#platform/testing$': '<rootDir>/libs/platform/src/testing/index.ts',
  '^#event-store$': '<rootDir>/libs/event-store/src/index.ts',
  '^#projections$': '<rootDir>/libs/projections/src/index.ts',
  '^#ideas$': '<rootDir>/libs/ideas/src/index.ts',
  '^#deeds$': '<rootDir>/libs/deeds/src/index.ts',
  '^#awards$': '<rootDir>/libs/awards/src/index.ts',
  '^#messaging$': '<rootDir>/libs/messaging/src/index.ts',
  '^#insight$': '<rootDir>/libs/insight/src/index.ts',
  '^#notifications$': '<rootDir>/libs/notifications/src/index.ts',
  '^#organisations$': '<rootDir>/libs/organisations/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};
const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper,
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  testEnvironment: 'node',
};
export default {
  // A global option (projects ignore it): starting an embedded database takes seconds on a busy machine.
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'], testPathIgnorePatterns: ['\\.(int|e2e|embedded|kurrent|browser)\\.spec\\.ts$'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e.spec.ts', '<rootDir>/{apps,libs}/**/*.embedded.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int.spec.ts'] },
    // Needs a KurrentDB server (KURRENTDB_CONNECTION_STRING): npm run test:kurrentdb.
    { ...common, displayName: 'kurrentdb', testMatch: ['<rootDir>/libs/**/*.kurrent.spec.ts'] },
    // Needs Chromium at /usr/bin/chromium (Debian package chromium): npm run test:browser.
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser.spec.ts'] },
  ],
};
