import { useId, useState, type ChangeEvent } from 'react';
import {
  HOVER_DELAY_MAX_MS,
  HOVER_DELAY_MIN_MS,
  hoverDelayMs,
  markersEnabled,
  quietMarkers,
  setHoverDelay,
  usableHoverDelay,
} from '@/lib/settings';
import { useSetting } from '@/lib/ui/use-setting';
import { DisabledSites } from './DisabledSites';

/** Fine enough for taste, coarse enough that arrow keys move it in useful steps. */
const DELAY_STEP_MS = 50;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Where markers appear and how eagerly their cards open. */
export function MarkerSettings() {
  const enabled = useSetting(markersEnabled);
  const quiet = useSetting(quietMarkers);
  const delay = useSetting(hoverDelayMs);
  const [draft, setDraft] = useState<number | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const delayId = useId();
  const shownDelay = draft ?? usableHoverDelay(delay.value);
  const readError = enabled.error ?? quiet.error ?? delay.error;

  const save = (write: Promise<void>) =>
    write.then(
      () => setSaveError(null),
      (error: unknown) => setSaveError(`The setting was not saved: ${messageOf(error)}`),
    );

  const onDelay = (event: ChangeEvent<HTMLInputElement>) => {
    const ms = Number(event.target.value);
    setDraft(ms);
    void save(setHoverDelay(ms)).finally(() => setDraft(null));
  };

  return (
    <section className="card" aria-labelledby="markers-heading">
      <header className="card-header">
        <h2 id="markers-heading">Page markers</h2>
        <p className="card-description">
          A small marker follows every paper PaperPeek recognises on a page; hover or focus it to
          see the paper’s card.
        </p>
      </header>

      <div className="setting-row">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={enabled.value ?? markersEnabled.fallback}
            disabled={enabled.value === undefined}
            onChange={(event) => void save(markersEnabled.setValue(event.target.checked))}
          />
          <span className="switch-label">Show markers on pages</span>
        </label>
        {enabled.value === false && (
          <p className="hint">Markers are off on every site until you turn them back on.</p>
        )}
      </div>

      <div className="setting-row">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={quiet.value ?? quietMarkers.fallback}
            disabled={quiet.value === undefined}
            onChange={(event) => void save(quietMarkers.setValue(event.target.checked))}
          />
          <span className="switch-label">Mark papers outside your catalog</span>
        </label>
        <p className="hint">
          A grey marker follows an arXiv id or DOI that a paper site links to but your catalog
          lacks; its card offers Save and Open. These never count in the toolbar badge.
        </p>
      </div>

      <div className="setting-row">
        <div className="range-header">
          <label htmlFor={delayId}>Card opens after hovering for</label>
          <output htmlFor={delayId} className="range-value">
            {shownDelay} ms
          </output>
        </div>
        <input
          id={delayId}
          className="range"
          type="range"
          min={HOVER_DELAY_MIN_MS}
          max={HOVER_DELAY_MAX_MS}
          step={DELAY_STEP_MS}
          value={shownDelay}
          aria-valuetext={`${shownDelay} milliseconds`}
          disabled={delay.value === undefined}
          onChange={onDelay}
        />
        <p className="hint">
          From {HOVER_DELAY_MIN_MS} to {HOVER_DELAY_MAX_MS} ms. Focusing a marker with the keyboard
          opens its card at once.
        </p>
      </div>

      <DisabledSites />

      {(saveError ?? readError) && (
        <p className="message message-error" role="alert">
          {saveError ?? `The settings could not be read: ${readError}`}
        </p>
      )}
    </section>
  );
}
