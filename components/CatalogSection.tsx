import { useEffect, useState } from 'react';
import { send } from '@/lib/messaging/messenger';
import { useCatalog } from '@/lib/ui/use-catalog';
import { formatCount } from '@/lib/ui/format';
import { CatalogFacts } from './CatalogFacts';
import { CatalogLoadMessage } from './CatalogLoadMessage';
import { FilePickerButton } from './FilePickerButton';
import { ProgressBar } from './ProgressBar';

/** The formats the catalog builder writes: NDJSON, plain or gzip-compressed. */
const CATALOG_ACCEPT = '.ndjson,.gz,.jsonl,application/gzip,application/x-ndjson';

/** The catalog in use, and the one control that replaces it with a user's file. */
export function CatalogSection() {
  const { status, unreachable, load, loadFile } = useCatalog();
  const feedPapers = useFeedPaperCount(load.phase);
  const [keepFeeds, setKeepFeeds] = useState(true);
  const job = status?.job ?? null;
  const loading = load.phase === 'loading';
  const busy = loading || job !== null;

  let progress: string | null = null;
  if (job) {
    progress = `Loaded ${formatCount(job.done)} of ${formatCount(job.total)} papers`;
  } else if (loading) {
    progress = 'Reading the file…';
  }

  return (
    <section className="card" aria-labelledby="catalog-heading">
      <header className="card-header">
        <h2 id="catalog-heading">Catalog</h2>
        <p className="card-description">
          The papers PaperPeek can recognise. Every lookup is answered from this copy, stored in
          your browser.
        </p>
      </header>

      {status?.active ? (
        <CatalogFacts active={status.active} bytesUsed={status.bytesUsed} />
      ) : (
        <p className="empty">
          {status === null ? 'Checking the catalog…' : 'No catalog is loaded yet.'}
        </p>
      )}
      {load.phase === 'idle' && !job && status?.lastError && (
        <p className="message message-error">The last catalog load failed: {status.lastError}</p>
      )}
      {unreachable && (
        <p className="message message-error" role="alert">
          The extension’s background did not answer: {unreachable}
        </p>
      )}

      <div className="card-actions">
        <FilePickerButton
          accept={CATALOG_ACCEPT}
          disabled={busy || status === null}
          describedBy="catalog-file-hint"
          onFile={(file) => void loadFile(file, keepFeeds)}
        >
          Load catalog file…
        </FilePickerButton>
        <p className="hint" id="catalog-file-hint">
          A catalog made by <code>npm run catalog</code> (<code>.ndjson</code> or{' '}
          <code>.ndjson.gz</code>). The current catalog stays in use until the new one has loaded
          completely.
        </p>
        {feedPapers > 0 && (
          <label className="keep-feeds">
            <input
              type="checkbox"
              data-action="keep-feed-papers"
              checked={keepFeeds}
              disabled={busy}
              onChange={(e) => setKeepFeeds(e.currentTarget.checked)}
            />
            Keep the {formatCount(feedPapers)} papers your sources brought
          </label>
        )}
      </div>

      {progress && <ProgressBar label={progress} value={job?.done} max={job?.total} />}
      <div className="live" aria-live="polite">
        {loading && <p className="visually-hidden">Loading {load.fileName}</p>}
        {!loading && job && !status?.active && (
          <p className="visually-hidden">Installing the bundled catalog</p>
        )}
        {load.phase === 'done' && (
          <CatalogLoadMessage load={load} active={status?.active ?? null} />
        )}
      </div>
      {load.phase === 'failed' && (
        <CatalogLoadMessage load={load} active={status?.active ?? null} />
      )}
    </section>
  );
}

/** How many catalog papers came from feed sources (0 until known, or if the answer fails). */
function useFeedPaperCount(phase: string): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    let live = true;
    send('getSources')
      .then((view) => live && setCount(view.feedPapers))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [phase]);
  return count;
}
