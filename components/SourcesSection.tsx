import { useEffect, useRef } from 'react';
import { suggestCategories } from '@/lib/feeds/category-search';
import { SOURCE_IDS } from '@/lib/feeds/sources';
import { formatAgo, formatPapers } from '@/lib/ui/format';
import { useNow } from '@/lib/ui/use-now';
import { useReadingCategories } from '@/lib/ui/use-reading-categories';
import { useSources } from '@/lib/ui/use-sources';
import { ArxivCategoryPicker } from './sources/ArxivCategoryPicker';
import { BackfillSelect } from './sources/BackfillSelect';
import { RemovePapers } from './sources/RemovePapers';
import { SourceRow } from './sources/SourceRow';
import { SubscriptionUrl } from './sources/SubscriptionUrl';

/**
 * Options → Sources: the public feeds the catalog keeps itself current from, each with its
 * switch, status and settings, and "Update now". Reachable as options.html#sources (the welcome
 * page links here).
 */
export function SourcesSection() {
  const sources = useSources();
  const { view, readError, notes, busy } = sources;
  const now = useNow();
  const readingCategories = useReadingCategories();
  const heading = useRef<HTMLHeadingElement>(null);
  const arrived = useRef(false);

  // Linked to as #sources: the section renders after the browser looked for the anchor.
  useEffect(() => {
    if (arrived.current || !view || location.hash !== '#sources') return;
    arrived.current = true;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [view]);

  const settings = view?.settings;
  const status = view?.status;
  const anyOn = settings ? SOURCE_IDS.some((s) => settings[s].enabled) : false;
  const running = status ? SOURCE_IDS.some((s) => status[s].progress !== null) : false;
  const updating = busy.has('update') || running;
  const chosen = settings?.arxiv.categories ?? [];
  const suggestions = readingCategories ? suggestCategories(readingCategories, chosen) : [];

  return (
    <section className="card" id="sources" aria-labelledby="sources-heading">
      <header className="card-header">
        <h2 id="sources-heading" ref={heading} tabIndex={-1}>
          Sources
        </h2>
        <p className="card-description">
          Public lists PaperPeek downloads to keep the catalog current, the way a filter list is
          kept current. Requests go only to the sources you turn on, with no cookies, no referrer
          and nothing about the pages you visit.
        </p>
      </header>

      {readError && (
        <p className="message message-error" role="alert">
          The sources could not be read: {readError}
        </p>
      )}
      {!view && !readError && <p className="empty">Reading the sources…</p>}

      {view && settings && status && (
        <>
          <p className="sources-summary" data-testid="sources-summary">
            {view.feedPapers === 0
              ? 'No papers from sources yet.'
              : `${formatPapers(view.feedPapers)} from sources`}
            {view.updatedAt && ` · catalog updated ${formatAgo(view.updatedAt, now)}`}
          </p>

          <SourceRow
            source="hf"
            status={status.hf}
            enabled={settings.hf.enabled}
            busy={busy.has('hf')}
            now={now}
            note={notes.hf}
            onToggle={(on) => void sources.setEnabled('hf', on)}
          >
            <BackfillSelect
              value={settings.hf.backfillDays}
              disabled={busy.has('hf')}
              onChange={(days) => void sources.setBackfill(days)}
            />
            <RemovePapers
              source="hf"
              added={status.hf.added}
              enabled={settings.hf.enabled}
              busy={busy.has('remove-hf')}
              onRemove={() => sources.removePapers('hf')}
            />
          </SourceRow>

          <SourceRow
            source="arxiv"
            status={status.arxiv}
            enabled={settings.arxiv.enabled}
            busy={busy.has('arxiv')}
            now={now}
            note={notes.arxiv}
            onToggle={(on) => void sources.setEnabled('arxiv', on)}
          >
            {settings.arxiv.enabled && chosen.length === 0 && (
              <p className="message message-error" role="status">
                Pick at least one category: nothing is fetched from arXiv until you do.
              </p>
            )}
            {/* Never disabled while saving: the box would lose the focus mid-typing. */}
            <ArxivCategoryPicker
              chosen={chosen}
              suggestions={suggestions}
              onChange={(next) => void sources.setCategories(next)}
            />
            <RemovePapers
              source="arxiv"
              added={status.arxiv.added}
              enabled={settings.arxiv.enabled}
              busy={busy.has('remove-arxiv')}
              onRemove={() => sources.removePapers('arxiv')}
            />
          </SourceRow>

          <SourceRow
            source="sub"
            status={status.sub}
            enabled={settings.sub.enabled && settings.sub.url !== null}
            blocked={settings.sub.url ? null : 'Save an address below first.'}
            busy={busy.has('sub')}
            now={now}
            note={notes.sub}
            onToggle={(on) => void sources.setEnabled('sub', on)}
          >
            <SubscriptionUrl
              key={settings.sub.url ?? ''}
              saved={settings.sub.url}
              disabled={busy.has('sub')}
              onSave={(url) => sources.setSubscriptionUrl(url)}
            />
            <RemovePapers
              source="sub"
              added={status.sub.added}
              enabled={settings.sub.enabled}
              busy={busy.has('remove-sub')}
              onRemove={() => sources.removePapers('sub')}
            />
          </SourceRow>
        </>
      )}

      {settings && (
        <div className="setting-row">
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              data-action="daily-notification"
              checked={settings.notify}
              disabled={busy.has('notify')}
              aria-describedby="daily-notification-hint"
              onChange={(event) => void sources.setNotify(event.target.checked)}
            />
            <span className="switch-label">A notification a day about new papers for you</span>
          </label>
          <p className="hint" id="daily-notification-hint">
            At most once a day, after an update: up to three new papers from your sources that are
            closest to the papers on your reading list. Chosen on this computer; nothing is sent.
          </p>
        </div>
      )}

      <div className="card-actions">
        <button
          type="button"
          className="button button-primary"
          data-action="update-sources"
          disabled={!view || !anyOn || updating}
          aria-describedby="update-sources-hint"
          onClick={() => void sources.updateNow()}
        >
          {updating ? 'Updating…' : 'Update now'}
        </button>
        <p className="hint" id="update-sources-hint">
          {anyOn
            ? 'Fetches every source that is on, now, instead of at its next update.'
            : 'Turn a source on first.'}
        </p>
      </div>
      <div className="live" aria-live="polite">
        {notes.all && (
          <p className={notes.all.ok ? 'message message-success' : 'message message-error'}>
            {notes.all.text}
          </p>
        )}
      </div>
    </section>
  );
}
