/** Look-up help for the adjacent-token sarcasm cues of `SentimentLexicon.sarcasm`. */

/** Memo of `sarcasmHeads`, per cue table (the tables are loaded once and never change). */
const headsByCues = new WeakMap<ReadonlyMap<string, number>, ReadonlySet<string>>();

/**
 * Every text before a space in a cue key: a token that is none of these cannot start a cue, so
 * the "w1 w2" key (a new string to hash for every token) is built only for the few that can.
 */
export function sarcasmHeads(cues: ReadonlyMap<string, number>): ReadonlySet<string> {
  let heads = headsByCues.get(cues);
  if (heads === undefined) {
    const found = new Set<string>();
    for (const key of cues.keys()) for (let at = key.indexOf(' '); at >= 0; at = key.indexOf(' ', at + 1)) found.add(key.slice(0, at));
    heads = found;
    headsByCues.set(cues, heads);
  }
  return heads;
}
