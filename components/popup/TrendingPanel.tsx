import type { FeedListName } from '@/lib/feeds/sources';
import type { SourcesView } from '@/lib/messaging/protocol';
import { useTrending, type TrendingList } from '@/lib/popup/use-trending';
import { formatAgo } from '@/lib/ui/format';
import { Notice } from './Notice';
import { TrendingRow } from './TrendingRow';

interface Props {
  saved: ReadonlySet<string>;
  onOpen: (id: string) => void;
}

const HEADINGS: Record<FeedListName, string> = {
  'hf-trending': 'Trending on Hugging Face',
  'hf-today': 'Today’s daily papers',
  'arxiv-new': 'New in your categories',
};

const OPTIONS_SOURCES = () => browser.runtime.getURL('/options.html#sources' as '/');

/**
 * Trending: Hugging Face's trending list and today's daily papers, and arXiv's new papers in the
 * reader's categories, as the sources last gave them. Empty until a source is on and has run.
 */
export function TrendingPanel({ saved, onOpen }: Props) {
  const state = useTrending();
  const now = new Date();
  if (state.phase === 'loading') {
    return <section className="panel trending-panel" aria-label="Trending" aria-busy="true" />;
  }
  if (state.phase === 'error') {
    return (
      <section className="panel trending-panel" aria-label="Trending">
        <Notice kind="error" title="Trending could not be loaded.">
          <p>{state.message}</p>
        </Notice>
      </section>
    );
  }
  const lists = state.lists.filter((list) => list.items.length > 0);
  return (
    <section className="panel trending-panel" aria-label="Trending">
      {lists.length === 0 ? (
        <Empty sources={state.sources} />
      ) : (
        lists.map((list) => (
          <TrendingSection key={list.name} list={list} now={now} saved={saved} onOpen={onOpen} />
        ))
      )}
    </section>
  );
}

function TrendingSection({
  list,
  now,
  saved,
  onOpen,
}: {
  list: TrendingList;
  now: Date;
  saved: ReadonlySet<string>;
  onOpen: (id: string) => void;
}) {
  const headingId = `trending-${list.name}`;
  return (
    <section className="trend-section" aria-labelledby={headingId} data-trending={list.name}>
      <div className="trend-heading">
        <h2 id={headingId} className="group-heading">
          {HEADINGS[list.name]}
        </h2>
        <span className="trend-at">{formatAgo(list.at, now)}</span>
      </div>
      <ul data-list="trending" className="plain-list trend-list">
        {list.items.map((item) => (
          <TrendingRow
            key={item.paper.id}
            paper={item.paper}
            upvotes={item.upvotes}
            saved={saved.has(item.paper.id)}
            onOpen={onOpen}
          />
        ))}
      </ul>
    </section>
  );
}

function Empty({ sources }: { sources: SourcesView | null }) {
  const settings = sources?.settings;
  const on = settings && (settings.hf.enabled || settings.arxiv.enabled);
  const running =
    sources && (sources.status.hf.progress !== null || sources.status.arxiv.progress !== null);
  return (
    <div className="page-empty trend-empty">
      <p className="empty-title">
        {running
          ? 'The first update is under way.'
          : on
            ? 'No trending papers yet.'
            : 'Nothing trending yet.'}
      </p>
      <p className="muted">
        {running
          ? 'Papers show up here as they arrive from the sources.'
          : on
            ? 'They show up after the next update of Hugging Face or arXiv.'
            : 'Turn on Hugging Face or arXiv in the options to see today’s papers here.'}
      </p>
      <a
        className="button button-small trend-options"
        href={OPTIONS_SOURCES()}
        target="_blank"
        rel="noopener"
      >
        Open Options → Sources
      </a>
    </div>
  );
}
