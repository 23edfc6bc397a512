import type { FastifyInstance } from 'fastify';

/** One route as Fastify serves it, with its OpenAPI operation when the document shows it. */
export interface RouteEntry {
  method: string;
  /** Fastify's pattern: `/api/v1/requests/:id`, `/api/docs/*`. */
  url: string;
  /** Path parameters in order (`*` for a wildcard). */
  params: string[];
  operation: OpenApiOperation | undefined;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
  security?: Record<string, string[]>[];
}

export type JsonSchema = {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  minProperties?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  default?: unknown;
};

/**
 * Every route the app serves, read from Fastify's own router (`printRoutes`), not from the
 * OpenAPI document: hidden routes are walked too. Each line of the tree is a path segment with
 * the methods served there; a child's segment continues its parent's. HEAD routes Fastify adds
 * for each GET run the GET handler and are left out.
 */
export function listRoutes(app: FastifyInstance): RouteEntry[] {
  const tree = app.printRoutes({ commonPrefix: false });
  const document = app.swagger() as { paths: Record<string, Record<string, OpenApiOperation>> };
  const prefixes: string[] = [];
  const routes: RouteEntry[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!match) {
      if (line.trim() !== '') throw new Error(`route inventory: cannot read the route tree line "${line}"`);
      continue;
    }
    const depth = match[1]!.length / 4;
    const url = (prefixes[depth - 1] ?? '') + match[2]!;
    prefixes[depth] = url;
    prefixes.length = depth + 1;
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      if (method === 'HEAD') continue;
      const params = [...url.matchAll(/:(\w+)|(\*)/g)].map((param) => param[1] ?? '*');
      const openApiPath = url.replace(/:(\w+)/g, '{$1}');
      routes.push({ method, url, params, operation: document.paths[openApiPath]?.[method.toLowerCase()] });
    }
  }

  // The reading above must find every documented operation, or it is wrong.
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const method of Object.keys(operations)) {
      const found = routes.some(
        (route) => route.method === method.toUpperCase() && route.url.replace(/:(\w+)/g, '{$1}') === path,
      );
      if (!found)
        throw new Error(`route inventory: ${method.toUpperCase()} ${path} is documented but not found`);
    }
  }
  return routes.sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
}
