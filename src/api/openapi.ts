import { z } from 'zod';
import { AspectsQuery, BrandBody, CompareQuery, IngestQuery, MentionsQuery, PeriodQuery, ThemesQuery, TrendsQuery } from './schemas.js';
import { AlertRulesBody, AlertsQuery } from './routes/alerts.js';
import { ERROR, json, queryParameters, type JsonObject } from './openapi-common.js';
import { profilePaths } from './openapi-profiles.js';

/**
 * The OpenAPI 3.1 document served at `/api/openapi.json`. Query parameters are generated from the
 * same zod schemas the handlers validate with, so the document cannot drift from the code.
 */
export function buildOpenApiDocument(version: string): JsonObject {
  return {
    openapi: '3.1.0',
    info: { title: 'koubei API', version, description: 'Social listening and sentiment for Chinese and English.' },
    paths: {
      '/health': { get: { summary: 'Liveness and source health', responses: { 200: json('ok or degraded') } } },
      '/api/mentions': {
        get: {
          summary: 'Search mentions (newest first, cursor pagination)',
          parameters: queryParameters(MentionsQuery),
          responses: { 200: json('A page of mentions with sentiment explanations'), 400: ERROR, 404: ERROR },
        },
      },
      '/api/trends': {
        get: {
          summary: 'Volume and sentiment per hour or day',
          parameters: queryParameters(TrendsQuery),
          responses: { 200: json('Buckets with volume, pos/neu/neg, net sentiment'), 400: ERROR, 404: ERROR },
        },
      },
      '/api/ingest': {
        post: {
          summary: 'Push posts (JSON array or JSON lines; CSV with header)',
          // A pushed post under a collector's id would count in its trends, health and runs.
          description:
            'The source id names a push source (type push), created with the first stored post. Refused with 409: the id of a ' +
            'collector source (one the config lists, such as demo, or one a collector created) and the id of a stored source ' +
            'of another type (koubei ingest makes file sources); a push never changes a source type. Push under another source id.',
          parameters: queryParameters(IngestQuery),
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/PostInput' } } },
              'application/x-ndjson': { schema: { $ref: '#/components/schemas/PostInput' } },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          responses: { 200: json('Counts of inserted/updated/unchanged/duplicates and rejected lines'), 400: ERROR, 409: ERROR, 413: ERROR },
        },
      },
      '/api/sources': { get: { summary: 'Sources with origin (collector or push), health, last run and next run', responses: { 200: json('Sources') } } },
      '/api/brands': { get: { summary: 'Brands (from config and the API)', responses: { 200: json('Brands') } } },
      '/api/alerts': {
        get: {
          summary: 'Alert history with explanations and per-channel delivery status',
          parameters: queryParameters(AlertsQuery),
          responses: { 200: json('Alerts, newest first, and nextBefore for paging'), 400: ERROR, 404: ERROR },
        },
      },
      '/api/alert-rules': {
        get: { summary: 'Alert rules in force (origin api/config/default) and channel ids', responses: { 200: json('Rule settings') } },
        put: {
          summary: 'Replace the alert rules (validated like the config block)',
          requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(AlertRulesBody, { io: 'input' }) } } },
          responses: { 200: json('Rule settings'), 400: ERROR, 413: ERROR },
        },
        delete: { summary: 'Drop API-set rules; the config rules apply again', responses: { 200: json('Rule settings') } },
      },
      '/api/brands/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: { summary: 'One brand', responses: { 200: json('Brand'), 404: ERROR } },
        put: {
          summary: 'Create or replace a brand (aliases, boolean query, competitors); stored mentions are re-matched in the background',
          requestBody: { required: true, content: { 'application/json': { schema: brandBodySchema() } } },
          responses: { 200: json('Brand'), 400: ERROR, 409: ERROR, 413: ERROR },
        },
        delete: {
          summary: 'Delete a brand and its mention links (409 for a config brand, or one the alert rules in force name)',
          responses: { 204: { description: 'Deleted' }, 404: ERROR, 409: ERROR },
        },
      },
      '/api/share-of-voice': {
        get: {
          summary: 'Share of voice of a brand and its competitors',
          parameters: queryParameters(PeriodQuery.required({ brand: true })),
          responses: { 200: json('Volume, sentiment and share per brand'), 400: ERROR, 404: ERROR },
        },
      },
      '/api/themes': {
        get: {
          summary: 'Distinctive themes of a brand (vs the market) with volume, sentiment and samples',
          parameters: queryParameters(ThemesQuery),
          responses: { 200: json('Themes'), 400: ERROR, 404: ERROR },
        },
      },
      '/api/themes/rising': {
        get: {
          summary: 'Themes whose share grew most against the previous period',
          parameters: queryParameters(ThemesQuery),
          responses: { 200: json('Rising themes'), 400: ERROR, 404: ERROR },
        },
      },
      '/api/aspects': {
        get: {
          summary: 'Aspect sentiment (price, delivery, taste, …) in a period, optionally over time',
          parameters: queryParameters(AspectsQuery),
          responses: { 200: json('Aspect counts'), 400: ERROR, 404: ERROR },
        },
      },
      '/api/compare': {
        get: {
          summary: 'Period comparison (campaign window vs baseline): volume, sentiment, themes, aspects',
          // A period without mentions has no sentiment; a client reading null as 0 would show a made-up change.
          description:
            'A period (or an aspect in a period) without mentions has no net sentiment: current.netSentiment, baseline.netSentiment, ' +
            'change.netSentiment and change.aspects[].current/baseline/change are null then, never 0. change.volumePct is null when the baseline had no mentions.',
          parameters: queryParameters(CompareQuery),
          responses: { 200: json('Comparison; sentiment fields are null for a period without mentions'), 400: ERROR, 404: ERROR },
        },
      },
      '/api/report.csv': {
        get: {
          summary: 'Sentiment report as CSV: period total vs baseline, days, share of voice, themes, aspects',
          parameters: queryParameters(CompareQuery),
          responses: {
            200: { description: 'CSV (UTF-8 with BOM); column "section" is total, day, share_of_voice, theme or aspect; a sentiment cell is empty for a period without mentions', content: { 'text/csv': { schema: { type: 'string' } } } },
            400: ERROR,
            404: ERROR,
          },
        },
      },
      ...profilePaths(),
    },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'koubei API key (kb_<id>.<secret>); enforced when config auth.required is true' } },
      schemas: {
        PostInput: {
          type: 'object',
          required: ['text'],
          properties: {
            id: { type: ['string', 'number'] },
            text: { type: 'string' },
            title: { type: 'string' },
            url: { type: 'string' },
            lang: { type: 'string' },
            author: { oneOf: [{ type: 'string' }, { type: 'object' }] },
            created_at: {
              type: ['string', 'number'],
              description: 'ISO-8601 (a time without an offset is UTC), a written date with a year and zone, epoch seconds or milliseconds, or 20250610',
            },
            createdAt: { type: ['string', 'number'], description: 'same as created_at' },
            likes: { type: ['number', 'string'], description: 'a number, or written as 1,234 / 1.2k / 3.5万; an unreadable count is left out' },
            replies: { type: ['number', 'string'] },
            reposts: { type: ['number', 'string'] },
            rating: { type: ['number', 'string'], description: 'a number, or stars (★★★★)' },
          },
        },
      },
    },
  };
}

/** The brand body of `PUT /api/brands/{id}`: the id comes from the path, so the body need not repeat it. */
function brandBodySchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(BrandBody, { io: 'input' }) as { properties?: Record<string, unknown>; required?: string[] };
  const { id: _id, ...properties } = schema.properties ?? {};
  return { ...schema, properties, required: (schema.required ?? []).filter((key) => key !== 'id') };
}
