import { useId, useRef, useState } from 'react';
import type { UserDb } from '@/lib/reading-list/db';
import type { Entry } from '@/lib/reading-list/entry';
import { downloadText } from '@/lib/reading-list/export/download';
import {
  EXPORT_FORMATS,
  exportFilename,
  exportFormat,
  type ExportFormatId,
} from '@/lib/reading-list/export/formats';

interface Props {
  db: UserDb;
  /** Everything the export can cover: the whole list, or what the manager shows. */
  entries: readonly Entry[];
  /** The current selection; offered as a scope when not empty. */
  selected: readonly Entry[];
  /** The whole list is still being read: the button shows but waits. */
  loading?: boolean;
}

type Scope = 'all' | 'selection';

/* Hoisted into <head> once by React; colours come from the theme's variables, so it follows
   light and dark. */
const CSS = `
.pp-dialog { border: 1px solid var(--border); border-radius: var(--radius); background: var(--surface);
  color: var(--text); padding: 20px 22px; width: min(480px, calc(100vw - 32px)); box-shadow: var(--shadow); }
.pp-dialog::backdrop { background: rgb(0 0 0 / 35%); }
.pp-dialog h2 { margin: 0 0 12px; font-size: 18px; }
.pp-dialog fieldset { border: 0; margin: 0 0 14px; padding: 0; }
.pp-dialog legend { font-weight: 600; margin-bottom: 6px; padding: 0; }
.pp-dialog .pp-choice { display: flex; align-items: center; gap: 8px; padding: 3px 0; }
.pp-dialog .pp-choice small { color: var(--text-muted); }
.pp-dialog .pp-buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 16px; }
.pp-dialog .pp-primary { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
.pp-dialog .pp-primary:hover { background: var(--accent-hover); }
.pp-dialog .pp-primary:disabled { opacity: 0.5; cursor: not-allowed; }
.pp-message { margin: 12px 0 0; padding: 8px 12px; border-radius: 8px; border: 1px solid; }
.pp-message.pp-ok { background: var(--success-bg); color: var(--success-text); border-color: var(--success-border); }
.pp-message.pp-error { background: var(--error-bg); color: var(--error-text); border-color: var(--error-border); }
`;

export function DialogStyle() {
  return (
    <style href="paperpeek-dialog" precedence="default">
      {CSS}
    </style>
  );
}

/** "Export…": a dialog to pick the format and what to export, then a download. */
export function ExportMenu({ db, entries, selected, loading = false }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [formatId, setFormatId] = useState<ExportFormatId>('bibtex');
  const [scope, setScope] = useState<Scope>('all');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const format = exportFormat(formatId);
  const useSelection = scope === 'selection' && selected.length > 0 && !format.wholeList;

  const open = () => {
    setScope(selected.length > 0 ? 'selection' : 'all');
    setMessage(null);
    dialog.current?.showModal();
  };

  const download = async () => {
    setBusy(true);
    try {
      const now = new Date();
      // The backup is the whole list with its deletions, read fresh from the database.
      const [list, tombstones] = format.wholeList
        ? await db.transaction('r', db.entries, db.tombstones, () =>
            Promise.all([db.entries.orderBy('addedAt').toArray(), db.tombstones.toArray()]),
          )
        : [useSelection ? selected : entries, []];
      const name = exportFilename(format, list.length, useSelection, now);
      // Loaded on first use: the writers bring citation-js, which the list itself never needs.
      const { writeExport } = await import('@/lib/reading-list/export/write');
      downloadText(name, await writeExport(format.id, list, tombstones, now), format.mime);
      setMessage({
        ok: true,
        text: `Saved ${name}: ${list.length} ${list.length === 1 ? 'paper' : 'papers'}.`,
      });
    } catch (error) {
      setMessage({ ok: false, text: `Export failed: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <DialogStyle />
      <button
        type="button"
        className="button"
        onClick={open}
        aria-haspopup="dialog"
        disabled={loading}
        title={loading ? 'Reading your list…' : undefined}
      >
        Export…
      </button>
      <dialog ref={dialog} className="pp-dialog" aria-labelledby={titleId}>
        <h2 id={titleId}>Export the reading list</h2>
        <fieldset>
          <legend>Format</legend>
          {EXPORT_FORMATS.map((f) => (
            <label key={f.id} className="pp-choice">
              <input
                type="radio"
                name="export-format"
                value={f.id}
                checked={f.id === formatId}
                onChange={() => setFormatId(f.id)}
              />
              {f.label} <small>.{f.extension}</small>
            </label>
          ))}
        </fieldset>
        <fieldset disabled={format.wholeList}>
          <legend>Papers</legend>
          <label className="pp-choice">
            <input
              type="radio"
              name="export-scope"
              checked={!useSelection}
              onChange={() => setScope('all')}
            />
            {format.wholeList
              ? 'The whole list, with notes and deletions'
              : `All (${entries.length})`}
          </label>
          <label className="pp-choice">
            <input
              type="radio"
              name="export-scope"
              checked={useSelection}
              disabled={selected.length === 0}
              onChange={() => setScope('selection')}
            />
            Selected ({selected.length})
          </label>
        </fieldset>
        {message && (
          <p
            role={message.ok ? 'status' : 'alert'}
            className={`pp-message ${message.ok ? 'pp-ok' : 'pp-error'}`}
          >
            {message.text}
          </p>
        )}
        <div className="pp-buttons">
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Close
          </button>
          <button type="button" className="button pp-primary" disabled={busy} onClick={download}>
            Download
          </button>
        </div>
      </dialog>
    </>
  );
}
