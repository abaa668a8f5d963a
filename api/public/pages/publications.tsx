import { formatShanghaiChinese } from '../../../domain/calendar/shanghai-date';
import type { MajorDecisionRecord } from '../../../db/major-decision-repository';
import { Layout } from './layout';
import type { UnitNames } from './consultations';

export function MajorDecisionListPage({ items, units }: { items: MajorDecisionRecord[]; units: UnitNames }) {
  return (
    <Layout title="重大行政决策">
      <section>
        <h1>重大行政决策公布</h1>
        {items.length === 0 ? (
          <p>暂无公布的重大行政决策。</p>
        ) : (
          <ul class="list">
            {items.map((d) => (
              <li>
                <strong>{d.title}</strong>
                <div class="meta">
                  {d.documentNumber ?? ''} · {units[d.proposingUnit] ?? d.proposingUnit} · 公布于 {formatShanghaiChinese(d.publishedAt!)}
                  {d.suspendedAt ? ' · 已暂停执行' : ''}
                </div>
                <pre>{d.decision ?? ''}</pre>
                <a href={`/public/consultations/${encodeURIComponent(d.id)}`}>征求意见及采纳情况</a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

export interface PublicDocumentView {
  number: string;
  title: string;
  kindZh: string;
  body: string;
  publishedAt: string;
}

export function DocumentListPage({ items }: { items: PublicDocumentView[] }) {
  return (
    <Layout title="政府文件">
      <section>
        <h1>政府文件（主动公开）</h1>
        {items.length === 0 ? (
          <p>暂无公开文件。</p>
        ) : (
          <ul class="list">
            {items.map((d) => (
              <li>
                <details>
                  <summary>
                    <strong>{d.title}</strong>
                    <div class="meta">
                      {d.number} · {d.kindZh} · 公开于 {formatShanghaiChinese(d.publishedAt)}
                    </div>
                  </summary>
                  <pre>{d.body}</pre>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

export function PortalHomePage() {
  return (
    <Layout title="首页">
      <section>
        <h1>政府信息公开 · 公众参与</h1>
        <ul class="list">
          <li>
            <a href="/public/consultations">正在征求意见的决策草案</a>
          </li>
          <li>
            <a href="/public/consultations?status=closed">意见征集结果与采纳情况</a>
          </li>
          <li>
            <a href="/public/major-decisions">重大行政决策公布</a>
          </li>
          <li>
            <a href="/public/documents">政府文件</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}
