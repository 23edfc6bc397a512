import { type ChannelContext, PermanentDeliveryError } from '../channel-adapter';
import { readChannelSettings } from '../settings/channel-settings.use-cases';

/**
 * Which way a town's SMS go out: its own channel settings (« Canaux de communication »: SMPP
 * first, then the HTTP gateway, when saved and enabled), else the instance's configuration
 * (`SMPP_URL`, then `SMS_HTTP_URL`).
 */
export type SmsRoute =
  | {
      kind: 'smpp';
      url: string;
      sender: string;
      /** The town whose settings these are (inbound SMS go to it). */ tenantId: string | null;
    }
  | { kind: 'http'; url: string; token: string | undefined; sender: string };

export function smppUrlOf(
  settings: { host: string; port: number; security: string; systemId: string },
  secret: string | null,
) {
  const scheme = settings.security === 'tls' ? 'ssmpp' : 'smpp';
  const host =
    settings.host.includes(':') && !settings.host.startsWith('[') ? `[${settings.host}]` : settings.host;
  return `${scheme}://${encodeURIComponent(settings.systemId)}:${encodeURIComponent(secret ?? '')}@${host}:${settings.port}`;
}

export async function smsRouteFor(ctx: ChannelContext, tenantId: string): Promise<SmsRoute | undefined> {
  let smpp;
  let http;
  try {
    smpp = await readChannelSettings(ctx, tenantId, 'smpp');
    http = smpp?.isEnabled ? undefined : await readChannelSettings(ctx, tenantId, 'sms_http');
  } catch (error) {
    throw new PermanentDeliveryError(
      `Réglages SMS illisibles (clé SECRETS_KEY changée ?) : ${(error as Error).message}`,
    );
  }
  if (smpp?.isEnabled) {
    return { kind: 'smpp', url: smppUrlOf(smpp.config, smpp.secret), sender: smpp.config.senderId, tenantId };
  }
  if (http?.isEnabled) {
    return {
      kind: 'http',
      url: http.config.url,
      token: http.secret ?? undefined,
      sender: http.config.senderId || ctx.config.smsSenderId,
    };
  }
  if (ctx.config.smppUrl)
    return { kind: 'smpp', url: ctx.config.smppUrl, sender: ctx.config.smsSenderId, tenantId: null };
  if (ctx.config.smsHttpUrl) {
    return {
      kind: 'http',
      url: ctx.config.smsHttpUrl,
      token: ctx.config.smsHttpToken,
      sender: ctx.config.smsSenderId,
    };
  }
  return undefined;
}
