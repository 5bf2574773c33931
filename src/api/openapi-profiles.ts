import { z } from 'zod';
import { LinkBody } from './routes/authors.js';
import { SegmentsQuery } from './routes/segments.js';
import { ChangesQuery, ExportQuery } from './routes/tags.js';
import { ERROR, json, queryParameters, type JsonObject } from './openapi-common.js';

/** Profiles, segments and the tag change feed (read:tags; links and erasure need write:authors). */
export function profilePaths(): JsonObject {
  const security = [{ apiKey: [] }];
  const authorId = { name: 'id', in: 'path', required: true, description: 'Author id or platform:id', schema: { type: 'string' } };
  return {
    '/api/authors/{id}/profile': {
      get: { summary: 'Customer profile: tags with confidence and evidence, lifecycle per brand, influence', security, parameters: [authorId], responses: { 200: json('Profile'), 401: ERROR, 403: ERROR, 404: ERROR } },
    },
    '/api/authors/{id}/links': {
      post: {
        summary: 'Join this author\'s profile with another author (same person on another platform)',
        security,
        parameters: [authorId],
        requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(LinkBody, { io: 'input' }) } } },
        responses: { 200: json('The joined profile'), 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR, 413: ERROR },
      },
    },
    '/api/authors/{id}': {
      delete: { summary: 'Erase an author: mentions, profile, tags and search rows (rollups stay consistent)', security, parameters: [authorId], responses: { 200: json('Counts erased'), 401: ERROR, 403: ERROR, 404: ERROR } },
    },
    '/api/segments': {
      get: { summary: 'Profiles matching a tag expression, with count and cursor pagination', security, parameters: queryParameters(SegmentsQuery), responses: { 200: json('Members and count'), 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR } },
    },
    '/api/tags': { get: { summary: 'Tag taxonomy: ids, groups, zh/en labels', security, responses: { 200: json('Taxonomy') } } },
    '/api/tags/changes': {
      get: { summary: 'Tags added/updated/removed since a cursor (monotonic sequence)', security, parameters: queryParameters(ChangesQuery), responses: { 200: json('Changes, nextCursor, hasMore'), 400: ERROR, 401: ERROR, 403: ERROR } },
    },
    '/api/tags/export': {
      get: {
        summary: 'Every stored tag as JSON lines or CSV',
        security,
        parameters: queryParameters(ExportQuery),
        responses: { 200: { description: 'Tags', content: { 'application/x-ndjson': { schema: { type: 'string' } }, 'text/csv': { schema: { type: 'string' } } } }, 400: ERROR, 401: ERROR, 403: ERROR },
      },
    },
  };
}
