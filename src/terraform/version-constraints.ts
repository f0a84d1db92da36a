/**
 * Terraform version constraints (`">= 2.0, < 3.0"`, `"~> 2.38"`) as the set of
 * releases they admit, enough to ask which major versions a constraint lets in.
 * `!=` excludes single releases and is ignored here (the answer stays an upper
 * bound of what is admitted).
 */

type Version = [number, number, number];

/** Half-open interval of releases: `low` included unless `lowOpen`; `high` excluded (undefined: no bound). */
interface Interval {
  low: Version;
  lowOpen: boolean;
  high: Version | undefined;
  highClosed: boolean;
}

const TERM = /^\s*(=|!=|>=|<=|>|<|~>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?\s*$/;

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The interval a constraint admits, or undefined when it does not parse. */
export function admittedInterval(constraint: string): Interval | undefined {
  let interval: Interval = { low: [0, 0, 0], lowOpen: false, high: undefined, highClosed: false };
  for (const term of constraint.split(',')) {
    const match = TERM.exec(term);
    if (!match) return undefined;
    const [, op = '=', major, minor, patch] = match;
    const version: Version = [Number(major), Number(minor ?? 0), Number(patch ?? 0)];
    const segments = patch !== undefined ? 3 : minor !== undefined ? 2 : 1;
    switch (op) {
      case '=':
        interval = intersect(interval, { low: version, lowOpen: false, high: version, highClosed: true });
        break;
      case '>=':
        interval = intersect(interval, { low: version, lowOpen: false, high: undefined, highClosed: false });
        break;
      case '>':
        interval = intersect(interval, { low: version, lowOpen: true, high: undefined, highClosed: false });
        break;
      case '<':
        interval = intersect(interval, { low: [0, 0, 0], lowOpen: false, high: version, highClosed: false });
        break;
      case '<=':
        interval = intersect(interval, { low: [0, 0, 0], lowOpen: false, high: version, highClosed: true });
        break;
      case '~>': {
        // The last segment given may grow: ~> 2.38 is >= 2.38, < 3.0; ~> 2.38.1 is >= 2.38.1, < 2.39.0.
        const high: Version | undefined =
          segments === 3 ? [version[0], version[1] + 1, 0] : segments === 2 ? [version[0] + 1, 0, 0] : undefined;
        interval = intersect(interval, { low: version, lowOpen: false, high, highClosed: false });
        break;
      }
      default:
        // `!=` removes one release only.
        break;
    }
  }
  return interval;
}

function intersect(a: Interval, b: Interval): Interval {
  const lowOrder = compare(a.low, b.low);
  const low = lowOrder > 0 || (lowOrder === 0 && a.lowOpen) ? { low: a.low, lowOpen: a.lowOpen } : { low: b.low, lowOpen: b.lowOpen };
  let high: Pick<Interval, 'high' | 'highClosed'>;
  if (a.high === undefined) high = { high: b.high, highClosed: b.highClosed };
  else if (b.high === undefined) high = { high: a.high, highClosed: a.highClosed };
  else {
    const order = compare(a.high, b.high);
    high =
      order < 0 || (order === 0 && !a.highClosed) ? { high: a.high, highClosed: a.highClosed } : { high: b.high, highClosed: b.highClosed };
  }
  return { ...low, ...high };
}

/** True when the interval admits some release whose major version is `major` + 1 or later. */
function admitsAbove(interval: Interval, major: number): boolean {
  if (interval.high === undefined) return true;
  const next: Version = [major + 1, 0, 0];
  const order = compare(interval.high, next);
  return order > 0 || (order === 0 && interval.highClosed);
}

/** True when the interval admits some release of an earlier major version than `major`. */
function admitsBelow(interval: Interval, major: number): boolean {
  return interval.low[0] < major;
}

/**
 * The major versions other than `major` a constraint admits, as a phrase
 * (`3.x and later`, `1.x and earlier`), or undefined when it keeps to `major` or
 * does not parse (unknown stays unknown).
 */
export function otherMajorsAdmitted(constraint: string, major: number): string | undefined {
  const interval = admittedInterval(constraint);
  if (!interval) return undefined;
  const phrases = [
    ...(admitsBelow(interval, major) ? [`${major - 1}.x and earlier`] : []),
    ...(admitsAbove(interval, major) ? [`${major + 1}.x and later`] : []),
  ];
  return phrases.length > 0 ? phrases.join(' and ') : undefined;
}

/** True when no release satisfies the interval (`>= 3.0, < 2.0`). */
function isEmpty(interval: Interval): boolean {
  if (interval.high === undefined) return false;
  const order = compare(interval.low, interval.high);
  return order > 0 || (order === 0 && (!interval.highClosed || interval.lowOpen));
}

/**
 * The one major release among `majors` (ascending) that a constraint selects:
 * the constraint admits versions of that major only, or, without an upper
 * bound, starts in the newest of them (Terraform installs the newest release).
 * Undefined when the constraint is absent, does not parse, admits several of
 * the majors, or none of them.
 */
export function selectedMajor(constraint: string | undefined, majors: readonly number[]): number | undefined {
  if (constraint === undefined || constraint.trim() === '') return undefined;
  const interval = admittedInterval(constraint);
  if (!interval || isEmpty(interval)) return undefined;
  const first = interval.low[0];
  const high = interval.high;
  if (high === undefined) return first === majors[majors.length - 1] ? first : undefined;
  const last = high[1] === 0 && high[2] === 0 && !interval.highClosed ? high[0] - 1 : high[0];
  return first === last && majors.includes(first) ? first : undefined;
}
