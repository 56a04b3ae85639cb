import { ExportMenu } from '@/components/manager/ExportMenu';
import { ImportDialog } from '@/components/manager/ImportDialog';
import { Manager } from '@/components/manager/Manager';
import type { UserDb } from '@/lib/reading-list/db';

/** The reading-list manager page (`/manager.html`), opened from the popup and the options page. */
export function App({ db }: { db: UserDb }) {
  return (
    <Manager
      db={db}
      renderActions={({ all, selected, loading }) => (
        <>
          <ExportMenu db={db} entries={all} selected={selected} loading={loading} />
          <ImportDialog db={db} />
        </>
      )}
    />
  );
}
