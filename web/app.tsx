import { lazy, Suspense } from 'react';
import { RouterProvider as AriaRouterProvider } from 'react-aria-components';
import { Route, Routes, useHref, useNavigate, type NavigateOptions } from 'react-router';
import { Loading } from './components/page';
import { SessionProvider } from './session';
import { TenantProvider } from './tenant';

declare module 'react-aria-components' {
  interface RouterConfig {
    routerOptions: NavigateOptions;
  }
}

// Each area is its own chunk: citizens never download the back office, and the reverse.
const PortalArea = lazy(() => import('./portal/portal-area'));
const BackofficeArea = lazy(() => import('./backoffice/backoffice-area'));

/** The router: the back office under /agent, the citizen portal everywhere else. */
export function App() {
  const navigate = useNavigate();
  return (
    <AriaRouterProvider navigate={(to, options) => void navigate(to, options)} useHref={useHref}>
      <TenantProvider>
        <SessionProvider>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/agent/*" element={<BackofficeArea />} />
              <Route path="/*" element={<PortalArea />} />
            </Routes>
          </Suspense>
        </SessionProvider>
      </TenantProvider>
    </AriaRouterProvider>
  );
}
