import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/http/app-error';
import { findDefaultTenant, findTenantByHost, type Tenant } from './tenants.repository';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
const cacheTtlMs = 30_000;
/** Platform endpoints that answer whatever the host (load-balancer probes, API docs). */
const tenantFreePaths = ['/api/v1/health', '/api/docs', '/api/openapi.json'];

/** `Host: Ville.Example.fr:3000` → `ville.example.fr` */
export function normaliseHost(hostHeader: string | undefined): string {
  const host = (hostHeader ?? '').trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.replace(/:\d+$/, '');
}

/**
 * Resolves the tenant of each request from its Host header: a tenant whose host names contain it,
 * else the default tenant for loopback names and the PUBLIC_URL host, else 404.
 */
export function registerTenantResolution(app: FastifyInstance): void {
  const cache = new Map<string, { tenant: Tenant | null; expiresAt: number }>();
  const publicHost = normaliseHost(new URL(app.ctx.config.publicUrl).host);

  async function resolve(host: string): Promise<Tenant | null> {
    const cached = cache.get(host);
    if (cached && cached.expiresAt > Date.now()) return cached.tenant;
    let tenant = (await findTenantByHost(app.ctx.db, host)) ?? null;
    if (!tenant && (loopbackHosts.has(host) || host === publicHost)) {
      tenant = (await findDefaultTenant(app.ctx.db)) ?? null;
    }
    cache.set(host, { tenant, expiresAt: Date.now() + (tenant ? cacheTtlMs : 2_000) });
    return tenant;
  }

  app.decorateRequest('tenant', null as never);
  app.addHook('onRequest', async (request) => {
    const tenant = await resolve(normaliseHost(request.headers.host));
    if (!tenant) {
      if (tenantFreePaths.some((prefix) => request.url.startsWith(prefix))) return;
      throw new AppError('TENANT_NOT_FOUND', 'No town is served at this address.');
    }
    request.tenant = { id: tenant.id, slug: tenant.slug, name: tenant.name };
  });
}
