import { transaction } from '../platform/db/transaction';
import type { AppContext } from '../app-context';
import { queueInvitation } from '../modules/accounts';
import { tenantBaseUrl } from '../modules/accounts';
import { insertUser, type User } from '../modules/accounts';
import { normaliseHost } from '../modules/organisation';
import {
  findTenantByHost,
  findTenantBySlug,
  insertTenant,
  lockTenantProvisioning,
  type Tenant,
} from '../modules/organisation';
import { AppError } from '../platform/http/app-error';
import {
  checkEmail,
  checkHostName,
  checkInseeCode,
  checkSlug,
  checkTownName,
  deriveSlug,
  type Checked,
} from './town-input';

export interface CreateTownInput {
  name: string;
  hostNames: string[];
  adminEmail: string;
  /** Derived from the name when absent (`Ville de Saint-Exemple` → `saint-exemple`). */
  slug?: string;
  inseeCode?: string;
}

export type CreateTownResult =
  | { outcome: 'created'; tenant: Tenant; admin: User; baseUrl: string }
  /** A town with this slug exists already; nothing was changed. `sameName` false: another town. */
  | { outcome: 'exists'; tenant: Tenant; sameName: boolean };

interface CheckedInput {
  name: string;
  slug: string;
  hostNames: string[];
  inseeCode: string | null;
  adminEmail: string;
}

type FieldError = { field: string; message: string };

/** 400 VALIDATION_FAILED listing every wrong option, each named as the command spells it. */
function invalidOptions(errors: FieldError[]): AppError {
  const summary = errors.map((error) => `--${error.field}: ${error.message}`).join('; ');
  return new AppError('VALIDATION_FAILED', summary, { errors });
}

/** Every rule at once: the operator sees all that is wrong in one run. */
function checkInput(input: CreateTownInput, publicUrl: string): CheckedInput {
  const errors: FieldError[] = [];
  function take<T>(field: string, checked: Checked<T>): T | undefined {
    if ('error' in checked) {
      errors.push({ field, message: checked.error });
      return undefined;
    }
    return checked.value;
  }

  const name = take('name', checkTownName(input.name));
  let slug: string | undefined;
  if (input.slug !== undefined) slug = take('slug', checkSlug(input.slug));
  else if (name !== undefined) {
    slug = deriveSlug(name);
    if ('error' in checkSlug(slug)) {
      errors.push({ field: 'slug', message: `cannot be derived from the name "${name}": give one` });
      slug = undefined;
    }
  }
  const inseeCode = input.inseeCode === undefined ? null : take('insee', checkInseeCode(input.inseeCode));
  const adminEmail = take('admin-email', checkEmail(input.adminEmail));

  const publicHost = normaliseHost(new URL(publicUrl).host);
  const hostNames: string[] = [];
  if (input.hostNames.length === 0) {
    errors.push({ field: 'host', message: 'is required: the host name(s) the town is reached at' });
  }
  for (const raw of input.hostNames) {
    const host = take('host', checkHostName(raw));
    if (host === undefined) continue;
    // tenancy.ts looks up host names before falling back on the default town for PUBLIC_URL's host
    // (and localhost, which checkHostName refuses as it has no domain): a town there would take it over.
    if (host === publicHost) {
      errors.push({
        field: 'host',
        message: `"${host}" is the host of PUBLIC_URL, the address of the default town`,
      });
    } else if (!hostNames.includes(host)) hostNames.push(host);
  }

  if (errors.length > 0) throw invalidOptions(errors);
  return { name: name!, slug: slug!, hostNames, inseeCode: inseeCode ?? null, adminEmail: adminEmail! };
}

/**
 * An instance operator adds a town: the tenant with the default settings and its first
 * administrator, invited by e-mail (the account, its single-use token and the queued message),
 * all in one transaction. The invitation is sent by the server's job worker. A town with the
 * same slug already there: nothing changes and the result says so.
 */
export async function createTown(
  deps: Pick<AppContext, 'db' | 'clock' | 'config' | 'modules' | 'bus'>,
  input: CreateTownInput,
): Promise<CreateTownResult> {
  const checked = checkInput(input, deps.config.publicUrl);
  return transaction(deps.db, async (tx) => {
    await lockTenantProvisioning(tx);
    const existing = await findTenantBySlug(tx, checked.slug);
    if (existing) {
      const sameName = existing.name.toLocaleLowerCase('fr') === checked.name.toLocaleLowerCase('fr');
      return { outcome: 'exists', tenant: existing, sameName };
    }

    const errors: FieldError[] = [];
    for (const host of checked.hostNames) {
      const owner = await findTenantByHost(tx, host);
      if (owner) {
        errors.push({
          field: 'host',
          message: `"${host}" already serves the town « ${owner.name} » (slug ${owner.slug})`,
        });
      }
    }
    if (errors.length > 0) throw invalidOptions(errors);

    const tenant = await insertTenant(tx, {
      slug: checked.slug,
      name: checked.name,
      hostNames: checked.hostNames,
      inseeCode: checked.inseeCode,
      isDefault: false,
    });
    const admin = await insertUser(tx, {
      tenantId: tenant.id,
      kind: 'agent',
      email: checked.adminEmail,
      passwordHash: null,
      firstName: 'Administrateur',
      lastName: '',
      roles: ['admin'],
    });
    const baseUrl = tenantBaseUrl(deps.config.publicUrl, tenant);
    await queueInvitation(tx, deps, {
      user: admin,
      site: { name: tenant.name, baseUrl },
      now: deps.clock.now(),
      inviterName: null,
    });
    return { outcome: 'created', tenant, admin, baseUrl };
  });
}
