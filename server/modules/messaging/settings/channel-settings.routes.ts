import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readSecurity, writeSecurity } from '../../../platform/http/openapi-security';
import { ProblemSchema } from '../../../platform/http/problem.schemas';
import { principalOf, requireAgent } from '../../../platform/http/request-context';
import { type ChannelSettingKind, channelSettingKinds } from '../messaging.tables';
import {
  channelSettingsBody,
  ChannelSettingsList,
  channelSettingsTags,
  ChannelSettingView,
  ChannelTestResult,
  type ChannelConfigs,
} from './channel-settings.schemas';
import {
  listChannelSettings,
  readChannelSettings,
  requireChannelSettings,
  saveChannelSettings,
} from './channel-settings.use-cases';
import { testChannel } from './channel-test';

const kindLabels: Record<ChannelSettingKind, string> = {
  smtp: 'outgoing e-mail (SMTP relay)',
  imap: 'incoming e-mail (IMAP mailbox)',
  smpp: 'SMS through an SMSC (SMPP)',
  sms_http: 'SMS through an HTTP gateway',
};

/**
 * Channel settings (administrators): SMTP, IMAP, SMPP and the HTTP SMS gateway of the town.
 * One PUT and one test route per kind, each with its own configuration schema. Secrets are
 * sealed with AES-256-GCM (`SECRETS_KEY`) and never returned: the list says `hasSecret`.
 */
export const channelSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/admin/channel-settings',
    {
      schema: {
        tags: channelSettingsTags,
        summary: 'The town’s channel settings, every kind (administrators); secrets are never returned',
        security: readSecurity,
        response: { 200: ChannelSettingsList, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => {
      requireAgent(request, ['admin']);
      return { items: await listChannelSettings(app.ctx, principalOf(request)) };
    },
  );

  for (const kind of channelSettingKinds) {
    app.put(
      `/admin/channel-settings/${kind}`,
      {
        schema: {
          tags: channelSettingsTags,
          summary: `Save the settings of ${kindLabels[kind]} (administrators)`,
          description:
            'The configuration replaces the saved one; the secret is sealed before it is stored. ' +
            'An empty or absent `secret` keeps the saved one; `clearSecret` removes it.',
          security: writeSecurity,
          body: channelSettingsBody(kind),
          response: {
            200: ChannelSettingView,
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
          },
        },
      },
      async (request) => {
        requireAgent(request, ['admin']);
        const body = request.body as {
          config: ChannelConfigs[typeof kind];
          secret?: string;
          clearSecret?: boolean;
          isEnabled?: boolean;
        };
        return saveChannelSettings(app.ctx, principalOf(request), {
          kind,
          config: body.config,
          secret: body.secret,
          clearSecret: body.clearSecret,
          isEnabled: body.isEnabled,
        });
      },
    );

    app.post(
      `/admin/channel-settings/${kind}/test`,
      {
        schema: {
          tags: channelSettingsTags,
          summary: `Test the saved settings of ${kindLabels[kind]} (administrators)`,
          description:
            'Connects with the saved settings and answers whether it worked, with a French message ' +
            'for the administrator (200 in both cases). 409 CHANNEL_NOT_CONFIGURED when nothing is saved.',
          security: writeSecurity,
          response: {
            200: ChannelTestResult,
            401: ProblemSchema,
            403: ProblemSchema,
            409: ProblemSchema,
          },
        },
      },
      async (request) => {
        const user = requireAgent(request, ['admin']);
        const settings = requireChannelSettings(await readChannelSettings(app.ctx, user.tenantId, kind));
        return testChannel(settings);
      },
    );
  }
};
