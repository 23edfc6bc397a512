import { type Static, type TSchema, Type } from 'typebox';
import type { ChannelSettingKind } from '../messaging.tables';

/** TypeBox schemas of the channel settings (administrators): one configuration shape per kind. */

export const channelSettingsTags = ['channel settings'];

const Host = Type.String({
  minLength: 1,
  maxLength: 253,
  pattern: '^[A-Za-z0-9._:\\[\\]-]+$',
  description: 'Host name or IP address',
});
const Port = Type.Integer({ minimum: 1, maximum: 65535 });
const Security = (values: string[], description: string) =>
  Type.Unsafe<string>({ type: 'string', enum: values, description });

export const SmtpConfig = Type.Object(
  {
    host: Host,
    port: Port,
    security: Security(
      ['none', 'starttls', 'tls'],
      'none (tests, local relay), starttls (port 587) or tls (implicit TLS, port 465)',
    ),
    user: Type.Optional(Type.String({ maxLength: 200, description: 'Login; the password is the secret' })),
    from: Type.Optional(
      Type.String({ maxLength: 200, pattern: '^[^\\s@]+@[^\\s@]+$', description: 'Sender address' }),
    ),
  },
  { additionalProperties: false },
);

export const ImapConfig = Type.Object(
  {
    host: Host,
    port: Port,
    security: Security(['none', 'starttls', 'tls'], 'none, starttls (port 143) or tls (port 993)'),
    user: Type.String({ minLength: 1, maxLength: 200, description: 'Login; the password is the secret' }),
    mailbox: Type.String({ minLength: 1, maxLength: 200, default: 'INBOX' }),
  },
  { additionalProperties: false },
);

export const SmppConfig = Type.Object(
  {
    host: Host,
    port: Port,
    security: Security(['none', 'tls'], 'none or tls'),
    systemId: Type.String({
      minLength: 1,
      maxLength: 16,
      description: 'SMPP system_id; the password is the secret',
    }),
    systemType: Type.Optional(Type.String({ maxLength: 13 })),
    senderId: Type.String({
      minLength: 1,
      maxLength: 16,
      pattern: '^(\\+?[0-9]{1,15}|[A-Za-z0-9 ]{1,11})$',
      description: 'Sender: a phone number or up to 11 letters and digits',
    }),
  },
  { additionalProperties: false },
);

export const SmsHttpConfig = Type.Object(
  {
    url: Type.String({
      minLength: 8,
      maxLength: 500,
      pattern: '^https?://',
      description: 'The gateway’s send URL',
    }),
    username: Type.Optional(Type.String({ maxLength: 200 })),
    senderId: Type.Optional(
      Type.String({ maxLength: 16, pattern: '^(\\+?[0-9]{1,15}|[A-Za-z0-9 ]{1,11})$' }),
    ),
  },
  { additionalProperties: false },
);

export type SmtpSettings = Static<typeof SmtpConfig>;
export type ImapSettings = Static<typeof ImapConfig>;
export type SmppSettings = Static<typeof SmppConfig>;
export type SmsHttpSettings = Static<typeof SmsHttpConfig>;

export interface ChannelConfigs {
  smtp: SmtpSettings;
  imap: ImapSettings;
  smpp: SmppSettings;
  sms_http: SmsHttpSettings;
}

export const channelConfigSchemas: Record<ChannelSettingKind, TSchema> = {
  smtp: SmtpConfig,
  imap: ImapConfig,
  smpp: SmppConfig,
  sms_http: SmsHttpConfig,
};

export const secretDescriptions: Record<ChannelSettingKind, string> = {
  smtp: 'SMTP password',
  imap: 'IMAP password',
  smpp: 'SMPP password',
  sms_http: 'API key or password of the gateway',
};

export function channelSettingsBody(kind: ChannelSettingKind) {
  return Type.Object(
    {
      config: channelConfigSchemas[kind],
      secret: Type.Optional(
        Type.String({
          maxLength: 1000,
          description: `${secretDescriptions[kind]}; empty or absent keeps the one saved. Never returned.`,
        }),
      ),
      clearSecret: Type.Optional(Type.Boolean({ description: 'Remove the saved secret' })),
      isEnabled: Type.Optional(Type.Boolean({ default: true })),
    },
    { additionalProperties: false },
  );
}

export const ChannelKindSchema = Type.Unsafe<ChannelSettingKind>({
  type: 'string',
  enum: ['smtp', 'imap', 'smpp', 'sms_http'],
});

const NullableDateTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

/** What the IMAP poller last did with the saved mailbox (see ImapPollStatus). */
export const ImapPollStatusSchema = Type.Object({
  lastAttemptAt: Type.String({ format: 'date-time', description: 'When the poller last tried the mailbox' }),
  lastSuccessAt: NullableDateTime,
  lastError: Type.Union([Type.String(), Type.Null()], { description: 'In French; null when it worked' }),
  consecutiveFailures: Type.Integer({ description: 'Failed polls in a row' }),
  nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'After failures, when the poller tries again',
  }),
  lastProcessed: Type.Integer({ description: 'Messages the last poll handled' }),
  lastFailed: Type.Integer({ description: 'Messages the last poll could not record' }),
});

export const ChannelSettingView = Type.Object({
  kind: ChannelKindSchema,
  /** False until an administrator saved this kind. */
  configured: Type.Boolean(),
  isEnabled: Type.Boolean(),
  config: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
    description: 'The saved configuration of this kind, everything but the secret',
  }),
  hasSecret: Type.Boolean(),
  updatedAt: NullableDateTime,
  pollStatus: Type.Union([ImapPollStatusSchema, Type.Null()], {
    description: 'IMAP: the last poll of these settings; null before the first poll after a save',
  }),
});
export type ChannelSettingViewT = Static<typeof ChannelSettingView>;

export const ChannelSettingsList = Type.Object({ items: Type.Array(ChannelSettingView) });

export const ChannelTestResult = Type.Object({
  ok: Type.Boolean(),
  /** In French, for the administrator. */
  message: Type.String(),
});
export type ChannelTestResultT = Static<typeof ChannelTestResult>;
