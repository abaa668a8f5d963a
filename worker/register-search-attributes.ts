import type { Connection } from '@temporalio/client';
import { status } from '@grpc/grpc-js';
import proto from '@temporalio/proto';

// A CommonJS module: named ESM imports of it fail under plain Node.
const { temporal } = proto;
import { ALL_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

const INDEXED_TYPE = {
  TEXT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
} as const;

/**
 * Registers govflow's search attributes on a namespace (idempotent: the ones already there are
 * skipped). The dev server gets them on its command line too; the time-skipping test server and
 * a real cluster get them here.
 */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  let known: Record<string, unknown> = {};
  try {
    known = (await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
  } catch (err) {
    // The time-skipping test server cannot list, but it can add.
    if ((err as { code?: number }).code !== status.UNIMPLEMENTED) throw err;
  }
  const missing = ALL_SEARCH_ATTRIBUTES.filter((key) => !(key.name in known));
  if (!missing.length) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, INDEXED_TYPE[key.type as keyof typeof INDEXED_TYPE]])),
  });
}
