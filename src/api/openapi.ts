import { z } from 'zod';
import { AspectsQuery, BrandBody, CompareQuery, IngestQuery, MentionsQuery, PeriodQuery, ThemesQuery, TrendsQuery } from './schemas.js';

type JsonObject = Record<string, unknown>;

/** Turns a zod object schema of query parameters into OpenAPI parameter objects. */
function queryParameters(schema: z.ZodType): JsonObject[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonObject>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: 'query', required: json.required?.includes(name) ?? false, description, schema: rest };
  });
}

const ERROR = {
  description: 'Error',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' } },
      },
    },
  },
};

const json = (description: string, schema: JsonObject = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});

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
          parameters: queryParameters(IngestQuery),
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/PostInput' } } },
              'application/x-ndjson': { schema: { $ref: '#/components/schemas/PostInput' } },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          responses: { 200: json('Counts of inserted/updated/unchanged/duplicates and rejected lines'), 400: ERROR, 413: ERROR },
        },
      },
      '/api/sources': { get: { summary: 'Sources with health, last run and next run', responses: { 200: json('Sources') } } },
      '/api/brands': { get: { summary: 'Brands (from config and the API)', responses: { 200: json('Brands') } } },
      '/api/brands/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: { summary: 'One brand', responses: { 200: json('Brand'), 404: ERROR } },
        put: {
          summary: 'Create or replace a brand (aliases, boolean query, competitors)',
          requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(BrandBody, { io: 'input' }) } } },
          responses: { 200: json('Brand'), 400: ERROR },
        },
        delete: { summary: 'Delete a brand and its mention links', responses: { 204: { description: 'Deleted' }, 404: ERROR } },
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
          parameters: queryParameters(CompareQuery),
          responses: { 200: json('Comparison'), 400: ERROR, 404: ERROR },
        },
      },
    },
    components: {
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
            created_at: { type: ['string', 'number'] },
            likes: { type: 'number' },
            replies: { type: 'number' },
            reposts: { type: 'number' },
            rating: { type: 'number' },
          },
        },
      },
    },
  };
}
