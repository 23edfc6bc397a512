import type { AppContext } from '../../../../app-context';
import { enqueueEmail } from '../../../../platform/mail/mailer';
import { tenantBaseUrl } from '../../../accounts/links';
import { findTenantById } from '../../../organisation/tenants.repository';
import { assertTransition } from '../../lifecycle';
import { findRequesterEmail } from '../../request-recipient';
import { trackingPageLink } from '../../tracking-link';
import type { TimelineWriteResult } from './add-internal-note';
import { agentMessageMail } from './agent-message-mail';
import {
  appendAgentEvent,
  loadRequestForChange,
  phaseTimestampsFor,
  publishRequestChange,
  requireText,
  saveRequestChanges,
  withSearchText,
  type AgentActor,
  type RequestChanges,
} from './request-change';

export interface AddAgentMessageInput {
  requestId: string;
  body: string;
  /** The town's answer: the request becomes `answered`. */
  isAnswer?: boolean;
  version?: number;
}

/**
 * An agent writes to the citizen: a public `public_message` event, or with `isAnswer` an `answer`
 * that moves the request to `answered` (answeredAt; 409 where the lifecycle forbids it; a further
 * answer on an answered request changes no status). The citizen is e-mailed the text when an
 * address is known (key `request-message:<eventId>`), and the text becomes searchable.
 */
export async function addAgentMessage(
  ctx: AppContext,
  actor: AgentActor,
  input: AddAgentMessageInput,
): Promise<TimelineWriteResult> {
  const body = requireText('body', input.body);
  const isAnswer = input.isAnswer ?? false;
  const now = ctx.clock.now();

  const { request, eventId } = await ctx.db.transaction(async (tx) => {
    const loaded = await loadRequestForChange(tx, actor, input.requestId, input.version);
    const from = loaded.status;
    const answers = isAnswer && from !== 'answered';
    if (answers) assertTransition(from, 'answered', 'agent');
    const changes: RequestChanges = { searchExtra: withSearchText(loaded, body) };
    if (answers) Object.assign(changes, { status: 'answered' }, phaseTimestampsFor(loaded, 'answered', now));
    const saved = await saveRequestChanges(tx, loaded, changes, now);
    const event = await appendAgentEvent(tx, actor, loaded, {
      type: isAnswer ? 'answer' : 'public_message',
      visibility: 'public',
      body,
      createdAt: now,
    });
    if (answers) {
      await appendAgentEvent(tx, actor, loaded, {
        type: 'status_changed',
        visibility: 'public',
        data: { from, to: 'answered' },
        createdAt: now,
      });
    }

    const recipient = await findRequesterEmail(tx, loaded);
    if (recipient) {
      const tenant = await findTenantById(tx, loaded.tenantId);
      const baseUrl = tenantBaseUrl(ctx.config.publicUrl, tenant ?? { isDefault: true, hostNames: [] });
      const mail = agentMessageMail({
        townName: tenant?.name ?? '',
        reference: loaded.reference,
        subject: loaded.subject,
        body,
        isAnswer,
        trackingLink: trackingPageLink(baseUrl, loaded.trackingCode),
      });
      await enqueueEmail(tx, {
        key: `request-message:${event.id}`,
        tenantId: loaded.tenantId,
        to: recipient,
        ...mail,
      });
    }
    return { request: saved, eventId: event.id };
  });

  await publishRequestChange(ctx, request, { publicChange: true });
  return { eventId, id: request.id, status: request.status, version: request.version };
}
