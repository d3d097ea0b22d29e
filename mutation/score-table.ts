import type { Stryker } from '@stryker-mutator/core';
import { moduleOf, type MutationModule } from './modules';

export type MutantResult = Awaited<ReturnType<Stryker['runMutationTest']>>[number];

export interface ModuleScore {
  module: MutationModule;
  /** Killed or timed out: a test noticed. */
  killed: number;
  /** Ran against tests and no test noticed, or no test ran the code at all. */
  survived: number;
  /** Disabled with a `// Stryker disable …: reason` comment: judged equivalent (listed in docs/mutation.md). */
  equivalent: number;
  /** Module-level mutants not run (`ignoreStatic`; `--static` runs them). */
  static: number;
  /** Mutants that did not load (compile/runtime errors): not counted either way. */
  invalid: number;
  /** killed / (killed + survived), in % (NaN: nothing measured); equivalent, static and invalid mutants are left out, as Stryker does. */
  score: number;
}

/** Mutation score per module from one Stryker run's results. */
export function scoreByModule(results: readonly MutantResult[], modules: readonly MutationModule[]): ModuleScore[] {
  return modules.map((module) => {
    const mine = results.filter((result) => moduleOf(result.fileName) === module);
    const count = (...statuses: string[]) => mine.filter((result) => statuses.includes(result.status)).length;
    const killed = count('Killed', 'Timeout');
    const survived = count('Survived', 'NoCoverage');
    return {
      module,
      killed,
      survived,
      equivalent: mine.filter((result) => result.status === 'Ignored' && !isStaticSkip(result)).length,
      static: mine.filter(isStaticSkip).length,
      invalid: count('CompileError', 'RuntimeError'),
      score: killed + survived === 0 ? Number.NaN : (100 * killed) / (killed + survived),
    };
  });
}

function isStaticSkip(result: MutantResult): boolean {
  return result.status === 'Ignored' && (result.statusReason ?? '').startsWith('Static mutant');
}

/** A Markdown table (readable in a terminal too), the same one the README holds. */
export function formatScoreTable(scores: readonly ModuleScore[]): string {
  const rows = scores.map((s) => [
    `\`${s.module}\``,
    String(s.killed),
    String(s.survived),
    String(s.equivalent),
    String(s.static),
    Number.isNaN(s.score) ? '—' : `${s.score.toFixed(1)} %`,
  ]);
  const header = ['module', 'killed', 'survived', 'equivalent (named)', 'static (not run)', 'score'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** One line per surviving mutant, to read them without opening the HTML report. */
export function formatSurvivors(results: readonly MutantResult[]): string {
  return results
    .filter((result) => result.status === 'Survived' || result.status === 'NoCoverage')
    .map((result) => {
      const where = `${result.fileName}:${result.location.start.line}:${result.location.start.column}`;
      const replacement = result.replacement.replaceAll('\n', ' ').slice(0, 160);
      return `${where}  ${result.status}  ${result.mutatorName}  → ${replacement}`;
    })
    .join('\n');
}
