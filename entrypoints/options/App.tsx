import { CatalogSection } from '@/components/CatalogSection';

/**
 * The settings page: one column of sections, each a card. Catalog comes first because nothing
 * else works without it; later sections (sites, reading list, sync) join the same column.
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
      </header>
      <main className="sections">
        <CatalogSection />
      </main>
    </div>
  );
}
