/** The 发文字号 an official document's state records once issued (`details.number`), for the process that started it. */
export function issuedNumberOf(documentDetails: Record<string, unknown>): string | undefined {
  const { number } = documentDetails;
  return typeof number === 'string' ? number : undefined;
}
