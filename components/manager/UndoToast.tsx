export type Toast =
  | { kind: 'undo'; message: string; onUndo: () => void }
  | { kind: 'info'; message: string }
  | { kind: 'error'; message: string };

interface Props {
  toast: Toast | null;
  onDismiss: () => void;
}

/**
 * The outcome of the last action. The live region stays mounted so screen readers announce each
 * new message; an error is assertive, everything else polite.
 */
export function UndoToast({ toast, onDismiss }: Props) {
  return (
    <div className="toast-region" aria-live={toast?.kind === 'error' ? 'assertive' : 'polite'}>
      {toast && (
        <div className={`toast ${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
          <span className="toast-message">{toast.message}</span>
          {toast.kind === 'undo' && (
            <button
              type="button"
              className="button toast-action"
              aria-keyshortcuts="Control+Z"
              onClick={toast.onUndo}
            >
              Undo
            </button>
          )}
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
