import { useId, type ReactNode } from 'react';
import { SOURCE_INFO } from '@/lib/feeds/source-info';
import type { SourceId, SourceStatus } from '@/lib/feeds/sources';
import { describeSource } from '@/lib/feeds/status-text';
import type { SourceNote } from '@/lib/ui/use-sources';
import { ProgressBar } from '../ProgressBar';

type Props = {
  source: SourceId;
  status: SourceStatus;
  enabled: boolean;
  /** Why the switch cannot be turned on yet ("Save an address first."); null when it can. */
  blocked?: string | null;
  busy: boolean;
  now: Date;
  note?: SourceNote;
  onToggle: (on: boolean) => void;
  /** The source's own settings, then its Remove control. */
  children?: ReactNode;
};

/**
 * One source in Options → Sources: its switch, what it fetches, how its last update went (or
 * what went wrong, in words), the next update, then its own settings.
 */
export function SourceRow(props: Props) {
  const { source, status, enabled, blocked, busy, now, note, onToggle, children } = props;
  const info = SOURCE_INFO[source];
  const text = describeSource(source, status, now, { enabled });
  const hint = useId();
  const facts = [text.last, text.next].filter(Boolean).join(' · ');
  // A source that is off and never ran has nothing to report.
  const quiet = !enabled && status.lastRunAt === null && status.added === 0;

  return (
    <div className="setting-row source-row" data-source={source}>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={enabled}
          disabled={busy || (!enabled && !!blocked)}
          aria-describedby={hint}
          onChange={(event) => onToggle(event.target.checked)}
        />
        <span className="switch-label">{info.title}</span>
      </label>
      <p className="hint" id={hint}>
        {info.fetched}
        {!enabled && blocked && <strong className="blocked"> {blocked}</strong>}
      </p>
      {!quiet && (
        <p className="source-facts" data-status>
          {facts}
          <br />
          <span className="source-added">{text.added}</span>
        </p>
      )}
      {text.percent !== null || status.progress ? (
        <ProgressBar
          label={
            text.percent === null ? 'Updating…' : `Updating ${info.title}: ${text.percent}% done`
          }
          value={status.progress?.done}
          max={status.progress?.total || undefined}
        />
      ) : null}
      {text.error && (
        <p className="message message-error" data-testid="source-error">
          {text.error}
        </p>
      )}
      {note && (
        <p
          className={note.ok ? 'message message-success' : 'message message-error'}
          role={note.ok ? 'status' : 'alert'}
        >
          {note.text}
        </p>
      )}
      {children}
    </div>
  );
}
