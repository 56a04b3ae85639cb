import { useCallback, useState } from 'react';
import { SyncStatusLine } from '@/components/SyncStatusLine';
import { DetailsPanel } from '@/components/popup/DetailsPanel';
import { Notice } from '@/components/popup/Notice';
import { PagePanel } from '@/components/popup/PagePanel';
import { PopupHeader, type PopupTab } from '@/components/popup/PopupHeader';
import { SearchPanel } from '@/components/popup/SearchPanel';
import { TrendingPanel } from '@/components/popup/TrendingPanel';
import { NO_FILTERS, type FilterState } from '@/lib/popup/filters';
import { rememberViewed } from '@/lib/popup/recent';
import { useCatalogStatus } from '@/lib/popup/use-catalog-status';
import { useSavedIds } from '@/lib/popup/use-saved';
import type { SearchEngine } from '@/lib/popup/use-search';
import { useTabPapers } from '@/lib/popup/use-tab-papers';
import { searchCatalog, trendingPapers } from '@/lib/search/search';

const engine: SearchEngine = { search: searchCatalog, trending: trendingPapers };

/**
 * The popup: Search (the default), This page and Trending, with a paper's details over any.
 * Query, filters and the active row live here, so Back returns to the list exactly as it was left.
 */
export function App() {
  const [tab, setTab] = useState<PopupTab>('search');
  const [trail, setTrail] = useState<string[]>([]);
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<FilterState>(NO_FILTERS);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const saved = useSavedIds();
  const catalog = useCatalogStatus();
  const tabPapers = useTabPapers();

  const open = useCallback((id: string) => {
    setTrail((t) => [...t, id]);
    rememberViewed(id).catch((e: unknown) => console.warn('PaperPeek: recent papers', e));
  }, []);
  const back = useCallback(() => setTrail((t) => t.slice(0, -1)), []);
  const switchTab = (next: PopupTab) => {
    setTrail([]);
    setTab(next);
  };

  const current = trail[trail.length - 1];
  return (
    <div className="popup">
      <PopupHeader
        tab={tab}
        pageCount={tabPapers.phase === 'done' ? tabPapers.ids.length : undefined}
        onTab={switchTab}
      />
      <main id="view" className="view">
        {error && (
          <div className="toast">
            <Notice kind="error" title={error} />
            <button type="button" className="link-button" onClick={() => setError(null)}>
              Dismiss
            </button>
          </div>
        )}
        {current ? (
          <DetailsPanel key={current} id={current} saved={saved} onBack={back} onOpen={open} />
        ) : tab === 'search' ? (
          <SearchPanel
            query={query}
            onQuery={setQuery}
            filters={filters}
            onFilters={setFilters}
            active={active}
            onActive={setActive}
            onOpen={open}
            saved={saved}
            catalog={catalog}
            engine={engine}
            onError={setError}
          />
        ) : tab === 'trending' ? (
          <TrendingPanel saved={saved} onOpen={open} />
        ) : (
          <PagePanel tab={tabPapers} saved={saved} onOpen={open} />
        )}
      </main>
      <footer className="popup-footer">
        <SyncStatusLine />
      </footer>
    </div>
  );
}
