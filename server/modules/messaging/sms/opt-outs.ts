import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import { smsOptOuts } from '../messaging.tables';

/** A number that answered STOP: no SMS goes to it any more (the SMS channel is skipped). */
export async function optOutOfSms(db: DbOrTx, tenantId: string, phone: string, at: Date): Promise<void> {
  await db.insert(smsOptOuts).values({ tenantId, phone, optedOutAt: at }).onConflictDoNothing();
}

/** The number answered START: SMS may go to it again. */
export async function optInToSms(db: DbOrTx, tenantId: string, phone: string): Promise<void> {
  await db.delete(smsOptOuts).where(and(eq(smsOptOuts.tenantId, tenantId), eq(smsOptOuts.phone, phone)));
}
