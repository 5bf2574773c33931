import { ValidationError } from '../errors.js';

/**
 * Parsed segment expression over tag ids. Same grammar idea as brand queries (precedence
 * NOT > AND > OR, parentheses), but terms are tag ids, operators are case-insensitive, and there is no
 * implicit AND: `parenting pets` is a typo more often than an intent in a segment definition.
 */
export type TagExpr =
  | { kind: 'tag'; tag: string }
  | { kind: 'not'; child: TagExpr }
  | { kind: 'and' | 'or'; children: TagExpr[] };

interface Token {
  type: 'tag' | 'and' | 'or' | 'not' | 'open' | 'close';
  value: string;
  at: number;
}

const TOKEN = /\s*(?:(\()|(\))|([A-Za-z_][A-Za-z0-9_]*)|(&&|\|\||!)|(\S))/y;
const OPERATORS: Record<string, Token['type']> = { and: 'and', or: 'or', not: 'not', '&&': 'and', '||': 'or', '!': 'not' };

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (TOKEN.lastIndex < expr.length && (match = TOKEN.exec(expr))) {
    const at = match.index + match[0].length - match[0].trimStart().length;
    if (match[1]) tokens.push({ type: 'open', value: '(', at });
    else if (match[2]) tokens.push({ type: 'close', value: ')', at });
    else if (match[3] || match[4]) {
      const word = match[3] ?? match[4];
      tokens.push({ type: OPERATORS[word.toLowerCase()] ?? 'tag', value: word, at });
    } else if (match[5]) {
      throw new ValidationError(`expr: unexpected "${match[5]}" at position ${at + 1} in "${expr}" (expected tag ids, AND, OR, NOT, parentheses)`);
    }
  }
  return tokens;
}

/**
 * Parses `price_sensitive AND parenting AND NOT detractor`, `(fitness OR outdoor) AND NOT kol`.
 *
 * @example parseTagExpression('a AND (b OR NOT c)')
 */
export function parseTagExpression(expr: string): TagExpr {
  const tokens = tokenize(expr);
  if (tokens.length === 0) throw new ValidationError('expr: empty expression');
  let index = 0;
  const peek = (): Token | undefined => tokens[index];
  const fail = (what: string): never => {
    const token = peek();
    throw new ValidationError(`expr: expected ${what} ${token ? `at position ${token.at + 1} ("${token.value}")` : 'at the end'} in "${expr}"`);
  };
  const binary = (type: 'and' | 'or', next: () => TagExpr) => (): TagExpr => {
    const children = [next()];
    while (peek()?.type === type) index++, children.push(next());
    return children.length === 1 ? children[0] : { kind: type, children };
  };
  const parsePrimary = (): TagExpr => {
    const token = peek();
    if (token?.type === 'open') {
      index++;
      const inner = parseOr();
      if (peek()?.type !== 'close') fail('")"');
      index++;
      return inner;
    }
    if (token?.type === 'tag') return index++, { kind: 'tag', tag: token.value.toLowerCase() };
    return fail('a tag id, NOT or "("');
  };
  const parseNot = (): TagExpr => (peek()?.type === 'not' ? (index++, { kind: 'not', child: parseNot() }) : parsePrimary());
  const parseAnd = binary('and', parseNot);
  const parseOr = binary('or', parseAnd);
  const root = parseOr();
  if (index < tokens.length) fail('AND, OR or the end');
  return root;
}

/** Tag ids an expression names, to check them against the taxonomy. */
export function expressionTags(expr: TagExpr): string[] {
  if (expr.kind === 'tag') return [expr.tag];
  if (expr.kind === 'not') return expressionTags(expr.child);
  return [...new Set(expr.children.flatMap(expressionTags))];
}

/** Evaluates an expression against a set of tag ids (used in tests and for in-memory checks). */
export function matchesTagExpression(expr: TagExpr, tags: ReadonlySet<string>): boolean {
  switch (expr.kind) {
    case 'tag':
      return tags.has(expr.tag);
    case 'not':
      return !matchesTagExpression(expr.child, tags);
    case 'and':
      return expr.children.every((c) => matchesTagExpression(c, tags));
    case 'or':
      return expr.children.some((c) => matchesTagExpression(c, tags));
  }
}
