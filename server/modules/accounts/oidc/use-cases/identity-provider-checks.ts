import type { AppContext } from '../../../../app-context';
import { invalidField } from '../../../../platform/http/app-error';
import { hasOpenidScope, issuerUrlProblem, normaliseScopes } from '../oidc-rules';

/** Checks what TypeBox cannot (issuer URL, `openid` scope) and tidies the values; 400 naming the field. */
export function checkIdentityProviderFields<
  T extends { issuerUrl?: string; scopes?: string; acrValues?: string | null },
>(ctx: AppContext, fields: T): T {
  const checked = { ...fields };
  if (fields.issuerUrl !== undefined) {
    const problem = issuerUrlProblem(fields.issuerUrl, ctx.config.nodeEnv === 'production');
    // Kept as typed: openid-client compares it exactly with the issuer the provider announces.
    if (problem) throw invalidField('issuerUrl', problem);
  }
  if (fields.scopes !== undefined) {
    if (!hasOpenidScope(fields.scopes)) throw invalidField('scopes', 'must include openid');
    checked.scopes = normaliseScopes(fields.scopes);
  }
  if (fields.acrValues !== undefined) {
    const acrValues = fields.acrValues?.trim().split(/\s+/).filter(Boolean).join(' ');
    checked.acrValues = acrValues ? acrValues : null;
  }
  return checked;
}
