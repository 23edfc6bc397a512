import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config';

/*
 * Reply addresses: `reply+<token>@<domain>`. The token is the request id (16 bytes) followed by
 * the first 8 bytes of an HMAC-SHA-256 of it, in lower-case base32 (39 characters): relays may
 * lower-case local parts, and a local part may hold 64 characters. Only the town can mint one.
 */

const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
const macBytes = 8;

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let output = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += alphabet[(value << (5 - bits)) & 31];
  return output;
}

function fromBase32(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of text) {
    const index = alphabet.indexOf(char);
    if (index < 0) return null;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

function uuidBytes(id: string): Buffer {
  return Buffer.from(id.replaceAll('-', ''), 'hex');
}

function bytesToUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function mac(idBytes: Buffer, secret: string): Buffer {
  return createHmac('sha256', `guichet-reply-token:${secret}`).update(idBytes).digest().subarray(0, macBytes);
}

/** The token of a request's reply address. `secret`: the session secret (see replySecretOf). */
export function replyTokenFor(requestId: string, secret: string): string {
  const idBytes = uuidBytes(requestId);
  return base32(Buffer.concat([idBytes, mac(idBytes, secret)]));
}

/** The request id a token stands for, or null when it is malformed or not ours. Case-insensitive. */
export function parseReplyToken(token: string, secret: string): string | null {
  const bytes = fromBase32(token.trim().toLowerCase());
  if (!bytes || bytes.length !== 16 + macBytes) return null;
  const idBytes = bytes.subarray(0, 16);
  const expected = mac(idBytes, secret);
  if (!timingSafeEqual(expected, bytes.subarray(16))) return null;
  return bytesToUuid(idBytes);
}

/** The secret reply tokens are signed with. */
export function replySecretOf(config: Config): string {
  return config.sessionSecret;
}

/** The domain of the sender address (MAIL_FROM): replies come back to the same domain. */
export function mailDomainOf(config: Config): string {
  const match = /@([^>\s]+)>?\s*$/.exec(config.mailFrom);
  return match?.[1]?.toLowerCase() ?? 'guichet.localhost';
}

/** `reply+<token>@<mail domain>` for a request. */
export function replyAddressFor(config: Config, requestId: string): string {
  return `reply+${replyTokenFor(requestId, replySecretOf(config))}@${mailDomainOf(config)}`;
}

/** The request id of a recipient address `reply+<token>@…`, or null. */
export function requestIdOfReplyAddress(config: Config, address: string): string | null {
  const match = /^reply\+([a-z2-7]+)@/i.exec(address.trim());
  return match ? parseReplyToken(match[1]!, replySecretOf(config)) : null;
}
