import { useEffect, useRef } from 'react';

export const SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ['/'], action: 'Focus the filter' },
  { keys: ['j', '↓'], action: 'Next paper' },
  { keys: ['k', '↑'], action: 'Previous paper' },
  { keys: ['x'], action: 'Select or deselect the paper' },
  { keys: ['Shift', 'x'], action: 'Select from the last selected paper to this one' },
  { keys: ['a'], action: 'Select all shown papers' },
  { keys: ['Enter'], action: 'Open the paper in a new tab' },
  { keys: ['e'], action: 'Edit the note (Ctrl+Enter saves, Esc cancels)' },
  { keys: ['s'], action: 'Next status: to read → reading → read' },
  { keys: ['Delete'], action: 'Delete the selected papers, or this one (with undo)' },
  { keys: ['Ctrl', 'z'], action: 'Undo the last delete' },
  { keys: ['Esc'], action: 'Clear the selection, then the filters' },
  { keys: ['?'], action: 'Show or hide this list' },
];

interface Props {
  open: boolean;
  onClose: () => void;
}

/** The keyboard shortcuts, in a modal dialog (Esc or the button closes it). */
export function HelpPanel({ open, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="help"
      aria-labelledby="help-title"
      onClose={onClose}
      onKeyDown={(event) => {
        if (event.key === '?') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(({ keys, action }) => (
            <tr key={action}>
              <th scope="row">
                {keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && (keys[0] === 'Shift' || keys[0] === 'Ctrl' ? ' + ' : ' or ')}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </th>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="button" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
