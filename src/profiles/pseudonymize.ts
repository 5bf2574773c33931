import { createHmac } from 'node:crypto';
import type { RawPost } from '../domain.js';

/**
 * HMAC-SHA-256 author key: stable per (platform, author id), so profiles still build up over
 * time, but the stored value cannot be turned back into a handle without the secret.
 */
export function pseudonymKey(secret: string, platform: string, authorId: string): string {
  return `h_${createHmac('sha256', secret).update(`${platform}:${authorId}`).digest('base64url').slice(0, 24)}`;
}

/**
 * Replaces a post's author id with its HMAC key and drops handle and name before anything is
 * stored. Follower counts stay (the influence tier needs them; they identify no one on their own).
 *
 * @example const pseudonymize = createPseudonymizer(secret); ingest(posts.map((p) => pseudonymize(p, 'weibo')));
 */
export function createPseudonymizer(secret: string): (post: RawPost, platform: string) => RawPost {
  return (post, platform) =>
    post.author ? { ...post, author: { id: pseudonymKey(secret, platform, post.author.id), followers: post.author.followers } } : post;
}
