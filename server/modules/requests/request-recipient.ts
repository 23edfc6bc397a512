import type { Request } from './requests.repository';
import type { CitizenRecipient, OutboundChannel } from '../messaging';

/** How a request came in → the channel to answer on, for someone without an account. */
const replyChannelOf: Partial<Record<Request['channel'], OutboundChannel>> = {
  email: 'email',
  sms: 'sms',
  letter: 'letter',
  web: 'email',
  api: 'email',
};

/**
 * Whom to write to about a request: the citizen's account (its preferred channel), else the
 * contact left on the request, answered on the channel the request came in by.
 */
export function recipientOfRequest(
  request: Pick<Request, 'citizenId' | 'contact' | 'channel'>,
): CitizenRecipient {
  if (request.citizenId) return { userId: request.citizenId };
  const contact = request.contact ?? {};
  return {
    email: contact.email ?? null,
    phone: contact.phone ?? null,
    letterAddress: contact.postalAddress ? { name: contact.name ?? '', ...contact.postalAddress } : null,
    preferredChannel: replyChannelOf[request.channel] ?? null,
  };
}
