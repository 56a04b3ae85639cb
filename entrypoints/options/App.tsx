import { CatalogSection } from '@/components/CatalogSection';
import { MarkerSettings } from '@/components/MarkerSettings';
import { SourcesSection } from '@/components/SourcesSection';
import { SyncSettings } from '@/components/SyncSettings';

/**
 * The settings page: one column of sections, each a card. Catalog comes first because nothing
 * else works without it, and Sources, which keep it current, follow it.
 */
export function App() {
  return (
    <div className="page">
      <header className="page-header">
        <h1>PaperPeek</h1>
        <p className="lede">
          Recognises research papers on the pages you visit and looks them up in a catalog stored on
          this computer. Nothing you browse leaves your machine.
        </p>
        <p className="lede">
          <a href="/manager.html">Open your reading list</a>
        </p>
      </header>
      <main className="sections">
        <CatalogSection />
        <SourcesSection />
        <MarkerSettings />
        <SyncSettings />
      </main>
    </div>
  );
}
