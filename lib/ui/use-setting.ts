import { useEffect, useState } from 'react';
import type { WxtStorageItem } from 'wxt/utils/storage';

/**
 * A setting's stored value, kept current by a storage watch (another tab, the popup or this page
 * may change it). Undefined until the first read answers, so a page never shows the fallback as
 * if it were the user's choice; `error` says why a read failed.
 */
export function useSetting<T>(item: WxtStorageItem<T, Record<string, unknown>>) {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const unwatch = item.watch((next) => setValue(next));
    item.getValue().then(
      (stored) => live && setValue(stored),
      (reason: unknown) =>
        live && setError(reason instanceof Error ? reason.message : String(reason)),
    );
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);

  return { value, error };
}
