import { formatShanghaiChinese } from '../../../domain/calendar/shanghai-date';
import type { Consultation } from '../../../db/consultation-repository';
import { Layout } from './layout';

const RESPONSE_ZH = { adopted: '采纳', 'partly-adopted': '部分采纳', 'not-adopted': '未采纳' } as const;

export interface UnitNames {
  [unitId: string]: string;
}

/** Open consultations, or closed ones with their results. */
export function ConsultationListPage({ items, status, units }: { items: Consultation[]; status: 'open' | 'closed'; units: UnitNames }) {
  const title = status === 'open' ? '正在征求意见' : '征集结果';
  return (
    <Layout title={title}>
      <section>
        <h1>{title}</h1>
        {items.length === 0 ? (
          <p>{status === 'open' ? '目前没有正在征求意见的决策草案。' : '暂无已结束的意见征集。'}</p>
        ) : (
          <ul class="list">
            {items.map((c) => (
              <li>
                <a href={`/public/consultations/${encodeURIComponent(c.id)}`}>{c.title}</a>
                <div class="meta">
                  {units[c.proposingUnit] ?? c.proposingUnit} · {status === 'open' ? `截止 ${formatShanghaiChinese(c.closesAt)}` : `已收到意见 ${c.commentCount} 条${c.summary ? '，已公布采纳情况' : ''}`}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

export interface CommentFormState {
  body?: string;
  errors?: { field: string; reason: string }[];
}

/** One consultation: the draft, its grounds, the period, the hearing notice, the form while open, the results once published. */
export function ConsultationPage({ c, units, now, form }: { c: Consultation; units: UnitNames; now: number; form?: CommentFormState }) {
  const open = c.status === 'open' && Date.parse(c.closesAt) > now && Date.parse(c.opensAt) <= now;
  return (
    <Layout title={c.title}>
      <article>
        <h1>{c.title}</h1>
        <p class="meta">
          起草单位：{units[c.proposingUnit] ?? c.proposingUnit}
          <br />
          征求意见期：{formatShanghaiChinese(c.opensAt)} 至 {formatShanghaiChinese(c.closesAt)}
          <br />
          状态：{open ? '正在征求意见' : '征求意见已结束'}
        </p>
        {c.shortPeriodReason && <p class="notice">征求意见期少于30日的理由：{c.shortPeriodReason}</p>}
        {c.hearing && (
          <div class="notice">
            <strong>听证会公告</strong>
            <br />
            听证事项：{c.hearing.matter}
            <br />
            时间：{formatShanghaiChinese(c.hearing.at)}
            <br />
            地点：{c.hearing.place}
            <br />
            参加人产生方式：{c.hearing.participantSelection}
          </div>
        )}
      </article>
      <article>
        <h2>决策草案</h2>
        <pre>{c.draft}</pre>
      </article>
      <article>
        <h2>起草说明</h2>
        <pre>{c.grounds}</pre>
      </article>
      {open ? <CommentForm id={c.id} form={form} /> : <section class="notice">征求意见期已结束，不再接收意见。共收到意见 {c.commentCount} 条。</section>}
      {c.summary && (
        <section>
          <h2>意见采纳情况</h2>
          <p>{c.summary.overview}</p>
          <table>
            <thead>
              <tr>
                <th>意见类别</th>
                <th>条数</th>
                <th>处理</th>
                <th>说明</th>
              </tr>
            </thead>
            <tbody>
              {c.summary.themes.map((t) => (
                <tr>
                  <td>{t.theme}</td>
                  <td>{t.commentCount}</td>
                  <td>{RESPONSE_ZH[t.response]}</td>
                  <td>{t.explanation ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {c.summaryPublishedAt && <p class="meta">公布时间：{formatShanghaiChinese(c.summaryPublishedAt)}</p>}
        </section>
      )}
    </Layout>
  );
}

function CommentForm({ id, form }: { id: string; form?: CommentFormState }) {
  const errorOf = (field: string) => form?.errors?.find((e) => e.field === field)?.reason;
  return (
    <section>
      <h2>发表意见</h2>
      {form?.errors?.length ? <p class="error">提交未成功，请修改后重试。</p> : null}
      <form method="post" action={`/public/consultations/${encodeURIComponent(id)}/comments`}>
        <label for="body">您的意见（5至2000字）</label>
        <textarea id="body" name="body" rows={6} required minLength={5} maxLength={2000}>
          {form?.body ?? ''}
        </textarea>
        {errorOf('body') && <p class="error">{errorOf('body')}</p>}
        <label for="contact">联系方式（选填，仅供起草单位联系，不公开）</label>
        <input id="contact" name="contact" maxLength={100} />
        {errorOf('contact') && <p class="error">{errorOf('contact')}</p>}
        <button type="submit">提交意见</button>
      </form>
      <p class="meta">无需登录。您的联系方式不会公开。</p>
    </section>
  );
}

/** What the commenter sees after sending: the receipt number to quote. */
export function ReceiptPage({ c, receipt }: { c: Consultation; receipt: string }) {
  return (
    <Layout title="意见已收到">
      <section>
        <h1>意见已收到</h1>
        <p>感谢您对《{c.title}》提出意见。您的意见回执编号为：</p>
        <p class="receipt" id="receipt">
          {receipt}
        </p>
        <p class="meta">请保存此编号。征求意见期结束后，起草单位将公布意见采纳情况。</p>
        <p>
          <a href={`/public/consultations/${encodeURIComponent(c.id)}`}>返回征求意见页面</a>
        </p>
      </section>
    </Layout>
  );
}

export function MessagePage({ title, message, status }: { title: string; message: string; status?: string }) {
  return (
    <Layout title={title}>
      <section>
        <h1>{title}</h1>
        <p class={status === 'error' ? 'error' : 'notice'}>{message}</p>
        <p>
          <a href="/public/consultations">查看正在征求意见的草案</a>
        </p>
      </section>
    </Layout>
  );
}
