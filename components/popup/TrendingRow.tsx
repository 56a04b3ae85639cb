import { useState } from 'react';
import type { Paper } from '@/lib/catalog/schema';
import { safeHref } from '@/lib/catalog/web-link';
import { codeLabel } from '@/lib/content/format';
import { savePaper } from '@/lib/popup/reading';
import { rowFromPaper, shortAuthors, venueAndYear } from '@/lib/popup/rows';
import { formatCount } from '@/lib/ui/format';

interface Props {
  paper: Paper;
  upvotes?: number;
  saved: boolean;
  onOpen: (id: string) => void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * One paper of a Trending list as Hugging Face's page shows it: upvotes, title (opens the
 * details), authors, the summary (Hugging Face's own one labelled as theirs), its code, Save.
 */
export function TrendingRow({ paper, upvotes, saved, onOpen }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const meta = [shortAuthors(paper.authors), venueAndYear(rowFromPaper(paper))].filter(Boolean);
  const code = paper.code.find((link) => safeHref(link.url));
  const votes = upvotes ?? paper.upvotes;
  const save = () => {
    setError(null);
    setSaving(true);
    savePaper(paper)
      .catch((e: unknown) => setError(`Not saved: ${messageOf(e)}`))
      .finally(() => setSaving(false));
  };

  return (
    <li className="trend-row" data-paper-id={paper.id}>
      {votes !== undefined ? (
        <span className="trend-votes" title={`${formatCount(votes)} upvotes on Hugging Face`}>
          <span aria-hidden="true">▲</span>
          <span className="trend-votes-count">{formatCount(votes)}</span>
          <span className="visually-hidden"> upvotes</span>
        </span>
      ) : (
        <span className="trend-votes trend-votes-none" aria-hidden="true" />
      )}
      <div className="trend-body">
        <button type="button" className="trend-title" onClick={() => onOpen(paper.id)}>
          {paper.title}
        </button>
        {meta.length > 0 && <p className="trend-meta">{meta.join(' · ')}</p>}
        {paper.aiSummary ? (
          <p className="trend-summary">
            <span className="ai-label">Summary by Hugging Face:</span> {paper.aiSummary}
          </p>
        ) : (
          paper.summary && <p className="trend-summary">{paper.summary}</p>
        )}
        <div className="trend-actions">
          {code && (
            <a
              className="pill-link"
              href={code.url}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={`Code: ${codeLabel(code)}`}
            >
              {codeLabel(code)}
            </a>
          )}
          {saved ? (
            <span className="badge badge-saved" title="In your reading list">
              Saved
            </span>
          ) : (
            <button
              type="button"
              className="button button-small"
              disabled={saving}
              aria-label={`Save “${paper.title}” to the reading list`}
              onClick={save}
            >
              Save
            </button>
          )}
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </li>
  );
}
