import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { inboundOutcomes } from '../../../common/messaging';
import { requestChannels } from '../../../common/requests';
import { isOneOf } from '../../platform/db/checks';
import { users } from '../accounts/accounts.tables';
import { categories, departments, tenants } from '../organisation/organisation.tables';
import type { RequestContact } from '../requests/requests.tables';

/**
 * Every inbound e-mail or SMS the town accepted, and what became of it: a new request, a reply on
 * a request, a bounce or an auto-reply recognised, an opt-out, or rejected with a reason an
 * administrator can read. Nothing accepted is lost: the raw message is kept in the file store.
 */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    /** smtp, imap, smpp or http (the SMS gateway's webhook). */
    source: text('source').notNull(),
    sender: text('sender'),
    recipient: text('recipient'),
    subject: text('subject'),
    /** The e-mail's Message-ID or the SMSC's message id: a message polled twice is kept once. */
    externalId: text('external_id'),
    sizeBytes: integer('size_bytes').notNull().default(0),
    rawStorageKey: text('raw_storage_key'),
    outcome: text('outcome', { enum: inboundOutcomes }).notNull().default('pending'),
    outcomeReason: text('outcome_reason'),
    /** What it became or joined (see messaging/subjects.ts): `request` and its id. */
    subjectType: text('subject_type'),
    subjectId: uuid('subject_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('inbound_messages_tenant_external_key').on(table.tenantId, table.channel, table.externalId),
    index('inbound_messages_tenant_received_idx').on(table.tenantId, table.receivedAt),
    index('inbound_messages_sender_idx').on(table.tenantId, table.sender, table.receivedAt),
    check('inbound_messages_subject_check', sql`(subject_type IS NULL) = (subject_id IS NULL)`),
    check('inbound_messages_outcome_check', isOneOf('outcome', inboundOutcomes)),
    check('inbound_messages_channel_check', sql`channel IN ('email', 'sms')`),
  ],
);

/**
 * A purely informational contact recorded at a desk (a call or a visit that needs no follow-up),
 * kept for the statistics: channel, topic, who came and which agent took it.
 */
export const contactRecords = pgTable(
  'contact_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    channel: text('channel', { enum: requestChannels }).notNull(),
    categoryId: uuid('category_id').references(() => categories.id),
    departmentId: uuid('department_id').references(() => departments.id),
    citizenId: uuid('citizen_id').references(() => users.id),
    contact: jsonb('contact').$type<RequestContact>(),
    subject: text('subject').notNull(),
    note: text('note'),
    /** Unit cost of the contact by channel from the tenant settings at the time, in cents. */
    unitCostCents: integer('unit_cost_cents'),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('contact_records_tenant_occurred_idx').on(table.tenantId, table.occurredAt),
    check('contact_records_channel_check', isOneOf('channel', requestChannels)),
  ],
);
