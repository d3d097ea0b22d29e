/**
 * The modules whose tests we hold to a mutation score (#13), each with the tests where its behaviour lives.
 * A mutant of a module is run only against those tests (and, with per-test coverage, only the ones that reach
 * it): every test related to src/domain is nearly the whole suite, a 15-minute dry run on 2 shared cores.
 */
export const MUTATION_MODULES = {
  'src/domain': ['src/**/*.test.ts'],
  'src/db': ['src/**/*.test.ts', 'sw/**/*.test.ts', 'tests/integration/**/*.test.ts'],
  'src/sync': ['src/sync/**/*.test.ts', 'src/kiosk/**/*.test.ts', 'sw/**/*.test.ts', 'tests/integration/**/*.test.ts'],
  'server/access': ['server/access/**/*.test.ts', 'server/routes/**/*.test.ts'],
  'server/routes/sync': ['server/routes/sync/**/*.test.ts', 'tests/integration/**/*.test.ts'],
  'server/retention': ['server/retention/**/*.test.ts'],
  'server/subjects': ['server/subjects/**/*.test.ts', 'server/routes/subjects/**/*.test.ts', 'server/routes/sync/**/*.test.ts'],
} as const satisfies Record<string, readonly string[]>;

export type MutationModule = keyof typeof MUTATION_MODULES;
export const MODULE_NAMES = Object.keys(MUTATION_MODULES) as MutationModule[];

/** Stryker `mutate` globs of one module: its sources, never its tests. */
export function mutateGlobs(module: MutationModule): string[] {
  return [`${module}/**/*.ts`, `!${module}/**/*.test.ts`];
}

/** The module a mutated file belongs to (the longest matching folder). */
export function moduleOf(fileName: string): MutationModule | undefined {
  const file = fileName.replaceAll('\\', '/');
  return [...MODULE_NAMES]
    .sort((a, b) => b.length - a.length)
    .find((module) => file.startsWith(`${module}/`) || file.includes(`/${module}/`));
}
