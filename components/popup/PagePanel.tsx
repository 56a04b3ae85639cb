import { useState } from 'react';
import type { Paper } from '@/lib/catalog/schema';
import { webHostname } from '@/lib/popup/active-tab';
import { savePapers } from '@/lib/popup/reading';
import { rowFromPaper } from '@/lib/popup/rows';
import { usePapers, type PapersState } from '@/lib/popup/use-papers';
import type { TabPapersState } from '@/lib/popup/use-tab-papers';
import { formatPapers } from '@/lib/ui/format';
import { Notice } from './Notice';
import { PaperRowView } from './PaperRowView';
import { SavePageButton } from './SavePageButton';
import { SiteSwitch } from './SiteSwitch';

interface Props {
  tab: TabPapersState;
  saved: ReadonlySet<string>;
  onOpen: (id: string) => void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** "This page": the catalog papers on the active tab, saving them, and the per-site switch. */
export function PagePanel({ tab, saved, onOpen }: Props) {
  const papers = usePapers(tab.phase === 'done' ? tab.ids : null);
  if (tab.phase === 'loading') return <section className="panel" aria-label="This page" />;
  if (tab.phase === 'no-tab') {
    return (
      <section className="panel page-panel" aria-label="This page">
        <Notice title="No tab to look at." />
      </section>
    );
  }
  if (tab.phase === 'error') {
    return (
      <section className="panel page-panel" aria-label="This page">
        <Notice kind="error" title="Could not ask for this page's papers.">
          <p>{tab.message}</p>
        </Notice>
      </section>
    );
  }
  const hostname = webHostname(tab.url);
  return (
    <section className="panel page-panel" aria-label="This page">
      <div className="page-head">
        {hostname ? (
          <SiteSwitch hostname={hostname} />
        ) : (
          <p className="muted">PaperPeek does not run on this kind of page.</p>
        )}
      </div>
      <PageList papers={papers} ids={tab.ids} saved={saved} onOpen={onOpen} />
      {hostname && <SavePageButton tabId={tab.tab.id} />}
    </section>
  );
}

function PageList({
  papers,
  ids,
  saved,
  onOpen,
}: {
  papers: PapersState;
  ids: string[];
  saved: ReadonlySet<string>;
  onOpen: (id: string) => void;
}) {
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  if (ids.length === 0) {
    return (
      <div className="page-empty">
        <p className="empty-title">No catalog papers on this page.</p>
        <p className="muted">
          Papers show up here as PaperPeek finds them on the page, and for arXiv and alphaXiv PDF
          tabs.
        </p>
      </div>
    );
  }
  if (papers.phase === 'loading') return <p className="muted page-empty">Loading…</p>;
  if (papers.phase === 'error') {
    return (
      <Notice kind="error" title="Could not load this page's papers.">
        <p>{papers.message}</p>
      </Notice>
    );
  }
  const list: Paper[] = papers.papers;
  const unsaved = list.filter((p) => !saved.has(p.id)).length;
  const saveAll = () => {
    setStatus(null);
    savePapers(list, saved).then(
      (n) => setStatus({ ok: true, text: `Saved ${formatPapers(n)}.` }),
      (error: unknown) => setStatus({ ok: false, text: `Not all saved: ${messageOf(error)}` }),
    );
  };
  return (
    <>
      <div className="page-summary">
        <span>{formatPapers(list.length)} on this page</span>
        <button
          type="button"
          className="button button-small"
          disabled={unsaved === 0}
          onClick={saveAll}
        >
          {unsaved === 0 ? 'All saved' : `Save all (${unsaved})`}
        </button>
      </div>
      {status && (
        <p
          className={status.ok ? 'save-status' : 'field-error'}
          role={status.ok ? 'status' : 'alert'}
        >
          {status.text}
        </p>
      )}
      <ul data-list="page" className="plain-list page-list" aria-label="Papers on this page">
        {list.map((paper) => (
          <li key={paper.id} data-paper-id={paper.id}>
            <button type="button" className="row row-button" onClick={() => onOpen(paper.id)}>
              <PaperRowView row={rowFromPaper(paper)} saved={saved.has(paper.id)} />
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
