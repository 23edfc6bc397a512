import type { AppContext } from '../../../app-context';
import type { DbOrTx } from '../../../platform/db/client';
import { invalidField } from '../../../platform/http/app-error';
import { requireAgentRole, type Principal } from '../../../platform/auth/principal';
import { findUserById } from '../../accounts';
import { submitRequest } from '../../requests';
import type { DeskIntakeBody } from './desk.schemas';

/** A citizen account of the town, or a 400 naming `field`. */
export async function requireCitizenAccount(db: DbOrTx, tenantId: string, id: string, field: string) {
  const citizen = await findUserById(db, tenantId, id);
  if (!citizen || citizen.kind !== 'citizen')
    throw invalidField(field, 'is not a citizen account of this town');
  return citizen;
}

/**
 * An agent records a request received by phone, at the counter, by letter…: for a citizen account
 * or a contact, with or without a category yet. The `created` event's actor is the agent; the
 * acknowledgement is e-mailed when an address is known.
 */
export async function fileDeskRequest(ctx: AppContext, principal: Principal, body: DeskIntakeBody) {
  const agent = requireAgentRole(principal);
  if (body.citizenId && body.contact) {
    throw invalidField('contact', 'must be left out when citizenId is given');
  }
  if (!body.citizenId && !body.contact) {
    throw invalidField(
      'contact',
      'is required without citizenId (a name and an e-mail, a phone or an address)',
    );
  }
  const citizen = body.citizenId
    ? await requireCitizenAccount(ctx.db, agent.tenantId, body.citizenId, 'citizenId')
    : null;
  return submitRequest(ctx, principal, {
    channel: body.channel,
    citizen,
    categoryId: body.categoryId ?? null,
    priority: body.priority,
    subject: body.subject,
    description: body.description,
    location: body.location,
    contact: body.contact,
    receivedAt: body.receivedAt === undefined ? undefined : new Date(body.receivedAt),
  });
}
