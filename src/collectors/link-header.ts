/**
 * RFC 8288 `Link` header parsing, for APIs that page through it (Mastodon, GitHub-style).
 */

/**
 * Maps each `rel` to its URL.
 *
 * @example
 * parseLinkHeader('<https://m.example/api/v1/timelines/tag/a?max_id=7>; rel="next", <https://m.example/api/v1/timelines/tag/a?min_id=9>; rel="prev"');
 * // { next: 'https://m.example/api/v1/timelines/tag/a?max_id=7', prev: 'https://m.example/api/v1/timelines/tag/a?min_id=9' }
 */
export function parseLinkHeader(header: string | null | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2])?.[1];
    // One link may carry several space-separated relation types.
    for (const name of rel?.trim().split(/\s+/) ?? []) links[name.toLowerCase()] = match[1];
  }
  return links;
}
