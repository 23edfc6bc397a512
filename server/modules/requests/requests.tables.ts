import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { isOneOf } from '../../platform/db/checks';
import { type PostalAddress, users } from '../accounts/accounts.tables';
import { categories, departments, tenants } from '../organisation/organisation.tables';
import {
  actorKinds,
  descriptionMaxLength,
  eventVisibilities,
  openStatuses,
  requestChannels,
  requestPriorities,
  requestStatuses,
} from '../../../common/requests';

export {
  eventVisibilities,
  requestChannels,
  requestPriorities,
  type EventVisibility,
  type RequestChannel,
  type RequestPriority,
} from '../../../common/requests';

export { descriptionMaxLength };

/** How to reach someone who has no account (anonymous portal request, letter, phone call). */
export interface RequestContact {
  name?: string;
  email?: string;
  phone?: string;
  postalAddress?: PostalAddress;
}

/** PostgreSQL's tsvector, only ever read back as text (the column is generated). */
const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

/**
 * The French full-text document of a request, accent- and plural-insensitive (configuration
 * `french_unaccent`, migration 0000): reference and subject weigh most, then the description,
 * then the contact and `search_extra`. Column names are unqualified: this is a generated column.
 */
const searchDocument = sql.raw(
  [
    `setweight(to_tsvector('french_unaccent'::regconfig, coalesce(reference, '')), 'A')`,
    `setweight(to_tsvector('french_unaccent'::regconfig, coalesce(subject, '')), 'A')`,
    `setweight(to_tsvector('french_unaccent'::regconfig, coalesce(description, '')), 'B')`,
    `setweight(to_tsvector('french_unaccent'::regconfig, coalesce(contact ->> 'name', '') || ' ' || coalesce(contact ->> 'email', '') || ' ' || coalesce(search_extra, '')), 'C')`,
  ].join(' || '),
);

/** A citizen's request (demande), from receipt to closure. */
export const requests = pgTable(
  'requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** `2026-000123`: year of receipt and the tenant's counter for that year (see reference.ts). */
    reference: text('reference').notNull(),
    /** Eight consonants (see tracking-code.ts), for the public tracking page. */
    trackingCode: text('tracking_code').notNull(),
    channel: text('channel', { enum: requestChannels }).notNull(),
    categoryId: uuid('category_id').references(() => categories.id),
    departmentId: uuid('department_id').references(() => departments.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    priority: text('priority', { enum: requestPriorities }).notNull().default('normal'),
    status: text('status', { enum: requestStatuses }).notNull().default('received'),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    locationAddress: text('location_address'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** The citizen's account; null for people without one, who leave a `contact` instead. */
    citizenId: uuid('citizen_id').references(() => users.id),
    contact: jsonb('contact').$type<RequestContact>(),
    /** Text the search needs from other rows (citizen's name and e-mail, messages), kept by the use cases. */
    searchExtra: text('search_extra').notNull().default(''),
    dueAt: timestamp('due_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    qualifiedAt: timestamp('qualified_at', { withTimezone: true }),
    treatmentStartedAt: timestamp('treatment_started_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Set by the deadline job when it marked the request overdue (once per due date). */
    overdueMarkedAt: timestamp('overdue_marked_at', { withTimezone: true }),
    duplicateOfId: uuid('duplicate_of_id').references((): AnyPgColumn => requests.id),
    rejectionReason: text('rejection_reason'),
    satisfactionRating: smallint('satisfaction_rating'),
    satisfactionComment: text('satisfaction_comment'),
    /** Optimistic concurrency: every update checks and increments it; a stale writer gets 409. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    searchVector: tsvector('search_vector').notNull().generatedAlwaysAs(searchDocument),
  },
  (table) => [
    uniqueIndex('requests_tenant_reference_key').on(table.tenantId, table.reference),
    uniqueIndex('requests_tenant_tracking_code_key').on(table.tenantId, table.trackingCode),
    index('requests_queue_idx').on(table.tenantId, table.departmentId, table.status, table.dueAt),
    // A department's open requests in the queue's order (due date, then reference): a page is read
    // off the index without sorting the whole backlog, and the count of the open requests (the
    // assignee is in the index for the scope's "or assigned to me") needs no other column.
    index('requests_open_queue_idx')
      .on(table.tenantId, table.departmentId, table.dueAt, table.reference, table.assigneeId)
      .where(isOneOf('status', openStatuses)),
    index('requests_tenant_citizen_idx').on(table.tenantId, table.citizenId),
    index('requests_tenant_status_received_idx').on(table.tenantId, table.status, table.receivedAt),
    // The most recent matches of a search (queue.repository.ts) walk this one backwards.
    index('requests_tenant_received_idx').on(table.tenantId, table.receivedAt),
    index('requests_tenant_assignee_status_idx').on(table.tenantId, table.assigneeId, table.status),
    index('requests_search_vector_idx').using('gin', table.searchVector),
    index('requests_tenant_status_answered_idx').on(table.tenantId, table.status, table.answeredAt),
    index('requests_tenant_contact_email_idx').on(table.tenantId, sql`lower(${table.contact} ->> 'email')`),
    check('requests_channel_check', isOneOf('channel', requestChannels)),
    check('requests_priority_check', isOneOf('priority', requestPriorities)),
    check('requests_status_check', isOneOf('status', requestStatuses)),
    check(
      'requests_description_length_check',
      sql.raw(`char_length(description) <= ${descriptionMaxLength}`),
    ),
    check('requests_latitude_check', sql`latitude IS NULL OR latitude BETWEEN -90 AND 90`),
    check('requests_longitude_check', sql`longitude IS NULL OR longitude BETWEEN -180 AND 180`),
    check('requests_coordinates_pair_check', sql`(latitude IS NULL) = (longitude IS NULL)`),
    check(
      'requests_satisfaction_rating_check',
      sql`satisfaction_rating IS NULL OR satisfaction_rating BETWEEN 1 AND 5`,
    ),
    check('requests_not_own_duplicate_check', sql`duplicate_of_id IS NULL OR duplicate_of_id <> id`),
    check('requests_version_check', sql`version >= 1`),
  ],
);

/**
 * The append-only timeline of a request: created, qualified, assigned, status changed, public
 * message, internal note, attachment added, deadline missed, citizen replied… written in the
 * transaction of the change. `sequence` orders events written within one transaction (same
 * `created_at`) and serves as the SSE event id.
 */
export const requestEvents = pgTable(
  'request_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sequence: bigint('sequence', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    type: text('type').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    actorKind: text('actor_kind', { enum: actorKinds }).notNull(),
    visibility: text('visibility', { enum: eventVisibilities }).notNull(),
    body: text('body'),
    /** Before/after values and other facts of the event. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('request_events_request_created_idx').on(table.requestId, table.createdAt, table.sequence),
    check('request_events_actor_kind_check', isOneOf('actor_kind', actorKinds)),
    check('request_events_visibility_check', isOneOf('visibility', eventVisibilities)),
  ],
);

/** The last reference number given per tenant and year; gaps are allowed, duplicates are not. */
export const requestReferenceCounters = pgTable(
  'request_reference_counters',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    year: integer('year').notNull(),
    lastValue: bigint('last_value', { mode: 'number' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.year] }),
    check('request_reference_counters_year_check', sql`year BETWEEN 1000 AND 9999`),
    check('request_reference_counters_last_value_check', sql`last_value >= 1`),
  ],
);

/**
 * A file attached to a request by the citizen or an agent. The bytes live in the storage platform
 * (`storageKey`); the media type is the one sniffed from the content, never the one claimed.
 * Internal attachments are for agents only.
 */
export const requestAttachments = pgTable(
  'request_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    visibility: text('visibility', { enum: eventVisibilities }).notNull().default('public'),
    uploadedById: uuid('uploaded_by_id').references(() => users.id),
    uploadedByKind: text('uploaded_by_kind', { enum: actorKinds }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('request_attachments_request_idx').on(table.requestId, table.createdAt),
    check('request_attachments_size_check', sql`size_bytes >= 0`),
    check('request_attachments_visibility_check', isOneOf('visibility', eventVisibilities)),
    check('request_attachments_uploaded_by_kind_check', isOneOf('uploaded_by_kind', actorKinds)),
  ],
);
