/**
 * What the requests module tells citizens about their requests (acknowledgement, agents'
 * messages and answers, closure) goes through the messaging pipeline: this fills the variables
 * every request template shares and hands the message to `sendToCitizen`, which picks the
 * channel, renders the town's template, and reports the delivery back to the request's
 * timeline (see request-subject.ts).
 */
import type { AppContext } from '../../app-context';
import type { DbOrTx } from '../../platform/db/client';
import { findUserById, type TenantAddress, tenantBaseUrl } from '../accounts';
import {
  outboundChannels,
  sendToCitizen,
  type CitizenRecipient,
  type MessagingContext,
  type OutboundChannel,
  type SendToCitizenResult,
} from '../messaging';
import { recipientOfRequest } from './request-recipient';
import { requestSubject } from './request-subject';
import type { RequestTemplateKey } from './request-templates';
import { findTenantById, type TenantSettings } from '../organisation';
import type { Request } from './requests.repository';
import { trackingPageLink } from './tracking-link';

export type RequestForMessage = Pick<
  Request,
  'id' | 'tenantId' | 'reference' | 'subject' | 'trackingCode' | 'citizenId' | 'contact' | 'channel'
>;

export interface TownForMessage extends TenantAddress {
  name: string;
}

/** The variables every request template declares (see `requestVariables` in request-templates.ts). */
export async function requestMessageVariables(
  db: DbOrTx,
  ctx: Pick<AppContext, 'config'>,
  request: RequestForMessage,
  known: { town?: TownForMessage; citizenName?: string } = {},
): Promise<Record<string, string>> {
  const town = known.town ?? (await findTenantById(db, request.tenantId));
  let citizenName = known.citizenName ?? request.contact?.name ?? '';
  if (known.citizenName === undefined && request.citizenId) {
    const citizen = await findUserById(db, request.tenantId, request.citizenId);
    if (citizen) citizenName = `${citizen.firstName} ${citizen.lastName}`.trim();
  }
  // A request that came in by SMS knows its sender only by number: greet no one rather than « +336… ».
  if (/^\+?[\d\s.()-]{6,}$/.test(citizenName)) citizenName = '';
  const baseUrl = tenantBaseUrl(ctx.config.publicUrl, town ?? { isDefault: true, hostNames: [] });
  return {
    townName: town?.name ?? '',
    citizenName,
    reference: request.reference,
    subject: request.subject,
    trackingCode: request.trackingCode,
    trackingUrl: trackingPageLink(baseUrl, request.trackingCode),
  };
}

/** Whether anyone is known to write to: a scanned letter may be filed before its sender is read. */
export function hasRequester(request: Pick<Request, 'citizenId' | 'contact'>): boolean {
  return request.citizenId !== null || request.contact !== null;
}

/** Every channel but the postal letter: someone met at the counter or on the phone needs no letter. */
export const channelsWithoutLetter: readonly OutboundChannel[] = outboundChannels.filter(
  (channel) => channel !== 'letter',
);

export interface SendRequestMessageInput {
  request: RequestForMessage;
  /** Idempotency key of the message (one message per key and town). */
  key: string;
  template: RequestTemplateKey;
  /** Variables of this template beyond the common request ones. */
  variables?: Record<string, string>;
  /** Defaults to `recipientOfRequest`: the account (preferred channel), else the contact. */
  recipient?: CitizenRecipient;
  channels?: readonly OutboundChannel[];
  town?: TownForMessage;
  citizenName?: string;
  /** The request was created in the caller's transaction: no message can have this key yet. */
  keyIsNew?: boolean;
  /** The town's settings when the caller has them already. */
  settings?: Readonly<TenantSettings>;
}

/**
 * Queues one message about a request to its requester, in the caller's transaction (see
 * `sendToCitizen`); when nobody can be reached, the request's timeline says so.
 */
export async function sendRequestMessage(
  tx: DbOrTx,
  ctx: MessagingContext,
  input: SendRequestMessageInput,
): Promise<SendToCitizenResult> {
  const { request } = input;
  const common = await requestMessageVariables(tx, ctx, request, {
    town: input.town,
    citizenName: input.citizenName,
  });
  return sendToCitizen(tx, ctx, {
    tenantId: request.tenantId,
    key: input.key,
    subject: requestSubject(request.id),
    recipient: input.recipient ?? recipientOfRequest(request),
    template: { key: input.template, variables: { ...common, ...input.variables } },
    ...(input.channels ? { channels: input.channels } : {}),
    ...(input.keyIsNew ? { keyIsNew: true } : {}),
    ...(input.settings ? { settings: input.settings } : {}),
  });
}
