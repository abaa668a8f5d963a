/**
 * Where a rule value comes from: `000:62` (seed 000, article 62), `decree713:26` (national
 * regulation, article), `supervision2020:17` (政府督查工作条例), `gb9704`, or `policy:<name>` for a
 * value the government office configures where no text sets one (never passed off as law).
 */
export type Source = string;

/** A rule value together with the article it comes from. */
export interface Cited<T> {
  value: T;
  source: Source;
}

export function cited<T>(value: T, source: Source): Cited<T> {
  return { value, source };
}
