/**
 * A time limit as the rules state it. How it is counted (民法典 Arts. 201–203, domain.md):
 * - workingDays: the event's day is not counted; ends 24:00 of the N-th working day after it;
 * - days / months: ends on the corresponding day; a last day that is not a working day rolls to
 *   24:00 of the next working day;
 * - yearEnd: 24:00 on 31 December of the event's year (rolled like days);
 * - hours: clock hours from the event.
 * `fromEventDay` marks a local rule that counts the event's own day as day one (001:63 「从部署当日
 * 算起」: 7 days from Wednesday 4 March 2026 end at 24:00 on Tuesday 10 March 2026).
 */
export type Limit =
  | { unit: 'workingDays'; n: number }
  | { unit: 'days'; n: number; fromEventDay?: true }
  | { unit: 'months'; n: number; fromEventDay?: true }
  | { unit: 'hours'; n: number }
  | { unit: 'yearEnd' };

/** The limit as the office writes it: 5个工作日, 7天, 1个月, 24小时, 年底前. */
export function describeLimitZh(limit: Limit): string {
  switch (limit.unit) {
    case 'workingDays':
      return `${limit.n}个工作日`;
    case 'days':
      return `${limit.n}天`;
    case 'months':
      return `${limit.n}个月`;
    case 'hours':
      return `${limit.n}小时`;
    case 'yearEnd':
      return '年底前';
  }
}

export function describeLimit(limit: Limit): string {
  switch (limit.unit) {
    case 'workingDays':
      return `${limit.n} working days`;
    case 'days':
      return `${limit.n} days`;
    case 'months':
      return `${limit.n} month${limit.n === 1 ? '' : 's'}`;
    case 'hours':
      return `${limit.n} hours`;
    case 'yearEnd':
      return 'by 31 December';
  }
}
