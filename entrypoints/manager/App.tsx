import { lazy, Suspense, useState, type ComponentType } from 'react';
import { usePainted } from '@/components/manager/after-paint';
import type { DbHandle } from '@/components/manager/db-handle';
import { Manager } from '@/components/manager/Manager';
import type { ActionsScope } from '@/components/manager/ManagerActions';

/** Export and Import as the first screen shows them until their code has loaded. */
function Waiting({ why = 'Loading…' }: { why?: string }) {
  return (
    <>
      <button type="button" className="button" disabled title={why}>
        Export…
      </button>
      <button type="button" className="button" disabled title={why}>
        Import…
      </button>
    </>
  );
}

function loadActions(db: DbHandle): ComponentType<ActionsScope> {
  return lazy(() =>
    Promise.all([import('@/components/manager/ManagerActions'), db.get()]).then(
      ([{ ManagerActions }, userDb]) => ({
        default: (scope: ActionsScope) => <ManagerActions db={userDb} {...scope} />,
      }),
      (error: unknown) => ({
        default: () => <Waiting why={`Could not load export and import: ${String(error)}`} />,
      }),
    ),
  );
}

/** The toolbar's export and import, loaded once the first screen is painted. */
function Actions({ db, ...scope }: ActionsScope & { db: DbHandle }) {
  const painted = usePainted();
  const [Loaded] = useState(() => loadActions(db));
  if (!painted) return <Waiting />;
  return (
    <Suspense fallback={<Waiting />}>
      <Loaded {...scope} />
    </Suspense>
  );
}

/** The reading-list manager page (`/manager.html`), opened from the popup and the options page. */
export function App({ db }: { db: DbHandle }) {
  return <Manager db={db} renderActions={(scope) => <Actions db={db} {...scope} />} />;
}
