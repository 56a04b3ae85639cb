import type { ActiveCatalog } from '@/lib/ui/catalog-load';
import { formatBytes, formatDateTime, formatPapers } from '@/lib/ui/format';

type Props = {
  active: ActiveCatalog;
  bytesUsed: number | null;
};

/** What is loaded, as a definition list: each term names one fact about the catalog in use. */
export function CatalogFacts({ active, bytesUsed }: Props) {
  const facts: [string, string][] = [
    ['Papers', formatPapers(active.count)],
    ['Version', active.version],
    ['Source', active.source],
    ['Loaded', formatDateTime(active.loadedAt)],
    ['Size on disk', bytesUsed === null ? 'Not reported by the browser' : formatBytes(bytesUsed)],
  ];
  return (
    <dl className="facts">
      {facts.map(([term, value]) => (
        <div className="fact" key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
