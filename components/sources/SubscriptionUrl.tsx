import { useId, useState, type FormEvent } from 'react';
import { isWebUrl } from '@/lib/catalog/web-link';

type Props = {
  saved: string | null;
  disabled?: boolean;
  onSave: (url: string | null) => Promise<unknown>;
};

/** The address of a catalog feed's manifest; an empty field forgets it. */
export function SubscriptionUrl({ saved, disabled, onSave }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { input: useId(), hint: useId(), error: useId() };
  const value = draft ?? saved ?? '';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const url = value.trim();
    if (url && !isWebUrl(url)) {
      setError('Enter the full address, starting with https:// (or http://).');
      return;
    }
    setError(null);
    // Straight from the submit: a new host's permission is asked for before anything else.
    void onSave(url || null).then(() => setDraft(null));
  };

  return (
    <form className="field" onSubmit={onSubmit} noValidate>
      <label htmlFor={ids.input}>Catalog feed address</label>
      <div className="add-site-row">
        <input
          id={ids.input}
          className="text-input"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://example.org/paperpeek/manifest.json"
          value={value}
          disabled={disabled}
          aria-invalid={error !== null}
          aria-describedby={error ? `${ids.error} ${ids.hint}` : ids.hint}
          onChange={(event) => {
            setDraft(event.target.value);
            setError(null);
          }}
        />
        <button
          type="submit"
          className="button button-primary"
          disabled={disabled || value.trim() === (saved ?? '')}
        >
          {value.trim() === '' && saved ? 'Forget address' : 'Save address'}
        </button>
      </div>
      {error && (
        <p className="field-error" id={ids.error} role="alert">
          {error}
        </p>
      )}
      <p className="hint" id={ids.hint}>
        The <code>manifest.json</code> that <code>npm run catalog:publish</code> writes, hosted on
        GitHub Pages, S3 or any web server. PaperPeek asks the browser for access to that one host.
      </p>
    </form>
  );
}
