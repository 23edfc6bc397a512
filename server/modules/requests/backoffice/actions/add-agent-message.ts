import type { AppContext } from '../../../../app-context';
import type { Principal } from '../../../../platform/auth/principal';
import { transaction } from '../../../../platform/db/transaction';
import { changeRequest } from '../../change-request';
import type { RequestStatus } from '../../lifecycle';
import { sendRequestMessage } from '../../request-messages';
import type { RequestTemplateKey } from '../../request-templates';
import type { TimelineWriteResult } from './add-internal-note';
import { agentActorFor, loadRequestForChange, requireText, timelineActorOf } from './request-change';

export interface AddAgentMessageInput {
  requestId: string;
  body: string;
  /** The town's answer: the request becomes `answered`. */
  isAnswer?: boolean;
  version?: number;
}

/**
 * The template of an agent's message: the answer; while the request waits for the citizen's
 * information, the request for that information; otherwise a plain message.
 */
export function agentMessageTemplate(isAnswer: boolean, status: RequestStatus): RequestTemplateKey {
  if (isAnswer) return 'answer';
  return status === 'waiting_citizen' ? 'request_for_information' : 'agent_message';
}

/**
 * An agent writes to the citizen: a public `public_message` event, or with `isAnswer` an `answer`
 * that moves the request to `answered` (answeredAt; 409 where the lifecycle forbids it; a further
 * answer on an answered request changes no status). The text goes to the citizen through the
 * messaging pipeline (templates `answer`, `request_for_information` while waiting for them, else
 * `agent_message`; key `request-message:<eventId>`), and it becomes searchable.
 */
export async function addAgentMessage(
  ctx: AppContext,
  principal: Principal,
  input: AddAgentMessageInput,
): Promise<TimelineWriteResult> {
  const actor = await agentActorFor(ctx, principal);
  const body = requireText('body', input.body);
  const isAnswer = input.isAnswer ?? false;

  const { request, eventId } = await transaction(ctx.db, async (tx) => {
    const loaded = await loadRequestForChange(tx, actor, input.requestId, input.version);
    const from = loaded.status;
    const { request: saved, events } = await changeRequest(tx, ctx, loaded, timelineActorOf(actor), {
      ...(isAnswer && from !== 'answered' ? { status: 'answered' as const } : {}),
      searchText: body,
      events: [{ type: isAnswer ? 'answer' : 'public_message', visibility: 'public', body, data: {} }],
    });
    const eventId = events[0]!.id;
    await sendRequestMessage(tx, ctx, {
      request: loaded,
      key: `request-message:${eventId}`,
      template: agentMessageTemplate(isAnswer, from),
      variables: { message: body },
    });
    return { request: saved, eventId };
  });

  return { eventId, id: request.id, status: request.status, version: request.version };
}
