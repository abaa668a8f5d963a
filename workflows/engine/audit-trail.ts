import { sha256Hex } from '../../domain/hash/sha256';
import { printable } from '../../domain/text';
import type { AuditEntry } from './types';

export type AuditInput = Omit<AuditEntry, 'seq' | 'at' | 'prevHash' | 'hash'>;

const GENESIS = '0'.repeat(64);

/** The hash of an entry covers every field but the hash itself, and the previous entry's hash. */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, actorId, onBehalfOf, action, step, taskId, rule, detail, prevHash } = entry;
  return sha256Hex(JSON.stringify([seq, at, actorId, onBehalfOf ?? null, action, step ?? null, taskId ?? null, rule ?? null, detail ?? null, prevHash]));
}

/** Index of the first entry whose chain is broken, or -1 when the whole trail verifies. */
export function findBrokenLink(entries: AuditEntry[]): number {
  let prev = GENESIS;
  for (let i = 0; i < entries.length; i++) {
    const { hash, ...rest } = entries[i];
    if (rest.prevHash !== prev || hashAuditEntry(rest) !== hash) return i;
    prev = hash;
  }
  return -1;
}

/** Append-only, hash-chained record of who did what, when, for whom, under which rule. */
export class AuditTrail {
  readonly entries: AuditEntry[] = [];

  append(input: AuditInput, at: string): AuditEntry {
    const prevHash = this.entries.at(-1)?.hash ?? GENESIS;
    // What a signal or a directly started workflow carried may hold NUL or a lone surrogate:
    // written as escapes, the trail stays storable (the archive at close) and still says what came.
    const text = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === 'string' ? printable(v) : v])) as AuditInput;
    const withoutHash = { seq: this.entries.length + 1, at, ...text, prevHash };
    const entry = { ...withoutHash, hash: hashAuditEntry(withoutHash) };
    this.entries.push(entry);
    return entry;
  }

  get headHash(): string {
    return this.entries.at(-1)?.hash ?? GENESIS;
  }
}
