/** The served OpenAPI document, as far as the tests that read it as a whole need it. */

export type SchemaObject = Record<string, unknown> & { $ref?: string; allOf?: SchemaObject[]; items?: SchemaObject; example?: unknown; type?: string };
export type MediaType = { schema?: SchemaObject; example?: unknown; examples?: Record<string, { value?: unknown }> };
export type Operation = {
  operationId: string;
  parameters?: { in: string; name: string; required?: boolean; schema?: SchemaObject }[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, { description?: string; content?: Record<string, MediaType> }>;
};
export type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, SchemaObject> } };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Every operation of the document, named `METHOD /path (operationId)` for failure messages. */
export function eachOperation(doc: Document): { path: string; method: string; operation: Operation; where: string }[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ path, method, operation, where: `${method.toUpperCase()} ${path} (${operation.operationId})` })),
  );
}

/** The named component a schema is, or wraps (`allOf: [ref]` with a description of its own). */
export function componentName(schema: SchemaObject | undefined): string | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
  if (schema.allOf?.length === 1) return componentName(schema.allOf[0]);
  return undefined;
}

/**
 * The example Swagger UI shows for a body or an answer: the media type's own, else its schema's
 * (through a reference), else, for a list, a list of its items' example.
 */
export function exampleOf(doc: Document, media: MediaType): unknown {
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  if (first?.value !== undefined) return first.value;
  const ofSchema = (schema: SchemaObject | undefined): unknown => {
    if (!schema) return undefined;
    if (schema.example !== undefined) return schema.example;
    const name = componentName(schema);
    if (name) return ofSchema(doc.components.schemas[name]);
    if (schema.type === 'array') {
      const item = ofSchema(schema.items);
      return item === undefined ? undefined : [item];
    }
    return undefined;
  };
  return ofSchema(media.schema);
}
