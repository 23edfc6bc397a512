/**
 * Inbound SMS reach messaging by its transports (the SMPP link's deliver_sm, the HTTP gateway's
 * webhook), but what an SMS means (STOP, a reply on a request, a new request) is decided by the
 * module that receives them: messaging offers the `inboundSmsHandler` extension point, the intake
 * module fills it. Messaging thus never imports request intake.
 */
import type { AppContext } from '../../../app-context';
import type { InboundOutcome } from '../../../../common/messaging';
import { systemPrincipal, type Principal } from '../../../platform/auth/principal';
import { runCheckedIf } from '../../../platform/db/tenant-guard';
import { AppError } from '../../../platform/http/app-error';

export interface InboundSms {
  tenantId: string;
  source: 'smpp' | 'http';
  /** The sender's number as the SMSC or gateway gave it. */
  from: string;
  /** Our number or sender id the SMS was sent to. */
  to?: string | null;
  text: string;
  /** The gateway's id of the SMS: the same SMS posted twice is kept once. */
  externalId?: string | null;
  receivedAt?: Date;
}

export interface InboundSmsOutcome {
  inboundMessageId: string;
  outcome: InboundOutcome;
  reason: string | null;
  /** The request the SMS created or replied to. */
  requestId: string | null;
  /** The same SMS (same external id) was already received. */
  duplicate: boolean;
}

/** Receives one SMS for the town of `principal` (the system acting for the SMS link or gateway). */
export type InboundSmsHandler = (
  ctx: AppContext,
  principal: Principal,
  sms: InboundSms,
) => Promise<InboundSmsOutcome>;

declare module '../../../platform/modules/module-manifest' {
  interface ModuleExtensions {
    /** What an inbound SMS becomes (one module receives them). */
    inboundSmsHandler: InboundSmsHandler;
  }
}

/** Hands an inbound SMS to the module that receives them; 503 when none does. */
export async function handleInboundSms(ctx: AppContext, sms: InboundSms): Promise<InboundSmsOutcome> {
  const [handler] = ctx.modules.extensions('inboundSmsHandler');
  if (!handler) throw new AppError('SERVICE_UNAVAILABLE', 'No module receives inbound SMS on this instance.');
  return runCheckedIf(ctx.config.tenantQueryGuard, `inbound SMS (${sms.source})`, () =>
    handler(ctx, systemPrincipal(sms.tenantId, `sms-${sms.source}`), sms),
  );
}
