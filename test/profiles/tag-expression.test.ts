import { describe, expect, it } from 'vitest';
import { expressionTags, matchesTagExpression, parseTagExpression } from '../../src/profiles/tag-expression.js';

const matches = (expr: string, tags: string[]) => matchesTagExpression(parseTagExpression(expr), new Set(tags));

describe('tag expression parser', () => {
  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(parseTagExpression('a OR b AND NOT c')).toEqual({
      kind: 'or',
      children: [{ kind: 'tag', tag: 'a' }, { kind: 'and', children: [{ kind: 'tag', tag: 'b' }, { kind: 'not', child: { kind: 'tag', tag: 'c' } }] }],
    });
  });

  it.each([
    ['price_sensitive AND parenting AND NOT detractor', ['price_sensitive', 'parenting'], true],
    ['price_sensitive AND parenting AND NOT detractor', ['price_sensitive', 'parenting', 'detractor'], false],
    ['(fitness OR outdoor_travel) AND NOT kol', ['outdoor_travel'], true],
    ['fitness OR outdoor_travel AND kol', ['fitness'], true],
    ['(fitness OR outdoor_travel) AND kol', ['fitness'], false],
    ['NOT NOT pets', ['pets'], true],
    ['a && (b || !c)', ['a'], true],
    ['loyal and not churn_risk', ['loyal'], true],
  ])('%s on %j → %s', (expr, tags, expected) => {
    expect(matches(expr, tags)).toBe(expected);
  });

  it.each([
    ['', /empty/],
    ['a AND', /expected a tag id, NOT or "\(" at the end/],
    ['(a OR b', /expected "\)"/],
    ['a b', /expected AND, OR or the end at position 3/],
    ['a AND $b', /unexpected "\$" at position 7/],
    ['a OR )', /position 6/],
  ])('rejects %j with a message naming the position', (expr, message) => {
    expect(() => parseTagExpression(expr)).toThrow(message);
  });

  it('lists the tags an expression names', () => {
    expect(expressionTags(parseTagExpression('a AND (b OR NOT a)'))).toEqual(['a', 'b']);
  });
});
