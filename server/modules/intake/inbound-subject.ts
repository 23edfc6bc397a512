import { requestSubjectType } from '../requests';

/** The subject columns of an inbound item that became or joined a request (or of none). */
export function inboundSubjectOf(requestId: string | null | undefined) {
  return requestId
    ? { subjectType: requestSubjectType, subjectId: requestId }
    : { subjectType: null, subjectId: null };
}

/** The request an inbound item became or joined, if any. */
export function requestIdOfInbound(row: { subjectType: string | null; subjectId: string | null }) {
  return row.subjectType === requestSubjectType ? row.subjectId : null;
}
