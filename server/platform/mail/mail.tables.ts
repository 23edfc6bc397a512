import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Messages already handed to the relay, by key: a retried job does not send twice. */
export const sentEmails = pgTable('sent_emails', {
  messageKey: text('message_key').primaryKey(),
  tenantId: uuid('tenant_id'),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  transportMessageId: text('transport_message_id'),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
});
