import { useId, useState, type FormEvent } from 'react';
import { disabledSites, normalizeSite, setSiteEnabled, SettingsError } from '@/lib/settings';
import { useSetting } from '@/lib/ui/use-setting';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The sites where the user turned markers off, each with a way back, and a way to add one. */
export function DisabledSites() {
  const sites = useSetting(disabledSites);
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  const onAdd = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    let site: string;
    try {
      site = normalizeSite(input);
    } catch (reason) {
      setError(reason instanceof SettingsError ? reason.message : messageOf(reason));
      return;
    }
    if (sites.value?.includes(site)) {
      setError(`Markers are already off on ${site}.`);
      return;
    }
    try {
      await setSiteEnabled(site, false);
      setError(null);
      setInput('');
      setDone(`Markers are now off on ${site}.`);
    } catch (reason) {
      setError(`Could not save: ${messageOf(reason)}`);
    }
  };

  const onRemove = async (site: string) => {
    try {
      await setSiteEnabled(site, true);
      setError(null);
      setDone(`Markers are back on ${site}.`);
    } catch (reason) {
      setError(`Could not save: ${messageOf(reason)}`);
    }
  };

  return (
    <div className="setting-row">
      <h3 className="setting-title" id="disabled-sites-heading">
        Sites without markers
      </h3>
      {sites.value === undefined ? (
        <p className="empty">{sites.error ?? 'Reading your sites…'}</p>
      ) : sites.value.length === 0 ? (
        <p className="empty">Markers are on for every site.</p>
      ) : (
        <ul className="site-list" aria-labelledby="disabled-sites-heading">
          {sites.value.map((site) => (
            <li key={site} className="site-row">
              <span className="site-name">{site}</span>
              <button
                type="button"
                className="button button-secondary"
                aria-label={`Turn markers back on for ${site}`}
                onClick={() => void onRemove(site)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="add-site" onSubmit={(event) => void onAdd(event)} noValidate>
        <label htmlFor={inputId}>Turn markers off on a site</label>
        <div className="add-site-row">
          <input
            id={inputId}
            className="text-input"
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="arxiv.org"
            value={input}
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => {
              setInput(event.target.value);
              setError(null);
            }}
          />
          <button type="submit" className="button button-primary">
            Add site
          </button>
        </div>
        {error && (
          <p className="field-error" id={errorId} role="alert">
            {error}
          </p>
        )}
      </form>
      <p className="visually-hidden" aria-live="polite">
        {done}
      </p>
    </div>
  );
}
