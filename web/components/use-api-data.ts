import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';

interface ApiData<T> {
  data: T | undefined;
  error: unknown;
  isLoading: boolean;
  reload(): void;
}

/** Reads one API resource and keeps it; `reload()` reads it again (after a change). */
export function useApiData<T>(path: string | null): ApiData<T> {
  const [version, setVersion] = useState(0);
  const [result, setResult] = useState<{ key: string; data?: T; error?: unknown }>({ key: '' });
  const key = path === null ? '' : `${path}#${version}`;

  useEffect(() => {
    if (path === null) return;
    let isCancelled = false;
    api
      .get<T>(path)
      .then((data) => {
        if (!isCancelled) setResult({ key, data });
      })
      .catch((error: unknown) => {
        if (!isCancelled) setResult((previous) => ({ key, data: previous.data, error }));
      });
    return () => {
      isCancelled = true;
    };
  }, [path, key]);

  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { data: result.data, error: result.error, isLoading: path !== null && result.key !== key, reload };
}
