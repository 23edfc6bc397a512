import type { AppContext } from '../../../app-context';
import { AppError, invalidField } from '../../../platform/http/app-error';
import { sendToCitizen } from '../send-message';
import {
  defaultTemplates,
  isTemplateKey,
  templateKeys,
  type TemplateKey,
  type TemplateText,
} from './default-templates';
import { renderTemplate, templateTextProblems, type RenderedTemplate } from './render-template';
import {
  deleteTemplate,
  findEffectiveTemplate,
  findTenantTemplates,
  upsertTemplate,
} from './templates.repository';

export interface TemplateView extends TemplateText {
  key: TemplateKey;
  label: string;
  variables: string[];
  isCustom: boolean;
  defaults: TemplateText;
  updatedAt: string | null;
}

const limits = { subject: 200, body: 10_000, shortBody: 480 };

export function requireTemplateKey(key: string): TemplateKey {
  if (!isTemplateKey(key)) throw new AppError('MESSAGE_TEMPLATE_NOT_FOUND', `No message template "${key}".`);
  return key;
}

/** Refuses unknown variables, malformed braces, empty or overlong texts, naming the field. */
export function validateTemplateText(key: TemplateKey, text: TemplateText): TemplateText {
  const allowed = Object.keys(defaultTemplates[key].variables);
  const subject = text.subject.trim();
  const body = text.body.replace(/\r\n/g, '\n').trim();
  const shortBody = text.shortBody?.trim() ? text.shortBody.trim() : null;
  if (!subject) throw invalidField('subject', 'l’objet est obligatoire');
  if (!body) throw invalidField('body', 'le texte est obligatoire');
  if (/[\r\n]/.test(subject)) throw invalidField('subject', 'l’objet tient sur une ligne');
  for (const [field, value] of [
    ['subject', subject],
    ['body', body],
    ['shortBody', shortBody],
  ] as const) {
    if (value === null) continue;
    if (value.length > limits[field]) throw invalidField(field, `${limits[field]} caractères au plus`);
    const problems = templateTextProblems(value, allowed);
    if (problems.length > 0) throw invalidField(field, problems.join(' ; '));
  }
  return { subject, body, shortBody };
}

export async function listTemplates(ctx: Pick<AppContext, 'db'>, tenantId: string): Promise<TemplateView[]> {
  const stored = new Map((await findTenantTemplates(ctx.db, tenantId)).map((row) => [row.key, row]));
  return templateKeys.map((key) => {
    const definition = defaultTemplates[key];
    const row = stored.get(key);
    const defaults = { subject: definition.subject, body: definition.body, shortBody: definition.shortBody };
    return {
      key,
      label: definition.label,
      variables: Object.keys(definition.variables),
      ...(row ? { subject: row.subject, body: row.body, shortBody: row.shortBody } : defaults),
      isCustom: Boolean(row),
      defaults,
      updatedAt: row ? row.updatedAt.toISOString() : null,
    };
  });
}

async function viewOf(ctx: Pick<AppContext, 'db'>, tenantId: string, key: TemplateKey) {
  return (await listTemplates(ctx, tenantId)).find((view) => view.key === key)!;
}

export async function saveTemplate(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { tenantId: string; key: string; actorId: string; text: TemplateText },
): Promise<TemplateView> {
  const key = requireTemplateKey(input.key);
  const text = validateTemplateText(key, input.text);
  await upsertTemplate(ctx.db, {
    tenantId: input.tenantId,
    key,
    updatedById: input.actorId,
    now: ctx.clock.now(),
    ...text,
  });
  return viewOf(ctx, input.tenantId, key);
}

export async function resetTemplate(
  ctx: Pick<AppContext, 'db'>,
  input: { tenantId: string; key: string },
): Promise<TemplateView> {
  const key = requireTemplateKey(input.key);
  await deleteTemplate(ctx.db, input.tenantId, key);
  return viewOf(ctx, input.tenantId, key);
}

/** Renders a template (the draft given, else the saved one) with the sample variables. */
export async function previewTemplate(
  ctx: Pick<AppContext, 'db'>,
  input: { tenantId: string; key: string; draft?: Partial<TemplateText>; townName: string },
): Promise<RenderedTemplate & { variables: Record<string, string> }> {
  const key = requireTemplateKey(input.key);
  const saved = await findEffectiveTemplate(ctx.db, input.tenantId, key);
  const text = validateTemplateText(key, {
    subject: input.draft?.subject ?? saved.subject,
    body: input.draft?.body ?? saved.body,
    shortBody: input.draft?.shortBody !== undefined ? input.draft.shortBody : saved.shortBody,
  });
  const variables = { ...defaultTemplates[key].variables, townName: input.townName };
  return { ...renderTemplate(text, variables), variables };
}

/** Sends the saved template, with the sample variables, to the administrator's own address. */
export async function sendTestTemplate(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  input: { tenantId: string; key: string; email: string; townName: string },
): Promise<{ messageId: string }> {
  const key = requireTemplateKey(input.key);
  const variables = { ...defaultTemplates[key].variables, townName: input.townName };
  const now = ctx.clock.now();
  const { messageIds } = await ctx.db.transaction((tx) =>
    sendToCitizen(tx, ctx, {
      tenantId: input.tenantId,
      key: `template-test:${key}:${now.getTime()}:${Math.random().toString(36).slice(2, 10)}`,
      recipient: { email: input.email, preferredChannel: 'email' },
      template: { key, variables },
      channels: ['email'],
    }),
  );
  if (!messageIds[0]) throw new AppError('CHANNEL_NOT_CONFIGURED', 'E-mail cannot be sent.');
  return { messageId: messageIds[0] };
}
