import { useState } from 'react';
import { disabledSites, normalizeSite, setSiteEnabled } from '@/lib/settings';
import { useSetting } from '@/lib/ui/use-setting';

/** "Markers on this site": the per-site switch for the active tab's hostname. */
export function SiteSwitch({ hostname }: { hostname: string }) {
  const { value: disabled, error: readError } = useSetting(disabledSites);
  const [error, setError] = useState<string | null>(null);
  let site: string;
  try {
    site = normalizeSite(hostname);
  } catch {
    return null;
  }
  const on = disabled ? !disabled.includes(site) : undefined;
  return (
    <div className="site-switch">
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={on ?? true}
          disabled={on === undefined}
          aria-checked={on ?? true}
          onChange={(e) => {
            setError(null);
            setSiteEnabled(hostname, e.target.checked).catch((reason: unknown) =>
              setError(reason instanceof Error ? reason.message : String(reason)),
            );
          }}
        />
        <span className="switch-track" aria-hidden="true" />
        <span>
          Markers on <strong>{site}</strong>
        </span>
      </label>
      {(error || readError) && (
        <p className="field-error" role="alert">
          {error ?? `Could not read the setting: ${readError}`}
        </p>
      )}
    </div>
  );
}
