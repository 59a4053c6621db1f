/** Jest runs the TypeScript sources as native ESM (NODE_OPTIONS=--experimental-vm-modules). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // Fails a test during which an emulator answered outside its provider's API description.
  setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/contract-setup.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
};
