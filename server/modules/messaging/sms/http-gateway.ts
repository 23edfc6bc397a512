import { PermanentDeliveryError } from '../channel-adapter';

/**
 * The HTTP SMS gateway: `POST SMS_HTTP_URL` with JSON `{from, to, text, reference}`, the token as
 * `Authorization: Bearer …` and `Idempotency-Key: <message id>` (a gateway that honours it sends
 * a message handed over twice only once). The answer's `id` (or `messageId`) is the provider id
 * its delivery reports (`POST /api/v1/sms/status`) refer to. 4xx other than 408 and 429: the
 * gateway refused this message (permanent); 5xx, 408, 429 and network errors are retried.
 */
export interface HttpSmsRequest {
  url: string;
  token: string | undefined;
  from: string;
  to: string;
  text: string;
  /** Our message id: the idempotency key and the gateway's reference. */
  reference: string;
  timeoutMs?: number;
}

export async function sendThroughHttpGateway(request: HttpSmsRequest): Promise<string | null> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'idempotency-key': request.reference,
        ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
      },
      body: JSON.stringify({
        from: request.from,
        to: request.to,
        text: request.text,
        reference: request.reference,
      }),
      signal: AbortSignal.timeout(request.timeoutMs ?? 15_000),
    });
  } catch (error) {
    throw new Error(`Passerelle SMS injoignable : ${(error as Error).message}`, { cause: error });
  }
  const body = await response.text();
  if (!response.ok) {
    const detail = `Passerelle SMS : HTTP ${response.status}${body ? ` ${body.slice(0, 300)}` : ''}`;
    if (
      response.status >= 400 &&
      response.status < 500 &&
      response.status !== 408 &&
      response.status !== 429
    ) {
      throw new PermanentDeliveryError(detail);
    }
    throw new Error(detail);
  }
  try {
    const parsed = JSON.parse(body) as { id?: unknown; messageId?: unknown; message_id?: unknown };
    const id = parsed.id ?? parsed.messageId ?? parsed.message_id;
    return id === undefined || id === null ? null : String(id);
  } catch {
    return null;
  }
}
