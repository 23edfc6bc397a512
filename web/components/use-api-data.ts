import { useCallback, useEffect, useState } from 'react';
import { api, type ApiInit, type ApiPath, type ApiResponse, type InitArgument } from '../api/client';

interface ApiData<T> {
  data: T | undefined;
  error: unknown;
  isLoading: boolean;
  reload(): void;
}

/**
 * Reads one API resource and keeps it; `reload()` reads it again (after a change). A null path
 * reads nothing (yet). The answer's type comes from the contract:
 * `useApiData('/requests/{id}', { params: { path: { id } } })`.
 */
export function useApiData<P extends ApiPath<'get'>, Init extends ApiInit<P, 'get'>>(
  path: P | null,
  ...init: InitArgument<Init>
): ApiData<ApiResponse<P, 'get', Init>> {
  const [version, setVersion] = useState(0);
  const [result, setResult] = useState<{ key: string; data?: ApiResponse<P, 'get', Init>; error?: unknown }>({
    key: '',
  });
  // Parameters are plain JSON: their text says when to read again, and carries them to the effect.
  const parameters = JSON.stringify(init[0] ?? {});
  const key = path === null ? '' : `${path} ${parameters}#${version}`;

  useEffect(() => {
    if (path === null) return;
    let isCancelled = false;
    const get = api.get as (path: string, init: object) => Promise<ApiResponse<P, 'get', Init>>;
    get(path, JSON.parse(parameters) as object)
      .then((data) => {
        if (!isCancelled) setResult({ key, data });
      })
      .catch((error: unknown) => {
        if (!isCancelled) setResult((previous) => ({ key, data: previous.data, error }));
      });
    return () => {
      isCancelled = true;
    };
  }, [path, parameters, key]);

  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { data: result.data, error: result.error, isLoading: path !== null && result.key !== key, reload };
}
