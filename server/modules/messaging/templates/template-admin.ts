import type { AppContext } from '../../../app-context';
import { transaction } from '../../../platform/db/transaction';
import { AppError, invalidField } from '../../../platform/http/app-error';
import { type MessagingContext, sendToCitizen } from '../send-message';
import { type RenderedTemplate, renderTemplate, templateTextProblems } from './render-template';
import {
  requireTemplateDefinition,
  templateRegistryOf,
  type MessageTemplateDefinition,
  type TemplateText,
} from './template-registry';
import {
  deleteTemplate,
  findEffectiveTemplate,
  findTenantTemplates,
  upsertTemplate,
} from './templates.repository';
import { requireAgentRole, type Principal } from '../../../platform/auth/principal';

export interface TemplateView extends TemplateText {
  key: string;
  label: string;
  variables: string[];
  isCustom: boolean;
  defaults: TemplateText;
  updatedAt: string | null;
}

type TemplatesContext = Pick<AppContext, 'db' | 'modules'>;

const limits = { subject: 200, body: 10_000, shortBody: 480 };

/** Refuses unknown variables, malformed braces, empty or overlong texts, naming the field. */
export function validateTemplateText(
  definition: MessageTemplateDefinition,
  text: TemplateText,
): TemplateText {
  const allowed = Object.keys(definition.variables);
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

/** Every template the modules registered, with the town's wording where it has its own. */
export async function listTemplates(ctx: TemplatesContext, principal: Principal): Promise<TemplateView[]> {
  const { tenantId } = principal;
  const stored = new Map((await findTenantTemplates(ctx.db, tenantId)).map((row) => [row.key, row]));
  return templateRegistryOf(ctx).all.map((definition) => {
    const row = stored.get(definition.key);
    const defaults = { subject: definition.subject, body: definition.body, shortBody: definition.shortBody };
    return {
      key: definition.key,
      label: definition.label,
      variables: Object.keys(definition.variables),
      ...(row ? { subject: row.subject, body: row.body, shortBody: row.shortBody } : defaults),
      isCustom: Boolean(row),
      defaults,
      updatedAt: row ? row.updatedAt.toISOString() : null,
    };
  });
}

async function viewOf(ctx: TemplatesContext, principal: Principal, key: string) {
  return (await listTemplates(ctx, principal)).find((view) => view.key === key)!;
}

export async function saveTemplate(
  ctx: Pick<AppContext, 'db' | 'clock' | 'modules'>,
  principal: Principal,
  input: { key: string; text: TemplateText },
): Promise<TemplateView> {
  const definition = requireTemplateDefinition(ctx, input.key);
  const text = validateTemplateText(definition, input.text);
  await upsertTemplate(ctx.db, {
    tenantId: principal.tenantId,
    key: definition.key,
    updatedById: requireAgentRole(principal, ['admin']).id,
    now: ctx.clock.now(),
    ...text,
  });
  return viewOf(ctx, principal, definition.key);
}

export async function resetTemplate(
  ctx: TemplatesContext,
  principal: Principal,
  input: { key: string },
): Promise<TemplateView> {
  const definition = requireTemplateDefinition(ctx, input.key);
  await deleteTemplate(ctx.db, principal.tenantId, definition.key);
  return viewOf(ctx, principal, definition.key);
}

/** Renders a template (the draft given, else the saved one) with the sample variables. */
export async function previewTemplate(
  ctx: TemplatesContext,
  principal: Principal,
  input: { key: string; draft?: Partial<TemplateText>; townName: string },
): Promise<RenderedTemplate & { variables: Record<string, string> }> {
  const definition = requireTemplateDefinition(ctx, input.key);
  const saved = await findEffectiveTemplate(ctx.db, principal.tenantId, definition);
  const text = validateTemplateText(definition, {
    subject: input.draft?.subject ?? saved.subject,
    body: input.draft?.body ?? saved.body,
    shortBody: input.draft?.shortBody !== undefined ? input.draft.shortBody : saved.shortBody,
  });
  const variables = { ...definition.variables, townName: input.townName };
  return { ...renderTemplate(text, variables), variables };
}

/** Sends the saved template, with the sample variables, to the administrator's own address. */
export async function sendTestTemplate(
  ctx: Pick<AppContext, 'db'> & MessagingContext,
  principal: Principal,
  input: { key: string; email: string; townName: string },
): Promise<{ messageId: string }> {
  const definition = requireTemplateDefinition(ctx, input.key);
  const variables = { ...definition.variables, townName: input.townName };
  const now = ctx.clock.now();
  const { messageIds } = await transaction(ctx.db, (tx) =>
    sendToCitizen(tx, ctx, {
      tenantId: principal.tenantId,
      key: `template-test:${definition.key}:${now.getTime()}:${Math.random().toString(36).slice(2, 10)}`,
      recipient: { email: input.email, preferredChannel: 'email' },
      template: { key: definition.key, variables },
      channels: ['email'],
    }),
  );
  if (!messageIds[0]) throw new AppError('CHANNEL_NOT_CONFIGURED', 'E-mail cannot be sent.');
  return { messageId: messageIds[0] };
}
