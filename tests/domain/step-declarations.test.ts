import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DECISION_STEPS } from '../../domain/decisions/steps';
import { DOCUMENT_OFFICE_REVIEW } from '../../domain/documents/steps';
import type { TextRef } from '../../domain/documents/text-ref';
import { ENGINE_ACTIONS_STEP } from '../../domain/engine-actions';
import { DECLARED_STEPS, findStep } from '../../domain/step-catalog';
import { actionsOf, parseAction, parseOutcome } from '../../domain/steps';
import { TICKET_EXECUTION, TICKET_VERIFICATION } from '../../domain/supervision/steps';

/** Workflow files not yet moved onto step declarations; none are left, and none may come back. */
const NOT_YET_DECLARED = new Set<string>([]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const allSteps = [...DECLARED_STEPS, ENGINE_ACTIONS_STEP];
const allActions = allSteps.flatMap((step) => Object.entries(step.actions).map(([name, action]) => ({ step: step.id, name, action })));
const CHINESE = /[\u4e00-\u9fff]/;

/** Every string a schema admits has a length bound, a fixed set of values or a format. */
function unboundedStrings(schema: unknown, path = '$'): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const own = node.type === 'string' && node.maxLength === undefined && node.enum === undefined && node.const === undefined && node.format === undefined ? [path] : [];
  return [
    ...own,
    ...Object.entries(node).flatMap(([key, value]) =>
      Array.isArray(value) ? value.flatMap((v, i) => unboundedStrings(v, `${path}.${key}[${i}]`)) : unboundedStrings(value, `${path}.${key}`),
    ),
  ];
}

describe('step declarations (domain/*/steps.ts)', () => {
  it('every task a migrated workflow opens takes its step from a declaration, never a literal step id', () => {
    const literal = /\bstep:\s*['`]/;
    const offenders = sourceFiles('workflows')
      .filter((file) => !NOT_YET_DECLARED.has(file))
      .filter((file) => literal.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('workflows read action data and process state typed, without casts: only the casts listed here, each for its reason', () => {
    /** file → how many casts it keeps, and why no typed alternative fits. */
    const KEPT: Record<string, { casts: number; why: string }> = {
      'workflows/engine/activities-proxy.ts': { casts: 2, why: 'a Proxy building the activity stubs by name' },
      'workflows/engine/audit-trail.ts': { casts: 1, why: 'Object.fromEntries over the audit input keeps its fields, which TypeScript cannot see' },
      'workflows/engine/read-model-projector.ts': { casts: 1, why: 'JSON.parse of the snapshot it serialised itself' },
      'workflows/rules/rule-in-force.ts': { casts: 1, why: 'the corrections registry holds values of every rule’s own type' },
    };
    // `(err as Error)` narrows a caught value; `as const` is no cast.
    const cast = /[\w)\]'"`]\s+as\s+(?!const\b|Error\))/g;
    const found: Record<string, number> = {};
    for (const file of sourceFiles('workflows')) {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|[^:])\/\/.*$/gm, '$1')
        .replace(/'(?:[^'\\\n]|\\.)*'/g, "''");
      const n = code.match(cast)?.length ?? 0;
      if (n) found[file.split('\\').join('/')] = n;
    }
    expect(found).toEqual(Object.fromEntries(Object.entries(KEPT).map(([file, { casts }]) => [file, casts])));
  });

  it('every step used in a recorded history of a migrated process is declared', () => {
    const migrated = ['supervisionTicket', 'officialDocument', 'incomingRequest', 'agendaItem', 'standingMeeting', 'majorDecision'];
    const steps = new Set<string>();
    for (const file of readdirSync('tests/histories').filter((f) => migrated.some((type) => f.startsWith(`${type}-`)))) {
      // Payloads are base64 JSON; the activities that open tasks name their step ("who holds ticket.execution").
      const payloads = [...readFileSync(join('tests/histories', file), 'utf8').matchAll(/"data": "([A-Za-z0-9+/=]+)"/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8'));
      for (const payload of payloads) for (const match of payload.matchAll(/"step":"([a-z-]+\.[a-z-]+)"/g)) steps.add(match[1]);
    }
    expect(steps.size).toBeGreaterThan(0);
    expect([...steps].filter((id) => !findStep(id))).toEqual([]);
  });

  it('step ids are unique, and every step and action has a Chinese and an English label', () => {
    const ids = DECLARED_STEPS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const step of allSteps) {
      expect(step.label, step.id).toMatch(CHINESE);
      expect(step.labelEn, step.id).toMatch(/^[A-Z]/);
    }
    for (const { step, name, action } of allActions) {
      expect(action.label, `${step} ${name}`).toMatch(CHINESE);
      expect(action.labelEn, `${step} ${name}`).toMatch(/^[A-Z]/);
    }
  });

  it.each(allActions.map((a) => [`${a.step} ${a.name}`, a] as const))('%s — converts to a strict JSON Schema with every string bounded', (_name, { action }) => {
    const json = z.toJSONSchema(action.schema, { io: 'input' }) as Record<string, unknown>;
    expect(json.type).toBe('object');
    expect(json.additionalProperties).toBe(false);
    expect(unboundedStrings(json)).toEqual([]);
  });

  it.each(allActions.map((a) => [`${a.step} ${a.name}`, a] as const))('%s — refuses unknown keys', (_name, { action }) => {
    const result = action.schema.safeParse({ notDeclared: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', keys: ['notDeclared'] }));
  });

  it('declared text is trimmed, never empty, and refuses control characters (domain/text.ts)', () => {
    const report = TICKET_EXECUTION.actions['report-progress'].schema;
    expect(report.safeParse({ summary: '  已完成拆除 ' }).data).toEqual({ summary: '已完成拆除' });
    expect(report.safeParse({ summary: '   ' }).success).toBe(false);
    expect(report.safeParse({ summary: '已完成\u0000拆除' }).success).toBe(false);
  });

  it('actionsOf lists the declared actions with their labels, or only those named, in that order', () => {
    expect(actionsOf(TICKET_VERIFICATION)).toEqual([
      { name: 'close', label: '核查销号', labelEn: 'Verify and close out (销号)', final: true },
      { name: 'return-for-rework', label: '退回整改', labelEn: 'Return for rework with a new deadline', final: true },
    ]);
    expect(actionsOf(TICKET_VERIFICATION, ['return-for-rework']).map((a) => a.name)).toEqual(['return-for-rework']);
  });

  it('parseOutcome types the data by the action and trims it as the schema says; rule outcomes pass as they are', () => {
    const verdict = parseOutcome(TICKET_VERIFICATION, { action: 'return-for-rework', actorId: 'u1', at: 'now', data: { reason: '  材料不全 ', workingDays: 3 } });
    expect(verdict.action === 'return-for-rework' && verdict.data).toEqual({ reason: '材料不全', workingDays: 3 });
    expect(parseOutcome(TICKET_VERIFICATION, { action: 'cancelled', actorId: 'system', at: 'now' })).toEqual({ action: 'cancelled', actorId: 'system', at: 'now' });
    expect(() => parseAction(TICKET_VERIFICATION, { action: 'approve' })).toThrow(/declares no action approve/);
  });

  it('an action declaring a stored text is typed with either the text or its reference, as the API sends it (issue 11)', () => {
    const ref: TextRef = { sha256: 'a'.repeat(64), chars: 5001 };
    // The assignments type-check only because the declaration's storedText types `draftRef` / `bodyRef` (no cast in the workflow).
    const stored = parseAction(DECISION_STEPS['decision.adjustment'], { action: 'revise-draft', data: { draftRef: ref, note: '全文重写' } });
    const storedRef: TextRef | undefined = stored.data.draftRef;
    expect(storedRef).toEqual(ref);
    expect(stored.data.draft).toBeUndefined();
    const sent = parseAction(DECISION_STEPS['decision.revision'], { action: 'revise-draft', data: { draft: '修改后的草案', note: '删除收费条款' } });
    expect(sent.action === 'revise-draft' && !sent.data.draftRef && sent.data.draft).toBe('修改后的草案');
    const edit = parseAction(DOCUMENT_OFFICE_REVIEW, { action: 'edit', data: { bodyRef: ref, note: '压缩篇幅' } });
    const bodyRef: TextRef | undefined = edit.action === 'edit' ? edit.data.bodyRef : undefined;
    expect(bodyRef).toEqual(ref);
  });
});
