import { Type } from 'typebox';
import { Nullable } from '../../../platform/http/nullable';

/** TypeBox schemas of the OpenID Connect HTTP API (requests and responses). */

export const tags = ['accounts'];

const Slug = Type.String({
  minLength: 1,
  maxLength: 40,
  pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
  description: 'lower case letters, digits and dashes, in the callback URL, e.g. `franceconnect`',
});
const Label = Type.String({ minLength: 1, maxLength: 100, description: 'text of the login button' });
const IssuerUrl = Type.String({
  minLength: 1,
  maxLength: 500,
  description: 'issuer identifier; its `/.well-known/openid-configuration` is read',
});
const ClientId = Type.String({ minLength: 1, maxLength: 300 });
const ClientSecret = Type.String({ minLength: 1, maxLength: 500, description: 'write-only: never returned' });
const Scopes = Type.String({
  minLength: 1,
  maxLength: 300,
  description: 'space-separated, must include `openid` (default `openid email profile`)',
});
const AcrValues = Nullable(
  Type.String({ maxLength: 200, description: '`acr_values` to ask for, e.g. `eidas1` for FranceConnect' }),
);

export const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 100 }) });
export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const PublicProviderList = Type.Object({
  items: Type.Array(Type.Object({ slug: Type.String(), label: Type.String() })),
});

export const StartQuery = Type.Object({
  returnTo: Type.Optional(
    Type.String({ maxLength: 2000, description: 'a path of this site to land on after login' }),
  ),
});

/** What the provider sends back; openid-client reads the raw query string itself. */
export const CallbackQuery = Type.Object(
  {
    code: Type.Optional(Type.String()),
    state: Type.Optional(Type.String()),
    iss: Type.Optional(Type.String()),
    error: Type.Optional(Type.String()),
    error_description: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

export const RedirectResponse = Type.Null({ description: 'Redirection: see the Location header' });

export const IdentityProviderView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  slug: Type.String(),
  label: Type.String(),
  issuerUrl: Type.String(),
  clientId: Type.String(),
  scopes: Type.String(),
  acrValues: Nullable(Type.String()),
  isEnabled: Type.Boolean(),
  /** The redirect URI to register at the provider, for this host. */
  callbackUrl: Type.String({ description: 'redirect URI to register at the provider' }),
  createdAt: Type.String({ format: 'date-time' }),
});

export const IdentityProviderList = Type.Object({ items: Type.Array(IdentityProviderView) });

export const CreateIdentityProviderBody = Type.Object(
  {
    slug: Slug,
    label: Label,
    issuerUrl: IssuerUrl,
    clientId: ClientId,
    clientSecret: ClientSecret,
    scopes: Type.Optional(Scopes),
    acrValues: Type.Optional(AcrValues),
    isEnabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UpdateIdentityProviderBody = Type.Object(
  {
    slug: Type.Optional(Slug),
    label: Type.Optional(Label),
    issuerUrl: Type.Optional(IssuerUrl),
    clientId: Type.Optional(ClientId),
    clientSecret: Type.Optional(ClientSecret),
    scopes: Type.Optional(Scopes),
    acrValues: Type.Optional(AcrValues),
    isEnabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
