/** What the links in account mails need to know about a tenant. */
export interface TenantAddress {
  isDefault: boolean;
  hostNames: string[];
}

/**
 * The base URL of a tenant's site: PUBLIC_URL for the default tenant (or one without a host
 * name), else the protocol of PUBLIC_URL, the tenant's first host name and PUBLIC_URL's port.
 */
export function tenantBaseUrl(publicUrl: string, tenant: TenantAddress): string {
  const [host] = tenant.hostNames;
  if (tenant.isDefault || !host) return publicUrl.replace(/\/+$/, '');
  const url = new URL(publicUrl);
  return `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`;
}

/** Pages of the web app that account mails link to. */
export const accountPages = {
  confirmEmail: '/confirmer-email',
  resetPassword: '/mot-de-passe/reinitialiser',
  acceptInvitation: '/agent/invitation',
} as const;

export function tokenLink(baseUrl: string, page: string, token: string): string {
  return `${baseUrl}${page}?token=${encodeURIComponent(token)}`;
}
