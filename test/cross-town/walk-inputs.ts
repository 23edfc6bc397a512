import { randomBytes, randomUUID } from 'node:crypto';
import type { JsonSchema, OpenApiOperation, RouteEntry } from './route-inventory';

/**
 * What the cross-town walk sends: for every parameter of every route, a value of the right kind
 * that exists in town B, and a plausible body for writes. The tables below say which kind of id
 * each parameter takes; a route with a parameter they do not know fails the walk loudly, so a
 * new route is walked the day it is added.
 */

/** The things of town B the walk aims at. */
export type TownKind =
  | 'request'
  | 'scanRequest'
  | 'attachment'
  | 'scanAttachment'
  | 'department'
  | 'category'
  | 'calendarClosure'
  | 'agent'
  | 'citizen'
  | 'identityProvider'
  | 'identityProviderSlug'
  | 'job'
  | 'message'
  | 'letter'
  | 'notification'
  | 'printBatch'
  | 'inboundMessage'
  | 'trackingCode'
  | 'accountEmail'
  | 'confirmEmailToken'
  | 'resetPasswordToken'
  | 'invitationToken'
  | 'smsProviderId'
  | 'citizenPhone'
  | 'searchWord';

/** A parameter that names something every town has (a template key, a file of the API docs). */
interface SharedValue {
  shared: string;
}

type ParameterKind = TownKind | SharedValue;

/** Path parameters, keyed by the segment before them: `requests/:id` is a request's id. */
export const pathParameterKinds: Record<string, ParameterKind | ((url: string) => ParameterKind)> = {
  'departments/:id': 'department',
  'categories/:id': 'category',
  'closures/:id': 'calendarClosure',
  'agents/:id': 'agent',
  'identity-providers/:id': 'identityProvider',
  'oidc/:slug': 'identityProviderSlug',
  'jobs/:id': 'job',
  // The scan view takes a scanned letter's request with one of its scans.
  'requests/:id': (url) => (url.includes('/scans/') ? 'scanRequest' : 'request'),
  'attachments/:attachmentId': 'attachment',
  'scans/:attachmentId': 'scanAttachment',
  'inbound-messages/:id': 'inboundMessage',
  'messages/:id': 'message',
  'notifications/:id': 'notification',
  'print-batches/:id': 'printBatch',
  'letters/:messageId': 'letter',
  'track/:trackingCode': 'trackingCode',
  // Template keys are the same in every town; town B has changed this one.
  'message-templates/:key': { shared: 'acknowledgement' },
  'docs/*': { shared: 'static/swagger-ui.css' },
  // The web app's client-side routes.
  '/*': { shared: 'agent/demandes' },
};

/** Query parameters that name something of a town, by name. */
export const queryParameterKinds: Record<string, TownKind> = {
  departmentId: 'department',
  categoryId: 'category',
  requestId: 'request',
  aboutId: 'request',
  assignee: 'agent',
  before: 'notification',
  q: 'searchWord',
  token: 'invitationToken',
};

/** Body fields holding an id (format uuid), by name: they all point at town B. */
export const bodyFieldKinds: Record<string, TownKind> = {
  categoryId: 'category',
  departmentId: 'department',
  parentId: 'department',
  departmentIds: 'department',
  agentId: 'agent',
  citizenId: 'citizen',
  duplicateOf: 'request',
  ids: 'request',
};

/**
 * Bodies written by hand where a field's meaning depends on the route (an e-mail to log in with,
 * a token, an SMS gateway's message id), each aimed at town B.
 */
export const routeBodies: Record<string, (b: (kind: TownKind) => string) => Record<string, unknown>> = {
  'POST /api/v1/auth/login': (b) => ({ email: b('accountEmail'), password: 'correct horse battery staple' }),
  'POST /api/v1/auth/password/forgot': (b) => ({ email: b('accountEmail') }),
  'POST /api/v1/auth/resend-confirmation': (b) => ({ email: b('accountEmail') }),
  'POST /api/v1/auth/confirm-email': (b) => ({ token: b('confirmEmailToken') }),
  'POST /api/v1/auth/password/reset': (b) => ({
    token: b('resetPasswordToken'),
    password: 'un tout nouveau mot de passe',
  }),
  'POST /api/v1/auth/invitation/accept': (b) => ({
    token: b('invitationToken'),
    password: 'un tout nouveau mot de passe',
  }),
  'POST /api/v1/sms/status': (b) => ({ id: b('smsProviderId'), status: 'DELIVRD' }),
  'POST /api/v1/sms/inbound': (b) => ({
    from: b('citizenPhone'),
    text: `Suite de ma demande ${b('trackingCode')}`,
  }),
};

/** Values for plain fields, by name, where the schema alone does not tell a plausible one. */
const fieldSamples: Record<string, (n: number) => unknown> = {
  code: (n) => `essai-${n}`,
  slug: (n) => `essai-${n}`,
  phone: () => '+33 6 39 98 00 01',
  contactPhone: () => '01 99 00 00 01',
  postcode: () => '75011',
  contactPostcode: () => '75011',
  inseeCode: () => '99999',
  day: () => '2031-05-14',
  receivedAt: () => '2026-11-02',
  // A closed local port: the channels' connection tests fail at once, without a DNS lookup.
  host: () => '127.0.0.1',
  port: () => 9,
  url: () => 'http://127.0.0.1:9/envoi',
  senderId: () => 'MAIRIE',
  from: () => 'mairie@essai.test',
  issuerUrl: () => 'https://idp.essai.test',
  scopes: () => 'openid email profile',
  password: () => 'un mot de passe assez long',
  currentPassword: () => 'un mot de passe assez long',
  newPassword: () => 'un nouveau mot de passe assez long',
  rating: () => 4,
};

export interface WalkRequest {
  method: string;
  url: string;
  query: Record<string, string>;
  body:
    | { type: 'none' }
    | { type: 'json'; value: unknown }
    | { type: 'multipart'; fields: [string, string][]; files: string[] };
}

/**
 * Each kind's value in town B, a made-up value of the same shape that exists nowhere, and town
 * A's own value (for the fields a try does not aim at B).
 */
export interface TownValues {
  of(kind: TownKind): string;
  lookalike(kind: TownKind): string;
  own(kind: TownKind): string;
}

/**
 * What one try aims at town B. `everything`: the path, the query and every id of the body name B's
 * things. A field name: the path names A's own thing and only that field of the body or query
 * names B's (the other id fields name A's things, or are left out when optional). `nothing`: A's
 * own things only, the plain list or action of A.
 */
export type TryAim = 'everything' | 'nothing' | { field: string };

/**
 * Optional fields every try fills, without which a use case would stop before reading the ids
 * (an anonymous request needs a contact with an e-mail or a phone).
 */
const alwaysFilled = new Set(['contact', 'email']);

export function lookalikeOf(kind: TownKind): string {
  switch (kind) {
    case 'job':
      return String(1_500_000_000 + Math.floor(Math.random() * 500_000_000));
    case 'trackingCode':
      return randomBytes(6).toString('hex').toUpperCase();
    case 'identityProviderSlug':
      return `idp-${randomBytes(5).toString('hex')}`;
    case 'accountEmail':
      return `personne-${randomBytes(5).toString('hex')}@nulle-part.test`;
    case 'confirmEmailToken':
    case 'resetPasswordToken':
    case 'invitationToken':
      return randomBytes(32).toString('base64url');
    case 'smsProviderId':
      return `gw-${randomBytes(6).toString('hex')}`;
    case 'citizenPhone':
      return `+33 6 39 98 ${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`.replace(
        /(\d{2})(\d{2})$/,
        '$1 $2',
      );
    case 'searchWord':
      return `mot${randomBytes(4).toString('hex')}`;
    default:
      return randomUUID();
  }
}

/**
 * Builds one try of one route: town B's value for each parameter, a plausible body. `used`
 * keeps each B value sent and the look-alike that replaces it in the twin try.
 */
export class TryBuilder {
  readonly used = new Map<string, string>();
  /** Whether a path parameter names one of B's things (not a key every town shares). */
  namesTownThingInPath = false;
  private counter = 0;

  constructor(
    private readonly route: RouteEntry,
    private readonly town: TownValues,
    private readonly aim: TryAim = 'everything',
  ) {}

  private b = (kind: TownKind): string => {
    const value = this.town.of(kind);
    if (!this.used.has(value)) this.used.set(value, this.town.lookalike(kind));
    return value;
  };

  /** The value of an id field: B's when the try aims it at B, else A's own. */
  private idOf(field: string, kind: TownKind): string {
    const aim = this.aim;
    if (aim === 'everything' || (typeof aim === 'object' && aim.field === field)) return this.b(kind);
    return this.town.own(kind);
  }

  /** Whether an optional id field goes into the try. */
  private includesIdField(field: string): boolean {
    return this.aim === 'everything' || (typeof this.aim === 'object' && this.aim.field === field);
  }

  private fail(what: string): never {
    throw new Error(
      `cross-town walk: ${this.route.method} ${this.route.url}: ${what} (test/cross-town/walk-inputs.ts)`,
    );
  }

  build(): WalkRequest {
    const { route } = this;
    let url = route.url;
    const segments = route.url.split('/');
    for (const [index, segment] of segments.entries()) {
      if (!segment.startsWith(':') && segment !== '*') continue;
      const key = `${segments[index - 1] ?? ''}/${segment}`;
      const entry = pathParameterKinds[key];
      if (!entry) this.fail(`the path parameter "${key}" is not in pathParameterKinds`);
      const kind = typeof entry === 'function' ? entry(route.url) : entry;
      const aimsAtB = this.aim === 'everything';
      if (typeof kind === 'string' && aimsAtB) this.namesTownThingInPath = true;
      const value = typeof kind !== 'string' ? kind.shared : aimsAtB ? this.b(kind) : this.town.own(kind);
      url = url.replace(segment, encodeURIComponent(value).replaceAll('%2F', '/'));
    }
    return { method: route.method, url, query: this.query(route.operation), body: this.body() };
  }

  private query(operation: OpenApiOperation | undefined): Record<string, string> {
    const query: Record<string, string> = {};
    for (const parameter of operation?.parameters ?? []) {
      if (parameter.in !== 'query') continue;
      const kind = queryParameterKinds[parameter.name];
      if (kind) {
        if (this.includesIdField(parameter.name)) query[parameter.name] = this.idOf(parameter.name, kind);
        else if (parameter.required) query[parameter.name] = this.town.own(kind);
      } else if (parameter.schema.format === 'uuid' || parameter.schema.pattern?.includes('[0-9a-fA-F]{8}')) {
        this.fail(`the query parameter "${parameter.name}" takes an id missing from queryParameterKinds`);
      } else if (parameter.required && parameter.schema.default === undefined) {
        query[parameter.name] = String(this.sample(parameter.name, parameter.schema));
      }
    }
    return query;
  }

  private body(): WalkRequest['body'] {
    const { route } = this;
    const handWritten = routeBodies[`${route.method} ${route.url}`];
    if (handWritten) {
      return { type: 'json', value: handWritten(this.aim === 'everything' ? this.b : this.town.own) };
    }
    const content = route.operation?.requestBody?.content;
    if (!content) return { type: 'none' };
    const [mediaType, { schema }] = Object.entries(content)[0]!;
    if (mediaType === 'multipart/form-data') {
      const fields: [string, string][] = [];
      const files: string[] = [];
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        const item = property.type === 'array' ? (property.items ?? {}) : property;
        if (item.format === 'binary') files.push(name);
        else if ((bodyFieldKinds[name] && this.includesIdField(name)) || schema.required?.includes(name)) {
          fields.push([name, String(this.value(name, item))]);
        }
      }
      return { type: 'multipart', fields, files };
    }
    return { type: 'json', value: this.value('body', schema) };
  }

  /** A value for a field: B's id for an id, else a plausible one the schema accepts. */
  private value(name: string, schema: JsonSchema): unknown {
    if (schema.anyOf) {
      const option = schema.anyOf.find((candidate) => candidate.type !== 'null') ?? schema.anyOf[0]!;
      return this.value(name, option);
    }
    const kind = bodyFieldKinds[name];
    if (schema.type === 'array') {
      const count = Math.max(schema.minItems ?? 0, kind ? 1 : 0);
      return Array.from({ length: count }, () => this.value(name, schema.items ?? {}));
    }
    if (kind) return this.idOf(name, kind);
    if (schema.format === 'uuid') this.fail(`the body field "${name}" is an id missing from bodyFieldKinds`);
    if (schema.type === 'object' || schema.properties) {
      const properties = Object.entries(schema.properties ?? {});
      const chosen = properties.filter(
        ([field]) =>
          schema.required?.includes(field) ||
          alwaysFilled.has(field) ||
          (bodyFieldKinds[field] !== undefined && this.includesIdField(field)),
      );
      // A change of something (PATCH) needs at least one field.
      if (chosen.length < (schema.minProperties ?? 0)) {
        const extra = properties.find(([field]) => field === 'name') ?? properties[0];
        if (extra && !chosen.includes(extra)) chosen.push(extra);
      }
      return Object.fromEntries(chosen.map(([field, property]) => [field, this.value(field, property)]));
    }
    return this.sample(name, schema);
  }

  private sample(name: string, schema: JsonSchema): unknown {
    this.counter += 1;
    const n = this.counter;
    if (schema.enum) return schema.enum[0];
    if (fieldSamples[name]) return fieldSamples[name](n);
    switch (schema.type) {
      case 'integer':
      case 'number':
        return schema.minimum ?? 1;
      case 'boolean':
        return false;
      default:
        break;
    }
    if (schema.format === 'email') return `essai-${randomBytes(4).toString('hex')}@essai.test`;
    if (schema.format === 'date') return '2031-05-14';
    if (schema.format === 'date-time') return '2031-05-14T08:00:00.000Z';
    let text = `Texte d’essai ${n}`;
    if (schema.minLength && text.length < schema.minLength) text = text.padEnd(schema.minLength, '.');
    if (schema.maxLength && text.length > schema.maxLength) text = text.slice(0, schema.maxLength);
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(text)) {
      this.fail(
        `no plausible value for the field "${name}" (pattern ${schema.pattern}): add it to fieldSamples`,
      );
    }
    return text;
  }
}

/** The id fields of a route's query and body that a try can aim at town B, one at a time. */
export function idFieldsOf(route: RouteEntry): string[] {
  if (routeBodies[`${route.method} ${route.url}`]) return [];
  const fields = new Set<string>();
  for (const parameter of route.operation?.parameters ?? []) {
    if (parameter.in === 'query' && queryParameterKinds[parameter.name]) fields.add(parameter.name);
  }
  const visit = (schema: JsonSchema | undefined) => {
    if (!schema) return;
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      if (bodyFieldKinds[name]) fields.add(name);
      visit(property);
    }
    for (const option of schema.anyOf ?? []) visit(option);
    visit(schema.items);
  };
  for (const { schema } of Object.values(route.operation?.requestBody?.content ?? {})) visit(schema);
  return [...fields];
}

/**
 * `text` with each key of `replacements` replaced by its value; a short value (a job's number)
 * only where it stands alone, not inside `/api/v1` or another number.
 */
export function replaceValues(text: string, replacements: Map<string, string>): string {
  let result = text;
  for (const [value, replacement] of replacements) {
    if (value.length >= 8) result = result.replaceAll(value, replacement);
    else {
      const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      result = result.replace(new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, 'g'), replacement);
    }
  }
  return result;
}

/** The same request with every B value replaced by its look-alike. */
export function twinOf(request: WalkRequest, used: Map<string, string>): WalkRequest {
  const replace = (text: string) => replaceValues(text, used);
  const replaceDeep = (value: unknown): unknown => {
    if (typeof value === 'string') return replace(value);
    if (Array.isArray(value)) return value.map(replaceDeep);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceDeep(item)]));
    }
    return value;
  };
  const body: WalkRequest['body'] =
    request.body.type === 'json'
      ? { type: 'json', value: replaceDeep(request.body.value) }
      : request.body.type === 'multipart'
        ? {
            type: 'multipart',
            fields: request.body.fields.map(([name, value]) => [name, replace(value)] as [string, string]),
            files: request.body.files,
          }
        : request.body;
  return {
    method: request.method,
    url: replace(request.url),
    query: Object.fromEntries(Object.entries(request.query).map(([key, value]) => [key, replace(value)])),
    body,
  };
}
