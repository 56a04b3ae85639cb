import { useEffect, useId, useRef, useState } from 'react';
import type { UserDb } from '@/lib/reading-list/db';
import type { CatalogMatcher } from '@/lib/reading-list/import/catalog-match';
import type { ImportCounts, ImportPreview } from '@/lib/reading-list/import/preview';
import { FORMAT_NAMES } from '@/lib/reading-list/import/types';
import { DialogStyle } from './ExportMenu';

interface Props {
  db: UserDb;
  /** How imported papers are found in the catalog; the background's lookups by default. */
  match?: CatalogMatcher;
}

type State =
  | { phase: 'idle' }
  | { phase: 'reading'; fileName: string }
  | { phase: 'preview'; preview: ImportPreview }
  | { phase: 'applying'; preview: ImportPreview }
  | { phase: 'done'; fileName: string; counts: ImportCounts }
  | { phase: 'error'; fileName?: string; message: string };

const SHOWN_INVALID = 100;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function resultText(counts: ImportCounts): string {
  if (counts.new + counts.updated === 0)
    return 'Nothing to change: the list already holds everything in this file.';
  return `Imported ${plural(counts.new, 'new paper')} and updated ${plural(counts.updated, 'entry', 'entries')}.`;
}

function Counts({ counts }: { counts: ImportCounts }) {
  const rows: [string, number, string][] = [
    ['New', counts.new, 'added to the list'],
    ['Updated', counts.updated, 'tags, notes or missing details merged in; nothing removed'],
    ['Unchanged', counts.unchanged, 'already in the list as they are'],
    ['Not in the catalog', counts.unmatched, 'saved with the details in the file'],
    ['Invalid', counts.invalid, 'skipped'],
  ];
  return (
    <dl className="pp-counts">
      {rows.map(([label, n, hint]) => (
        <div key={label} data-count={label.toLowerCase().replace(/\s+/g, '-')}>
          <dt>{label}</dt>
          <dd>
            <strong>{n}</strong> <small>{hint}</small>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** "Import…": pick a file, see what it would change, then confirm or cancel. */
export function ImportDialog({ db, match }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, setState] = useState<State>({ phase: 'idle' });
  const titleId = useId();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);

  const open = () => {
    setState({ phase: 'idle' });
    // A fresh dialog shows no file; within one, the chosen file's name stays in the input.
    if (fileInput.current) fileInput.current.value = '';
    dialog.current?.showModal();
  };

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setState({ phase: 'reading', fileName: file.name });
    try {
      // Loaded on first use: the parsers bring citation-js and papaparse.
      const { previewImport, readImportFile } = await import('@/lib/reading-list/import/preview');
      const { matchInCatalog } = await import('@/lib/reading-list/import/catalog-match');
      const preview = await previewImport(db, await readImportFile(file), match ?? matchInCatalog);
      setState({ phase: 'preview', preview });
    } catch (error) {
      setState({ phase: 'error', fileName: file.name, message: (error as Error).message });
    }
  };

  const confirm = async (preview: ImportPreview) => {
    setState({ phase: 'applying', preview });
    try {
      const { applyImport } = await import('@/lib/reading-list/import/apply');
      const counts = await applyImport(db, preview);
      setState({ phase: 'done', fileName: preview.fileName, counts });
    } catch (error) {
      setState({
        phase: 'error',
        fileName: preview.fileName,
        message: `Nothing was imported: ${(error as Error).message}`,
      });
    }
  };

  // The file input is disabled while a file is read, which drops focus out of the dialog (and
  // with it Esc and Tab); give it back once the input is usable again.
  useEffect(() => {
    const el = dialog.current;
    if (el?.open && !el.contains(document.activeElement)) fileInput.current?.focus();
  }, [state.phase]);

  const preview = state.phase === 'preview' || state.phase === 'applying' ? state.preview : null;
  const changes = preview ? preview.counts.new + preview.counts.updated : 0;

  return (
    <>
      <DialogStyle />
      <style href="paperpeek-import" precedence="default">{`
.pp-counts { display: grid; gap: 4px; margin: 12px 0; }
.pp-counts div { display: flex; gap: 10px; align-items: baseline; }
.pp-counts dt { min-width: 150px; color: var(--text-muted); }
.pp-counts dd { margin: 0; }
.pp-counts small { color: var(--text-muted); }
.pp-invalid { max-height: 180px; overflow: auto; margin: 0; padding: 8px 12px 8px 28px; background: var(--code-bg);
  border-radius: 8px; font-size: 13px; }
.pp-file { display: block; margin: 6px 0 4px; font: inherit; color: var(--text); }
.pp-hint { color: var(--text-muted); margin: 0; font-size: 13px; }
.pp-ignored { margin: 0 0 12px; color: var(--text-muted); font-size: 13px; }
.pp-ignored q { color: var(--text); }
`}</style>
      <button type="button" className="button" onClick={open} aria-haspopup="dialog">
        Import…
      </button>
      <dialog ref={dialog} className="pp-dialog" aria-labelledby={titleId}>
        <h2 id={titleId}>Import papers</h2>
        <label htmlFor={fileId}>File to import</label>
        <input
          ref={fileInput}
          id={fileId}
          className="pp-file"
          type="file"
          accept=".bib,.bibtex,.csv,.json,text/csv,application/json,application/x-bibtex"
          disabled={state.phase === 'reading' || state.phase === 'applying'}
          // The name of the chosen file stays in the input through the preview and the import.
          // Picking the same file again must still read it again (it may have changed): the
          // value is cleared as the picker opens, from a click or the keyboard.
          onClick={(event) => {
            event.currentTarget.value = '';
          }}
          onChange={(event) => void pick(event.target.files?.[0])}
        />
        <p className="pp-hint">
          BibTeX (Zotero, JabRef, Google Scholar), CSV or a PaperPeek backup; up to 20 MB.
        </p>
        {state.phase === 'reading' && <p role="status">Reading {state.fileName}…</p>}
        {preview && (
          <section aria-label="Preview">
            <p>
              <strong>{preview.fileName}</strong> ({FORMAT_NAMES[preview.format]}): nothing changes
              until you confirm.
            </p>
            <Counts counts={preview.counts} />
            {preview.ignoredColumns.length > 0 && (
              <p className="pp-ignored" data-ignored-columns={preview.ignoredColumns.length}>
                Not imported (PaperPeek has no place for them):{' '}
                {preview.ignoredColumns.map((column, i) => (
                  <span key={column}>
                    {i > 0 && ', '}
                    <q>{column}</q>
                  </span>
                ))}
                .
              </p>
            )}
            {preview.invalid.length > 0 && (
              <>
                <p>Skipped records:</p>
                <ul className="pp-invalid" aria-label="Invalid records">
                  {preview.invalid.slice(0, SHOWN_INVALID).map((item, i) => (
                    <li key={i}>
                      {item.where}: {item.reason}
                    </li>
                  ))}
                  {preview.invalid.length > SHOWN_INVALID && (
                    <li>and {preview.invalid.length - SHOWN_INVALID} more</li>
                  )}
                </ul>
              </>
            )}
          </section>
        )}
        {state.phase === 'done' && (
          <p role="status" className="pp-message pp-ok">
            {state.fileName}: {resultText(state.counts)}
          </p>
        )}
        {state.phase === 'error' && (
          <p role="alert" className="pp-message pp-error">
            {state.fileName ? `${state.fileName}: ` : ''}
            {state.message} The reading list was not changed.
          </p>
        )}
        <div className="pp-buttons">
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            {preview ? 'Cancel' : 'Close'}
          </button>
          {preview && (
            <button
              type="button"
              className="button pp-primary"
              disabled={state.phase === 'applying' || changes === 0}
              onClick={() => void confirm(preview)}
            >
              {changes === 0 ? 'Nothing to import' : `Import ${plural(changes, 'paper')}`}
            </button>
          )}
        </div>
      </dialog>
    </>
  );
}
