/** Building blocks the OpenAPI document's parts share: the error response, JSON responses, query parameters. */
import { z } from 'zod';

export type JsonObject = Record<string, unknown>;

/** Turns a zod object schema of query parameters into OpenAPI parameter objects. */
export function queryParameters(schema: z.ZodType): JsonObject[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonObject>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: 'query', required: json.required?.includes(name) ?? false, description, schema: rest };
  });
}

/** The `{code, message, requestId}` body every error response has. */
export const ERROR = {
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

/** A JSON response with a description and, optionally, its schema. */
export const json = (description: string, schema: JsonObject = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});
