import type { AppContext } from '../../../../app-context';
import type { TemplateKey } from '../../../messaging/templates/default-templates';
import { assertTransition, type RequestStatus } from '../../lifecycle';
import { sendRequestMessage } from '../../request-messages';
import type { TimelineWriteResult } from './add-internal-note';
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
 * The template of an agent's message: the answer; while the request waits for the citizen's
 * information, the request for that information; otherwise a plain message.
 */
export function agentMessageTemplate(isAnswer: boolean, status: RequestStatus): TemplateKey {
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

    await sendRequestMessage(tx, ctx, {
      request: loaded,
      key: `request-message:${event.id}`,
      template: agentMessageTemplate(isAnswer, from),
      variables: { message: body },
    });
    return { request: saved, eventId: event.id };
  });

  await publishRequestChange(ctx, request, { publicChange: true });
  return { eventId, id: request.id, status: request.status, version: request.version };
}
