/** Comparing the matrix's tables with what the application has: missing, stale, unprobed. */
import type { Exemption, MatrixCase } from './cases.js';

/** Names the application has that neither a case nor an exemption covers. */
export const missing = (names: string[], cases: MatrixCase[], exemptions: Exemption[]) =>
  names.filter((n) => !cases.some((c) => c.name === n) && !exemptions.some((e) => e.name === n));

/** Cases and (non-optional) exemptions naming something the application no longer has. */
export const stale = (names: string[], cases: MatrixCase[], exemptions: Exemption[]) => [
  ...cases.filter((c) => !names.includes(c.name)).map((c) => c.name),
  ...exemptions.filter((e) => !e.optional && !names.includes(e.name)).map((e) => e.name),
];

/** Names covered twice, or by both a case and an exemption. */
export const twice = (cases: MatrixCase[], exemptions: Exemption[]) => {
  const all = [...cases.map((c) => c.name), ...exemptions.map((e) => e.name)];
  return all.filter((n, i) => all.indexOf(n) !== i);
};

/** `name(argument)` for every place argument of a case without a probe pointing outside. */
export const unprobed = (placeArguments: Record<string, string[]>, cases: MatrixCase[]) =>
  cases.flatMap((c) => (placeArguments[c.name] ?? []).filter((a) => !(a in c.probes)).map((a) => `${c.name}(${a})`));
