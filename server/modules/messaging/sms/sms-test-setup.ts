import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { TestContext } from '../../../../test/build-test-app';
import { requestEvents, requests } from '../../requests/requests.tables';
import { dispatchDueMessages } from '../dispatch-message';
import { inboundMessages } from '../../intake/intake.tables';
import { outboundMessages } from '../messaging.tables';

/** An SMS row as the pipeline queues it (due now), then handed to the dispatcher like the job does. */
export async function queueSms(t: TestContext, input: { to: string; text: string; requestId?: string }) {
  const [row] = await t.app.ctx.db
    .insert(outboundMessages)
    .values({
      tenantId: t.tenant.id,
      messageKey: `test-sms:${randomUUID()}`,
      channel: 'sms',
      toAddress: input.to,
      bodyText: input.text,
      dueAt: new Date(),
      ...(input.requestId ? { subjectType: 'request', subjectId: input.requestId } : {}),
    })
    .returning();
  return row!;
}

/**
 * Runs the town's dispatcher like its wake-up job does, on this message only when it is due (the
 * town's other messages, like the acknowledgements of SMS requests, stay queued), then reads it.
 */
export async function dispatchSms(t: TestContext, messageId: string) {
  await dispatchDueMessages(t.app.ctx, t.tenant.id, { messageIds: [messageId] });
  return findOutbound(t, messageId);
}

/** The backoff of a message put back to queued has passed (as if the clock had moved on). */
export async function skipBackoff(t: TestContext, messageId: string) {
  await t.app.ctx.db
    .update(outboundMessages)
    .set({ dueAt: new Date() })
    .where(and(eq(outboundMessages.tenantId, t.tenant.id), eq(outboundMessages.id, messageId)));
}

export async function findOutbound(t: TestContext, id: string) {
  const [row] = await t.app.ctx.db.select().from(outboundMessages).where(eq(outboundMessages.id, id));
  return row!;
}

export async function findInbound(t: TestContext, id: string) {
  const [row] = await t.app.ctx.db.select().from(inboundMessages).where(eq(inboundMessages.id, id));
  return row!;
}

export async function inboundOfTenant(t: TestContext) {
  return t.app.ctx.db.select().from(inboundMessages).where(eq(inboundMessages.tenantId, t.tenant.id));
}

export async function requestsOfTenant(t: TestContext) {
  return t.app.ctx.db.select().from(requests).where(eq(requests.tenantId, t.tenant.id));
}

export async function eventsOf(t: TestContext, requestId: string, type?: string) {
  const rows = await t.app.ctx.db
    .select()
    .from(requestEvents)
    .where(and(eq(requestEvents.tenantId, t.tenant.id), eq(requestEvents.requestId, requestId)))
    .orderBy(requestEvents.sequence);
  return type ? rows.filter((row) => row.type === type) : rows;
}

/**
 * A metropolitan mobile number nobody else in the shared test database uses: +33 61…, so that
 * its national form (06 1…) is not in an overseas range (06 39, 06 9x), which maps elsewhere.
 */
export function uniqueMobile(): string {
  return `+3361${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
}
