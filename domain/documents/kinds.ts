/**
 * The 15 statutory kinds of official document (公文种类), 《党政机关公文处理工作条例》 (2012) Art. 8,
 * cited as `docs2012:8`.
 */
export const DOCUMENT_KINDS = [
  { id: 'resolution', zh: '决议' },
  { id: 'decision', zh: '决定' },
  { id: 'order', zh: '命令(令)' },
  { id: 'communique', zh: '公报' },
  { id: 'announcement', zh: '公告' },
  { id: 'public-notice', zh: '通告' },
  { id: 'opinion', zh: '意见' },
  { id: 'notice', zh: '通知' },
  { id: 'circular', zh: '通报' },
  { id: 'report', zh: '报告' },
  { id: 'request', zh: '请示' },
  { id: 'reply', zh: '批复' },
  { id: 'motion', zh: '议案' },
  { id: 'letter', zh: '函' },
  { id: 'minutes', zh: '纪要' },
] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number]['id'];

export const DOCUMENT_KINDS_SOURCE = 'docs2012:8';

export function isDocumentKind(value: string): value is DocumentKind {
  return DOCUMENT_KINDS.some((k) => k.id === value);
}

export function chineseNameOf(kind: DocumentKind): string {
  return DOCUMENT_KINDS.find((k) => k.id === kind)!.zh;
}
