import type { AppContext } from '../../../../app-context';
import type { IssuerConfigurations } from '../issuer-configurations';

/** What the OpenID Connect use cases need: the app context and the discovery cache. */
export interface OidcDependencies {
  ctx: AppContext;
  issuers: IssuerConfigurations;
}
