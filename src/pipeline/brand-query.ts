import { ValidationError } from '../errors.js';

/** Parsed boolean brand query. */
export type QueryNode =
  | { kind: 'term'; value: string; phrase: boolean }
  | { kind: 'not'; child: QueryNode }
  | { kind: 'and' | 'or'; children: QueryNode[] };

type Token = { type: 'word' | 'phrase' | 'and' | 'or' | 'not' | 'open' | 'close'; value: string; at: number };

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\()|(\))|"([^"]*)("?)|([^\s()"]+))/gy;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < query.length && (match = pattern.exec(query))) {
    const at = match.index + match[0].length - match[0].trimStart().length;
    if (match[1]) tokens.push({ type: 'open', value: '(', at });
    else if (match[2]) tokens.push({ type: 'close', value: ')', at });
    else if (match[3] !== undefined) {
      if (!match[4]) throw new ValidationError(`query: unterminated quote at position ${at + 1} in "${query}"`);
      if (match[3].trim()) tokens.push({ type: 'phrase', value: match[3].trim(), at });
    } else if (match[5]) {
      const upper = match[5];
      const type = upper === 'AND' ? 'and' : upper === 'OR' ? 'or' : upper === 'NOT' ? 'not' : 'word';
      tokens.push({ type, value: match[5], at });
    }
  }
  return tokens;
}

/**
 * Parses `鲜蜂 OR FreshBee OR "Fresh Bee"`, `(phone OR 手机) AND NOT case`, `A B` (implicit AND).
 * Precedence: NOT > AND > OR; parentheses group; operators are upper-case words.
 *
 * @example parseBrandQuery('Apple NOT (pie OR fruit)')
 */
export function parseBrandQuery(query: string): QueryNode {
  const tokens = tokenize(query);
  let index = 0;
  const peek = () => tokens[index];
  const fail = (what: string): never => {
    const token = peek();
    throw new ValidationError(`query: expected ${what} ${token ? `at position ${token.at + 1} ("${token.value}")` : 'at the end'} in "${query}"`);
  };
  const parseOr = (): QueryNode => {
    const children = [parseAnd()];
    while (peek()?.type === 'or') index++, children.push(parseAnd());
    return children.length === 1 ? children[0] : { kind: 'or', children };
  };
  const parseAnd = (): QueryNode => {
    const children = [parseNot()];
    for (;;) {
      const next = peek();
      if (next?.type === 'and') index++, children.push(parseNot());
      else if (next && next.type !== 'or' && next.type !== 'close') children.push(parseNot());
      else break;
    }
    return children.length === 1 ? children[0] : { kind: 'and', children };
  };
  const parseNot = (): QueryNode => {
    if (peek()?.type === 'not') {
      index++;
      return { kind: 'not', child: parseNot() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): QueryNode => {
    const token = peek();
    if (!token) return fail('a word, phrase or "("');
    if (token.type === 'open') {
      index++;
      const inner = parseOr();
      if (peek()?.type !== 'close') fail('")"');
      index++;
      return inner;
    }
    if (token.type === 'word' || token.type === 'phrase') {
      index++;
      return { kind: 'term', value: token.value.toLowerCase(), phrase: token.type === 'phrase' };
    }
    return fail('a word, phrase or "("');
  };
  if (tokens.length === 0) throw new ValidationError('query: empty query');
  const root = parseOr();
  if (index < tokens.length) fail('an operator or the end');
  return root;
}

/** Matches against lower-cased simplified text and its tokens. */
export type QueryMatcher = (lowerText: string, tokens: ReadonlySet<string>) => boolean;

const HAN = /\p{Script=Han}/u;
/**
 * What continues a Latin word: alphabetic letters and digits, but not Chinese or Japanese characters,
 * because Chinese posts write Latin names against the next word ("FreshBee送得也慢", "买了iPhone").
 */
const WORD_CHAR = '[\\p{Script=Latin}\\p{Script=Greek}\\p{Script=Cyrillic}\\p{N}]';

/**
 * Compiles a query. Chinese terms match as substrings, because jieba may split an unknown brand
 * name into pieces; Latin words match whole words (a trailing `*` matches a prefix) and phrases
 * match on word boundaries, where a Chinese character next to the name is a boundary.
 */
export function compileBrandQuery(node: QueryNode): QueryMatcher {
  switch (node.kind) {
    case 'not': {
      const child = compileBrandQuery(node.child);
      return (text, tokens) => !child(text, tokens);
    }
    case 'and': {
      const children = node.children.map(compileBrandQuery);
      return (text, tokens) => children.every((c) => c(text, tokens));
    }
    case 'or': {
      const children = node.children.map(compileBrandQuery);
      return (text, tokens) => children.some((c) => c(text, tokens));
    }
    case 'term':
      return compileTerm(node.value, node.phrase);
  }
}

function compileTerm(value: string, phrase: boolean): QueryMatcher {
  if (HAN.test(value)) return (text, tokens) => tokens.has(value) || text.includes(value);
  if (!phrase && value.endsWith('*')) {
    const prefix = value.slice(0, -1);
    return (_text, tokens) => [...tokens].some((t) => t.startsWith(prefix));
  }
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const pattern = new RegExp(`(?<!${WORD_CHAR})${escaped}(?!${WORD_CHAR})`, 'u');
  return (text) => pattern.test(text);
}
