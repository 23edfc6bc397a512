/** Failed logins are counted over this sliding window. */
export const loginFailureWindowMs = 15 * 60_000;
/** Failures allowed per account (tenant + e-mail, whether the account exists or not). */
export const maximumFailuresPerAccount = 5;
/** Failures allowed per client address within a tenant, across every e-mail tried. */
export const maximumFailuresPerAddress = 20;

export interface LoginThrottleKeys {
  account: string;
  address: string;
}

/**
 * Keys under which failures are counted. They name the e-mail as typed (normalised), not a user
 * id, so an unknown account is throttled exactly like an existing one.
 */
export function loginThrottleKeys(tenantId: string, email: string, ipAddress: string): LoginThrottleKeys {
  return {
    account: `account:${tenantId}:${email.trim().toLowerCase()}`,
    address: `address:${tenantId}:${ipAddress}`,
  };
}

/** Whether another attempt must be refused, given the failures already counted in the window. */
export function isLoginThrottled(failures: { account: number; address: number }): boolean {
  return failures.account >= maximumFailuresPerAccount || failures.address >= maximumFailuresPerAddress;
}
