import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { parseReplyToken, replyAddressFor, replyTokenFor, requestIdOfReplyAddress } from './reply-token';

const id = '0b5f3c1e-8d2a-4f6b-9c7d-1e2f3a4b5c6d';
const secret = 'a-secret-of-at-least-thirty-two-characters';

describe('reply tokens', () => {
  it('round-trips a request id through a short lower-case token', () => {
    const token = replyTokenFor(id, secret);
    expect(token).toMatch(/^[a-z2-7]{39}$/);
    expect(parseReplyToken(token, secret)).toBe(id);
    expect(parseReplyToken(token.toUpperCase(), secret)).toBe(id);
  });

  it('refuses a token signed with another secret, altered, or malformed', () => {
    const token = replyTokenFor(id, secret);
    expect(parseReplyToken(token, `${secret}x`)).toBeNull();
    const altered = (token[0] === 'a' ? 'b' : 'a') + token.slice(1);
    expect(parseReplyToken(altered, secret)).toBeNull();
    expect(parseReplyToken('abc', secret)).toBeNull();
    expect(parseReplyToken('!!!', secret)).toBeNull();
  });

  it('builds reply+<token>@<domain of MAIL_FROM> and reads it back', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'test',
        DATA_DIR: '/tmp/guichet-reply-token-test',
        MAIL_FROM: 'Mairie <mairie@ville.test>',
      },
      { sessionSecret: secret },
    );
    const address = replyAddressFor(config, id);
    expect(address).toMatch(/^reply\+[a-z2-7]{39}@ville\.test$/);
    expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(requestIdOfReplyAddress(config, address.toUpperCase())).toBe(id);
    expect(requestIdOfReplyAddress(config, 'someone@ville.test')).toBeNull();
  });
});
