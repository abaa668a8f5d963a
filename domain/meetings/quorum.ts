/**
 * 出席人数应超过应到人数的二分之一 (000:46, 003:49, 004:38): strictly more than half of the
 * members; a member on approved leave still counts among those who should attend.
 * @example hasQuorum(3, 6) === false; hasQuorum(4, 6) === true
 */
export function hasQuorum(present: number, members: number): boolean {
  return members > 0 && present * 2 > members;
}
