import type { SourcesView } from '@/lib/messaging/protocol';
import { describeSource } from '@/lib/feeds/status-text';
import { formatPapers } from '@/lib/ui/format';
import { ProgressBar } from '../ProgressBar';

type Props = { view: SourcesView; now: Date };

/**
 * The first Hugging Face update as it runs: a progress bar and the papers added so far, then
 * how it ended (papers added and the next update, or the error in words).
 */
export function FirstUpdate({ view, now }: Props) {
  const status = view.status.hf;
  const enabled = view.settings.hf.enabled;
  const text = describeSource('hf', status, now, { enabled });
  const added = formatPapers(status.added);

  if (status.progress) {
    return (
      <div className="first-update" data-state="running">
        <ProgressBar
          label={
            text.percent === null
              ? 'Fetching Hugging Face’s daily papers…'
              : `Fetching Hugging Face’s daily papers: ${text.percent}% done`
          }
          value={status.progress.done}
          max={status.progress.total || undefined}
        />
        <p className="hint">
          {status.added === 0 ? 'No new papers yet.' : `${added} added so far.`} You can close this
          tab: the update carries on in the background.
        </p>
      </div>
    );
  }
  if (text.error) {
    return (
      <div className="first-update" data-state="error">
        <p className="message message-error" role="alert">
          {text.error}
        </p>
        <p className="hint">PaperPeek tries again by itself; nothing you need to do.</p>
      </div>
    );
  }
  if (status.lastSuccessAt) {
    return (
      <div className="first-update" data-state="done">
        <p className="message message-success" role="status">
          {status.added === 0
            ? 'Done: the catalog already had every paper Hugging Face listed.'
            : `Done: ${added} added to the catalog.`}
          {text.next && ` ${text.next}.`}
        </p>
      </div>
    );
  }
  return (
    <div className="first-update" data-state="waiting">
      <ProgressBar label="Starting the first update…" />
    </div>
  );
}
