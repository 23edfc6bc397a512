import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from './api/client';
import type { Tenant } from './api/types';
import { t } from './i18n/fr';

const TenantContext = createContext<Tenant | null>(null);

/** Loads the town served on this host (GET /tenant), for the header and page titles. */
export function TenantProvider({ children }: { children: ReactNode }) {
  const [tenant, setTenant] = useState<Tenant | null>(null);
  useEffect(() => {
    let isCancelled = false;
    api
      .get('/tenant')
      .then((reply) => {
        if (!isCancelled) setTenant(reply);
      })
      .catch(() => undefined);
    return () => {
      isCancelled = true;
    };
  }, []);
  return <TenantContext.Provider value={tenant}>{children}</TenantContext.Provider>;
}

export function useTenant(): Tenant | null {
  return useContext(TenantContext);
}

/** The town's name, or a neutral label until it is known. */
export function useTownName(): string {
  return useTenant()?.name ?? t.app.defaultTown;
}
