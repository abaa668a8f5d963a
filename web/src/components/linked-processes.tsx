import type { Link } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { relationLabel, typeLabel } from '../i18n/labels';

/** Processes linked to this one (item ↔ document ↔ ticket ↔ decision), each a link to its page. */
export function LinkedProcesses({ links }: { links: Link[] }) {
  const i18n = useI18n();
  return (
    <ul class="links">
      {links.map((l) => (
        <li>
          <span class="tag">{relationLabel(l.relation, i18n)}</span> {typeLabel(l.type, i18n)}：<a href={`#/p/${encodeURIComponent(l.processId)}`}>{l.processId}</a>
        </li>
      ))}
    </ul>
  );
}
