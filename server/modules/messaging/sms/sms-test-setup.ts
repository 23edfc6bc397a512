import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { TestContext } from '../../../../test/build-test-app';
import { requestEvents, requests } from '../../requests/requests.tables';
import { dispatchMessage } from '../dispatch-message';
import { inboundMessages } from '../../intake/intake.tables';
import { outboundMessages } from '../messaging.tables';

/** An SMS row as the pipeline queues it, then handed to the dispatcher like the job does. */
export async function queueSms(t: TestContext, input: { to: string; text: string; requestId?: string }) {
  const [row] = await t.app.ctx.db
    .insert(outboundMessages)
    .values({
      tenantId: t.tenant.id,
      messageKey: `test-sms:${randomUUID()}`,
      channel: 'sms',
      toAddress: input.to,
      bodyText: input.text,
      ...(input.requestId ? { subjectType: 'request', subjectId: input.requestId } : {}),
    })
    .returning();
  return row!;
}

export async function dispatchSms(t: TestContext, messageId: string) {
  await dispatchMessage(
    t.app.ctx,
    {
      messageId,
      variables: {},
      recipient: {
        userId: null,
        name: '',
        email: null,
        phone: null,
        letterAddress: null,
        preferredChannel: 'sms',
      },
      tried: [],
    },
    { tenantId: t.tenant.id, isLastAttempt: false },
  );
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
