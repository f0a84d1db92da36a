import { createHash } from 'node:crypto';
import type { Finding } from '../lint/types';
import { displayPath } from './types';

/**
 * A fingerprint per finding that identifies it across commits, so a code review
 * tool can tell a new finding from one it has seen: made of what survives edits
 * around it (the path as reported, the Terraform address, or the message when
 * there is none, the rule id and the message), never of the line. Findings that
 * still collide are numbered in order. 32 hex digits.
 */
export function fingerprints(findings: readonly Finding[], relativeTo: string): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const identity = [displayPath(finding.range.file, relativeTo), finding.address ?? '', finding.ruleId, finding.message].join('\0');
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return createHash('sha256').update(`${identity}\0${occurrence}`).digest('hex').slice(0, 32);
  });
}
