/**
 * Folds over arrays of any length. Spreading an array into a call (`Math.max(...xs)`,
 * `out.push(...xs)`) passes one argument per element, and V8 throws "Maximum call stack size
 * exceeded" past some hundred thousand of them (issue 35: a 1,000,000-row file crashed the
 * exporter so). ESLint forbids such spreads in src (eslint.config.js); these loops replace them.
 */

/** The largest of `floor` and the numbers (NaN-free input assumed, as Math.max's callers had it). */
export function maxOf(xs: Iterable<number>, floor = -Infinity): number {
  let m = floor;
  for (const x of xs) if (x > m) m = x;
  return m;
}

/** The smallest of `ceiling` and the numbers. */
export function minOf(xs: Iterable<number>, ceiling = Infinity): number {
  let m = ceiling;
  for (const x of xs) if (x < m) m = x;
  return m;
}

/** Appends every item to the target, in order; returns the target. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const x of items) target.push(x);
  return target;
}
