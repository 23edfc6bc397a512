import { describe, expect, it } from 'vitest';
import type { RouteEntry } from './route-inventory';
import { idFieldsOf, lookalikeOf, replaceValues, TryBuilder, twinOf, type TownKind } from './walk-inputs';

const town = {
  of: (kind: TownKind) => `b-${kind}-0000-0000`,
  lookalike: lookalikeOf,
  own: (kind: TownKind) => `a-${kind}-0000-0000`,
};

function route(url: string, body?: Record<string, unknown>): RouteEntry {
  return {
    method: body ? 'POST' : 'GET',
    url,
    params: [...url.matchAll(/:(\w+)/g)].map((match) => match[1]!),
    operation: body
      ? { requestBody: { content: { 'application/json': { schema: body as never } } } }
      : undefined,
  };
}

describe('the walk’s inputs', () => {
  it('fails loudly on a parameter or an id field the tables do not know', () => {
    expect(() => new TryBuilder(route('/api/v1/widgets/:id'), town).build()).toThrow(
      /"widgets\/:id" is not in pathParameterKinds/,
    );
    const withWidget = route('/api/v1/requests', {
      type: 'object',
      required: ['widgetId'],
      properties: { widgetId: { type: 'string', format: 'uuid' } },
    });
    expect(() => new TryBuilder(withWidget, town).build()).toThrow(
      /"widgetId" is an id missing from bodyFieldKinds/,
    );
  });

  it('aims B’s ids where the try says, and its twin replaces every one of them', () => {
    const qualify = route('/api/v1/backoffice/requests/:id/qualify', {
      type: 'object',
      required: ['categoryId', 'priority'],
      properties: {
        categoryId: { type: 'string', format: 'uuid' },
        priority: { type: 'string', enum: ['low', 'normal'] },
        duplicateOf: { type: 'string', format: 'uuid' },
      },
    });
    expect(idFieldsOf(qualify)).toEqual(['categoryId', 'duplicateOf']);

    const everything = new TryBuilder(qualify, town);
    const request = everything.build();
    expect(everything.namesTownThingInPath).toBe(true);
    expect(request.url).toBe('/api/v1/backoffice/requests/b-request-0000-0000/qualify');
    expect(request.body).toEqual({
      type: 'json',
      value: { categoryId: 'b-category-0000-0000', priority: 'low', duplicateOf: 'b-request-0000-0000' },
    });
    const twin = twinOf(request, everything.used);
    expect(JSON.stringify(twin)).not.toMatch(/b-(request|category)/);

    const oneField = new TryBuilder(qualify, town, { field: 'categoryId' });
    expect(oneField.build()).toMatchObject({
      url: '/api/v1/backoffice/requests/a-request-0000-0000/qualify',
      body: { value: { categoryId: 'b-category-0000-0000', priority: 'low' } },
    });
    expect(oneField.namesTownThingInPath).toBe(false);
  });

  it('replaces a short value only where it stands alone', () => {
    const jobs = new Map([['1', '1999']]);
    expect(replaceValues('/api/v1/admin/jobs/1/retry', jobs)).toBe('/api/v1/admin/jobs/1999/retry');
    expect(replaceValues('"No job 1."', jobs)).toBe('"No job 1999."');
  });
});
