/** The modules whose tests we hold to a mutation score (#13); `npm run mutation -- <module>` takes one of these. */
export const MUTATION_MODULES = [
  'src/domain',
  'src/db',
  'src/sync',
  'server/access',
  'server/routes/sync',
  'server/retention',
  'server/subjects',
] as const;

export type MutationModule = (typeof MUTATION_MODULES)[number];

/** Stryker `mutate` globs of one module: its sources, never its tests. */
export function mutateGlobs(module: MutationModule): string[] {
  return [`${module}/**/*.ts`, `!${module}/**/*.test.ts`];
}

/** The module a mutated file belongs to (the longest matching folder). */
export function moduleOf(fileName: string): MutationModule | undefined {
  const file = fileName.replaceAll('\\', '/');
  return [...MUTATION_MODULES]
    .sort((a, b) => b.length - a.length)
    .find((module) => file.startsWith(`${module}/`) || file.includes(`/${module}/`));
}
