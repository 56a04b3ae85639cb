interface Props {
  /** True when entries exist but none passes the filters. */
  filtered: boolean;
  onClearFilters: () => void;
}

/** What an empty list means, and what to do about it. */
export function EmptyState({ filtered, onClearFilters }: Props) {
  if (filtered) {
    return (
      <div className="empty" role="status">
        <h2>No papers match</h2>
        <p>Nothing in your reading list passes the current filters.</p>
        <button type="button" className="button" onClick={onClearFilters}>
          Clear filters
        </button>
      </div>
    );
  }
  return (
    <div className="empty" role="status">
      <h2>Your reading list is empty</h2>
      <p>
        Papers you save show up here, where you can tag them, track what you have read and keep
        notes.
      </p>
      <ol className="how-to-save">
        <li>
          <strong>From a paper card:</strong> on any page, hover or focus a paper PaperPeek has
          marked and press <em>Save</em>.
        </li>
        <li>
          <strong>From the toolbar:</strong> on a paper’s page (arXiv, OpenReview, a journal page),
          open the PaperPeek button and choose <em>Save this page’s paper</em>.
        </li>
        <li>
          <strong>With the keyboard:</strong> PaperPeek’s save shortcut saves the current page’s
          paper; set or change it at <code>chrome://extensions/shortcuts</code>.
        </li>
      </ol>
      <p className="empty-note">Everything stays in this browser; nothing is sent anywhere.</p>
    </div>
  );
}
