import { eq } from 'drizzle-orm';
import type { TestContext } from '../../../test/build-test-app';
import { uniqueSuffix } from '../../../test/factories';
import type { DbOrTx } from '../../platform/db/client';
import type { PostalAddress } from '../accounts/accounts.tables';
import { insertUser } from '../accounts/users.repository';
import { createRequestValues } from '../requests/request-test-data';
import { insertRequestWithUniqueTrackingCode } from '../requests/requests.repository';
import { requestEvents } from '../requests/requests.tables';
import type { ChannelAdapter } from './channel-adapter';
import { type OutboundChannel, outboundMessages } from './messaging.tables';

export const letterAddress: PostalAddress = { line1: '1 rue des Lilas', postcode: '75001', city: 'Paris' };

export async function buildMessagingCitizen(
  db: DbOrTx,
  tenantId: string,
  options: {
    phone?: string | null;
    preferredChannel?: OutboundChannel;
    postalAddress?: PostalAddress | null;
  } = {},
) {
  return insertUser(db, {
    tenantId,
    kind: 'citizen',
    email: `citoyen-${uniqueSuffix()}@example.test`,
    emailVerifiedAt: new Date(),
    firstName: 'Camille',
    lastName: 'Martin',
    phone: options.phone ?? null,
    postalAddress: options.postalAddress ?? null,
    preferredChannel: options.preferredChannel ?? 'email',
  });
}

let referenceCounter = 0;

export async function buildMessagingRequest(db: DbOrTx, tenantId: string, citizenId?: string) {
  referenceCounter += 1;
  const values = createRequestValues(tenantId);
  return insertRequestWithUniqueTrackingCode(
    db,
    values({ citizenId: citizenId ?? null, reference: `2026-8${String(referenceCounter).padStart(5, '0')}` }),
  );
}

export async function messageById(t: TestContext, id: string) {
  const [row] = await t.app.ctx.db.select().from(outboundMessages).where(eq(outboundMessages.id, id));
  return row!;
}

/** What the dispatcher keeps of a queued message for its fallback. */
export async function dispatchStateOf(t: TestContext, messageId: string) {
  const row = await messageById(t, messageId);
  if (!row.dispatch) throw new Error(`no dispatch state for ${messageId}`);
  return row.dispatch;
}

export async function messageEventsOf(t: TestContext, requestId: string) {
  const rows = await t.app.ctx.db
    .select()
    .from(requestEvents)
    .where(eq(requestEvents.requestId, requestId))
    .orderBy(requestEvents.sequence);
  return rows.filter((row) => row.type === 'message_status');
}

/** A channel adapter a test controls: records what it was given, answers what it is told. */
export function fakeAdapter(
  channel: OutboundChannel,
  behaviour: (attempt: number) => 'ok' | 'permanent' | 'transient' = () => 'ok',
): ChannelAdapter & { sent: { id: string; attempts: number; lastError: string | null }[] } {
  const sent: { id: string; attempts: number; lastError: string | null }[] = [];
  return {
    channel,
    sent,
    async send(message) {
      sent.push({ id: message.id, attempts: message.attempts, lastError: message.lastError });
      const outcome = behaviour(sent.length);
      const { PermanentDeliveryError } = await import('./channel-adapter');
      if (outcome === 'permanent') throw new PermanentDeliveryError(`${channel}: destinataire inconnu`);
      if (outcome === 'transient') throw new Error(`${channel}: relais injoignable`);
      return { status: 'sent', providerMessageId: `${channel}-${message.id}` };
    },
  };
}
