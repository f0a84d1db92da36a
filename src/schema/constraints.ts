/**
 * Terraform version constraints (`~> 3.0`, `>= 2.12, < 3.0.0`), read only as far
 * as the linter needs: which major release of a provider they select.
 */

type Version = [number, number, number];

const CLAUSE = /^\s*(~>|>=|<=|!=|=|>|<)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?\s*$/;

interface Bounds {
  lower: Version;
  /** Exclusive upper bound; undefined when unbounded. */
  upper: Version | undefined;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The smallest version above every version that starts with `v`'s given parts (`<= 2.1` admits 2.1.x). */
function after(v: Version, parts: number): Version {
  if (parts === 1) return [v[0] + 1, 0, 0];
  if (parts === 2) return [v[0], v[1] + 1, 0];
  return [v[0], v[1], v[2] + 1];
}

/** The range of versions a constraint admits; undefined when a clause does not parse. */
function boundsOf(constraint: string): Bounds | undefined {
  const bounds: Bounds = { lower: [0, 0, 0], upper: undefined };
  const raise = (v: Version): void => {
    if (compare(v, bounds.lower) > 0) bounds.lower = v;
  };
  const cap = (v: Version): void => {
    if (bounds.upper === undefined || compare(v, bounds.upper) < 0) bounds.upper = v;
  };
  for (const clause of constraint.split(',')) {
    const m = CLAUSE.exec(clause);
    if (!m) return undefined;
    const parts = [m[3], m[4]].filter((part) => part !== undefined).length + 1;
    const v: Version = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
    switch (m[1] ?? '=') {
      case '=':
        raise(v);
        cap(after(v, parts));
        break;
      case '>=':
      case '>':
        raise(v);
        break;
      case '<':
        cap(v);
        break;
      case '<=':
        cap(after(v, parts));
        break;
      case '~>':
        // `~> 3` and `~> 3.1` stay within major 3; `~> 3.1.2` within 3.1.
        raise(v);
        cap(parts === 3 ? [v[0], v[1] + 1, 0] : [v[0] + 1, 0, 0]);
        break;
      default:
        // `!=` excludes one release: it does not change the majors admitted.
        break;
    }
  }
  return bounds;
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
  const bounds = boundsOf(constraint);
  if (!bounds || (bounds.upper !== undefined && compare(bounds.lower, bounds.upper) >= 0)) return undefined;
  const first = bounds.lower[0];
  const upper = bounds.upper;
  if (upper === undefined) return first === majors[majors.length - 1] ? first : undefined;
  const last = upper[1] === 0 && upper[2] === 0 ? upper[0] - 1 : upper[0];
  return first === last && majors.includes(first) ? first : undefined;
}
