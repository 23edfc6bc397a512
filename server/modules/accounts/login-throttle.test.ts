import { describe, expect, it } from 'vitest';
import { isLoginThrottled, loginThrottleKeys } from './login-throttle';

describe('login throttle', () => {
  it('allows four failures per account and refuses from the fifth', () => {
    expect(isLoginThrottled({ account: 4, address: 4 })).toBe(false);
    expect(isLoginThrottled({ account: 5, address: 5 })).toBe(true);
  });

  it('refuses an address after twenty failures across accounts', () => {
    expect(isLoginThrottled({ account: 0, address: 19 })).toBe(false);
    expect(isLoginThrottled({ account: 0, address: 20 })).toBe(true);
  });

  it('keys an account by tenant and normalised e-mail, an address by tenant and IP', () => {
    expect(loginThrottleKeys('t1', ' Camille@Example.FR ', '10.0.0.1')).toEqual({
      account: 'account:t1:camille@example.fr',
      address: 'address:t1:10.0.0.1',
    });
  });
});
