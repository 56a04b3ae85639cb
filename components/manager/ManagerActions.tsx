import type { UserDb } from '@/lib/reading-list/db';
import type { Entry } from '@/lib/reading-list/entry';
import { ExportMenu } from './ExportMenu';
import { ImportDialog } from './ImportDialog';

/** What the toolbar's export and import act on (Manager's `renderActions`). */
export interface ActionsScope {
  all: readonly Entry[];
  selected: readonly Entry[];
  /** Only the first screen has been read: Export waits for the whole list. */
  loading: boolean;
}

/**
 * Export and Import, with their dialogs and formats: loaded after the first screen is painted
 * (entrypoints/manager/App.tsx), so none of their code runs before it.
 */
export function ManagerActions({ db, all, selected, loading }: ActionsScope & { db: UserDb }) {
  return (
    <>
      <ExportMenu db={db} entries={all} selected={selected} loading={loading} />
      <ImportDialog db={db} />
    </>
  );
}
