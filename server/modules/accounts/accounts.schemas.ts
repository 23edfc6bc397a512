import { Type } from 'typebox';
import { type AgentRole, agentRoles } from '../../platform/http/request-context';

/** TypeBox schemas of the accounts API (requests and replies). */

export const EmailSchema = Type.String({ format: 'email', maxLength: 254, description: 'E-mail address' });
/** The password rule (length, common passwords) answers WEAK_PASSWORD; the schema only bounds size. */
export const PasswordSchema = Type.String({ minLength: 1, maxLength: 256 });
export const TokenSchema = Type.String({ minLength: 1, maxLength: 200 });
const NameSchema = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const PhoneSchema = Type.String({
  pattern: '^\\+?[0-9][0-9 .()-]{5,24}$',
  description: 'Phone number: digits, spaces, dots, dashes, an optional leading +',
});
const ChannelSchema = Type.Union([
  Type.Literal('email'),
  Type.Literal('sms'),
  Type.Literal('letter'),
  Type.Literal('portal'),
]);
const RoleSchema = Type.Union(agentRoles.map((role) => Type.Literal(role)));
const UuidSchema = Type.String({ format: 'uuid' });

export const PostalAddressSchema = Type.Object(
  {
    line1: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    postcode: Type.String({ pattern: '^[0-9]{5}$', description: 'French postcode, 5 digits' }),
    city: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
  },
  { additionalProperties: false },
);

export const UserViewSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('citizen'), Type.Literal('agent')]),
  email: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  postalAddress: Type.Union([PostalAddressSchema, Type.Null()]),
  preferredChannel: ChannelSchema,
  roles: Type.Array(Type.Unsafe<AgentRole>({ type: 'string', enum: [...agentRoles] }), {
    description: 'Agent roles; empty for citizens',
  }),
  departmentIds: Type.Array(Type.String()),
  emailVerified: Type.Boolean(),
});

export const AgentViewSchema = Type.Object({
  ...UserViewSchema.properties,
  isActive: Type.Boolean(),
  invitationPending: Type.Boolean(),
});

export const UserReply = Type.Object({ user: UserViewSchema });
export const SessionReply = Type.Object({ user: UserViewSchema, csrfToken: Type.String() });
export const AcceptedReply = Type.Object({});
export const EmptyReply = Type.Null();

export const RegisterBody = Type.Object(
  {
    email: EmailSchema,
    password: PasswordSchema,
    firstName: NameSchema,
    lastName: NameSchema,
    phone: Type.Optional(PhoneSchema),
  },
  { additionalProperties: false },
);

export const LoginBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }), password: PasswordSchema },
  { additionalProperties: false },
);

export const EmailBody = Type.Object({ email: EmailSchema }, { additionalProperties: false });
export const TokenBody = Type.Object({ token: TokenSchema }, { additionalProperties: false });
export const TokenQuery = Type.Object({ token: TokenSchema });
export const TokenPasswordBody = Type.Object(
  { token: TokenSchema, password: PasswordSchema },
  { additionalProperties: false },
);

export const InvitationReply = Type.Object({
  email: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  tenantName: Type.String(),
});

// Null first: with type coercion on, an empty string then becomes null rather than the reverse.
export const ProfileBody = Type.Object(
  {
    firstName: Type.Optional(NameSchema),
    lastName: Type.Optional(NameSchema),
    phone: Type.Optional(Type.Union([Type.Null(), PhoneSchema])),
    postalAddress: Type.Optional(Type.Union([Type.Null(), PostalAddressSchema])),
    preferredChannel: Type.Optional(ChannelSchema),
  },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  { currentPassword: PasswordSchema, newPassword: PasswordSchema },
  { additionalProperties: false },
);

export const AgentIdParams = Type.Object({ id: UuidSchema });

export const InviteAgentBody = Type.Object(
  {
    email: EmailSchema,
    firstName: NameSchema,
    lastName: NameSchema,
    roles: Type.Array(RoleSchema, { minItems: 1, maxItems: agentRoles.length, uniqueItems: true }),
    departmentIds: Type.Array(UuidSchema, { maxItems: 100 }),
  },
  { additionalProperties: false },
);

export const UpdateAgentBody = Type.Object(
  {
    firstName: Type.Optional(NameSchema),
    lastName: Type.Optional(NameSchema),
    roles: Type.Optional(
      Type.Array(RoleSchema, { minItems: 1, maxItems: agentRoles.length, uniqueItems: true }),
    ),
    departmentIds: Type.Optional(Type.Array(UuidSchema, { maxItems: 100 })),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const AgentReply = Type.Object({ agent: AgentViewSchema });
export const AgentListReply = Type.Object({ items: Type.Array(AgentViewSchema) });
