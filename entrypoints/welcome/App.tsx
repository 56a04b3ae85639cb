import { StartPanel } from '@/components/welcome/StartPanel';
import { useCatalogStatus } from '@/lib/popup/use-catalog-status';
import { formatPapers } from '@/lib/ui/format';

/**
 * The first-run page, opened once on install (lib/background/install.ts): what the catalog is,
 * the sources that can keep it current, and the choice to start them or not.
 */
export function App() {
  const catalog = useCatalogStatus();
  const count = catalog.phase === 'ready' ? (catalog.status.active?.count ?? 0) : null;
  return (
    <div className="page welcome">
      <header className="page-header">
        <h1>Welcome to PaperPeek</h1>
        <p className="lede">
          PaperPeek marks the research papers on the pages you visit. Hover a marker for the paper’s
          card: what it is, its code, related work, and a button to save it to your reading list.
        </p>
      </header>
      <main className="sections">
        <section className="card" aria-labelledby="catalog-heading">
          <header className="card-header">
            <h2 id="catalog-heading">A catalog on this computer</h2>
            <p className="card-description">
              Papers are recognised by looking them up in a catalog stored in your browser, so
              nothing you browse leaves this computer.{' '}
              {count === null
                ? 'The catalog that comes with PaperPeek is being installed.'
                : `The catalog that comes with PaperPeek holds ${formatPapers(count)}.`}
            </p>
          </header>
        </section>
        <section className="card" aria-labelledby="sources-heading">
          <header className="card-header">
            <h2 id="sources-heading">Keep it current</h2>
            <p className="card-description">
              To know the papers people read this week, PaperPeek can download public lists on a
              schedule, the way an ad blocker keeps its filter lists current. Hugging Face is
              suggested to start with; the others wait until you set them up.
            </p>
          </header>
          <StartPanel />
        </section>
      </main>
    </div>
  );
}
