import { describe, expect, it } from 'vitest';
import { actionInputProblems } from '../../domain/action-input';
import { ENGINE_POLICY } from '../../domain/engine-policy';
import { findTextProblems, isSafeText, safeText } from '../../domain/text';

describe('safe text', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['a C0 control (bell)', 'a\u0007b'],
    ['escape', '\u001b[31m'],
    ['a lone high surrogate', 'x\ud800y'],
    ['a lone low surrogate', '\udc00'],
    ['a high surrogate at the end', 'abc\ud83d'],
  ])('refuses %s', (_what, text) => {
    expect(isSafeText(text)).toBe(false);
    expect(safeText(100).safeParse(text).success).toBe(false);
  });

  it.each([
    ['Chinese', '老旧小区改造进度督办'],
    ['tab, line feed, carriage return', '第一条\t说明\r\n第二条'],
    ['a surrogate pair (emoji)', '完成 👍'],
    ['an empty string', ''],
  ])('accepts %s', (_what, text) => {
    expect(isSafeText(text)).toBe(true);
    expect(safeText(100).safeParse(text).success).toBe(true);
  });

  it('bounds the length', () => {
    expect(safeText(5).safeParse('123456').success).toBe(false);
  });

  it('names the path of every unsafe, too long or too deep part, keys included', () => {
    const limits = { maxDepth: 3, maxStringLength: 10 };
    expect(findTextProblems({ a: 'ok', b: ['fine', 'n\u0000'], c: { d: 'x'.repeat(11) } }, 'data', limits).map((p) => p.field).sort()).toEqual(['data.b[1]', 'data.c.d']);
    expect(findTextProblems({ a: { b: { c: { d: 1 } } } }, 'data', limits)).toEqual([{ field: 'data.a.b.c', reason: expect.stringMatching(/nested/) }]);
    expect(findTextProblems({ ['k\u0000']: 1 }, 'data', limits)).toEqual([{ field: 'data', reason: expect.stringMatching(/field name/) }]);
  });

  it('walks a value nested far deeper than the limit without overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findTextProblems(deep, 'data', { maxDepth: 8, maxStringLength: 10 })).toHaveLength(1);
  });
});

describe('action input bounds (policy:action-data-size, policy:comment-length)', () => {
  const { maxSerializedLength, maxStringLength, maxDepth } = ENGINE_POLICY.actionData.value;

  it('a comment with NUL or a lone surrogate, or over the length, is refused naming comment', () => {
    expect(actionInputProblems({ comment: 'a\u0000' })).toEqual([{ field: 'comment', reason: expect.any(String) }]);
    expect(actionInputProblems({ comment: '\ud800' })).toEqual([{ field: 'comment', reason: expect.any(String) }]);
    expect(actionInputProblems({ comment: 'x'.repeat(ENGINE_POLICY.maxCommentLength.value + 1) })).toEqual([{ field: 'comment', reason: expect.any(String) }]);
    expect(actionInputProblems({ comment: 'x'.repeat(ENGINE_POLICY.maxCommentLength.value) })).toEqual([]);
  });

  it('data must be an object of bounded size, strings and depth', () => {
    expect(actionInputProblems({ data: 'text' })).toEqual([{ field: 'data', reason: 'an object' }]);
    expect(actionInputProblems({ data: [1] })).toEqual([{ field: 'data', reason: 'an object' }]);
    expect(actionInputProblems({ data: { body: 'x'.repeat(maxStringLength) } })).toEqual([]);
    expect(actionInputProblems({ data: { body: 'x'.repeat(maxStringLength + 1) } })).toEqual([{ field: 'data.body', reason: expect.any(String) }]);
    const many = Object.fromEntries(Array.from({ length: Math.ceil(maxSerializedLength / 1000) + 1 }, (_, i) => [`f${i}`, 'x'.repeat(1000)]));
    expect(actionInputProblems({ data: many })).toEqual([{ field: 'data', reason: expect.stringContaining('policy:action-data-size') }]);
    let nested: unknown = 1;
    for (let i = 0; i < maxDepth + 1; i++) nested = { n: nested };
    expect(actionInputProblems({ data: nested })).toHaveLength(1);
  });
});
