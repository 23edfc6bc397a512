import type { Readable } from 'node:stream';
import type { AppContext } from '../../app-context';
import { requireAgentRole, type Principal } from '../../platform/auth/principal';
import { AppError } from '../../platform/http/app-error';
import { findRequestReferences } from '../requests';
import { requestIdOfInbound } from './inbound-subject';
import { findInboundById, findInboundMessages, type InboundMessage } from './inbound.repository';

export interface InboundListQuery {
  channel?: InboundMessage['channel'];
  outcome?: InboundMessage['outcome'];
  page: number;
  pageSize: number;
}

/** What came in by e-mail and SMS, newest first, with the reference of the request each became or joined. */
export async function listInboundMessages(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal,
  query: InboundListQuery,
): Promise<{ items: InboundMessage[]; total: number; references: Map<string, string> }> {
  requireAgentRole(principal, ['admin']);
  const { tenantId } = principal;
  const { items, total } = await findInboundMessages(ctx.db, { tenantId, ...query });
  const requestIds = [...new Set(items.flatMap((item) => requestIdOfInbound(item) ?? []))];
  return { items, total, references: await findRequestReferences(ctx.db, tenantId, requestIds) };
}

/** An inbound message as received (the raw e-mail kept in the file store), or 404. */
export async function openRawInboundMessage(
  ctx: Pick<AppContext, 'db' | 'files'>,
  principal: Principal,
  id: string,
): Promise<{ message: InboundMessage; stream: Readable }> {
  requireAgentRole(principal, ['admin']);
  const message = await findInboundById(ctx.db, principal.tenantId, id);
  if (!message?.rawStorageKey) {
    throw new AppError('NOT_FOUND', 'No such inbound message, or its raw content was not kept.');
  }
  return { message, stream: await ctx.files.open(message.rawStorageKey) };
}
