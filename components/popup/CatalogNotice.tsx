import { formatCount } from '@/lib/ui/format';
import type { CatalogView } from '@/lib/popup/use-catalog-status';
import { Notice } from './Notice';

/** Why there is nothing to search yet, or null when the catalog is ready. */
export function CatalogNotice({ view }: { view: CatalogView }) {
  if (view.phase === 'ready' || view.phase === 'checking') return null;
  if (view.phase === 'unreachable') {
    return (
      <Notice kind="error" title="PaperPeek's background is not answering.">
        <p>{view.message}. Reopen the popup; if it persists, reload the extension.</p>
      </Notice>
    );
  }
  const { job, lastError } = view.status;
  if (job) {
    const pct = job.total > 0 ? Math.floor((job.done / job.total) * 100) : 0;
    return (
      <Notice title="The catalog is still loading.">
        <p>
          {formatCount(job.done)} of {formatCount(job.total)} papers ({pct}%). Search starts when it
          is complete.
        </p>
      </Notice>
    );
  }
  if (lastError) {
    return (
      <Notice kind="error" title="No catalog: the last load failed.">
        <p>{lastError}</p>
      </Notice>
    );
  }
  return <Notice title="The catalog is being installed. Search starts in a moment." />;
}
