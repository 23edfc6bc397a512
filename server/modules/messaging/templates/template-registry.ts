/**
 * Message templates are registered by the module that sends them (extension point
 * `messageTemplates`): its keys, default French wording and variables with sample values.
 * Messaging keeps no closed list; a town may override any registered template's wording.
 */
import type { AppContext } from '../../../app-context';
import { AppError } from '../../../platform/http/app-error';

export interface TemplateText {
  subject: string;
  body: string;
  /** For SMS; the body is used when absent. Portal notifications carry the whole body. */
  shortBody: string | null;
}

export interface MessageTemplateDefinition extends TemplateText {
  key: string;
  /** Name shown to administrators. */
  label: string;
  /** Variables this template may use, with the sample value of previews. */
  variables: Readonly<Record<string, string>>;
}

declare module '../../../platform/modules/module-manifest' {
  interface ModuleExtensions {
    /** The templates of the messages a module sends. */
    messageTemplates: readonly MessageTemplateDefinition[];
  }
}

export interface TemplateRegistry {
  /** Every registered template, in manifest order. */
  all: readonly MessageTemplateDefinition[];
  find(key: string): MessageTemplateDefinition | undefined;
}

const registries = new WeakMap<object, TemplateRegistry>();

/** The templates every module registered (built once per app; two modules may not share a key). */
export function templateRegistryOf(ctx: Pick<AppContext, 'modules'>): TemplateRegistry {
  const cached = registries.get(ctx.modules);
  if (cached) return cached;
  const all = ctx.modules.extensions('messageTemplates').flat();
  const byKey = new Map<string, MessageTemplateDefinition>();
  for (const definition of all) {
    if (byKey.has(definition.key))
      throw new Error(`Two modules register the message template "${definition.key}"`);
    byKey.set(definition.key, definition);
  }
  const registry: TemplateRegistry = { all, find: (key) => byKey.get(key) };
  registries.set(ctx.modules, registry);
  return registry;
}

/** The template of that key, or 404 MESSAGE_TEMPLATE_NOT_FOUND. */
export function requireTemplateDefinition(
  ctx: Pick<AppContext, 'modules'>,
  key: string,
): MessageTemplateDefinition {
  const definition = templateRegistryOf(ctx).find(key);
  if (!definition) throw new AppError('MESSAGE_TEMPLATE_NOT_FOUND', `No message template "${key}".`);
  return definition;
}
