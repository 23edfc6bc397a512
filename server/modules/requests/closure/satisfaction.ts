import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../app-context';
import { requireSignedIn, userOf, type Principal } from '../../../platform/auth/principal';
import type { DbOrTx } from '../../../platform/db/client';
import { transaction } from '../../../platform/db/transaction';
import { AppError } from '../../../platform/http/app-error';
import { requestNotFound, requireOwnRequest } from '../requests.policy';
import { changeRequest } from '../change-request';
import type { Request } from '../requests.repository';
import { requests } from '../requests.tables';
import { parseTrackingCode } from '../tracking-code';

export const satisfactionCommentMaxLength = 2_000;

/** Whose request: the logged-in citizen's own (by id), or anyone who knows the tracking code. */
/** Which request: one of the logged-in citizen's own (by id), or anyone's by its tracking code. */
export type SatisfactionTarget =
  { kind: 'own'; requestId: string } | { kind: 'tracking'; trackingCode: string };

export interface GiveSatisfactionInput {
  target: SatisfactionTarget;
  rating: number;
  comment?: string | null;
}

export interface SatisfactionGiven {
  rating: number;
  comment: string | null;
}

/** Whether the survey is open: closed (answered, then closed) and not rated yet. */
export function canRate(request: Pick<Request, 'status' | 'satisfactionRating'>): boolean {
  return request.status === 'closed' && request.satisfactionRating === null;
}

async function lockTarget(tx: DbOrTx, principal: Principal, target: SatisfactionTarget): Promise<Request> {
  const { tenantId } = principal;
  if (target.kind === 'own') {
    const [request] = await tx
      .select()
      .from(requests)
      .where(and(eq(requests.tenantId, tenantId), eq(requests.id, target.requestId)))
      .for('update');
    return requireOwnRequest(requireSignedIn(principal), request);
  }
  const code = parseTrackingCode(target.trackingCode);
  if (!code) throw requestNotFound();
  const [request] = await tx
    .select()
    .from(requests)
    .where(and(eq(requests.tenantId, tenantId), eq(requests.trackingCode, code)))
    .for('update');
  if (!request) throw requestNotFound();
  return request;
}

/**
 * The citizen rates a closed request from 1 to 5 with an optional comment, once: the rating is
 * stored on the request with an internal `satisfaction_given` event (the comment may carry
 * personal data, so the timeline of the tracking page does not show it).
 */
export async function giveSatisfaction(
  ctx: AppContext,
  principal: Principal,
  input: GiveSatisfactionInput,
): Promise<SatisfactionGiven> {
  const comment = input.comment?.trim() || null;
  const sessionUser = userOf(principal);

  const request = await transaction(ctx.db, async (tx) => {
    const current = await lockTarget(tx, principal, input.target);
    if (current.satisfactionRating !== null) {
      throw new AppError('SATISFACTION_ALREADY_GIVEN', 'This request has already been rated.');
    }
    if (current.status !== 'closed') {
      throw new AppError('SATISFACTION_NOT_OPEN', 'Only a closed request can be rated.', {
        requestStatus: current.status,
      });
    }
    const actorId =
      input.target.kind === 'own'
        ? current.citizenId
        : sessionUser && sessionUser.id === current.citizenId
          ? current.citizenId
          : null;
    const { request: updated } = await changeRequest(
      tx,
      ctx,
      current,
      { kind: 'citizen', id: actorId },
      {
        set: { satisfactionRating: input.rating, satisfactionComment: comment },
        // The comment may carry personal data: agents only, never on the tracking page.
        events: [
          {
            type: 'satisfaction_given',
            visibility: 'internal',
            body: comment,
            data: { rating: input.rating },
          },
        ],
        // The tracking page and the citizen's pages stop offering the survey.
        isPublic: true,
      },
    );
    return updated;
  });

  return { rating: request.satisfactionRating!, comment: request.satisfactionComment };
}
