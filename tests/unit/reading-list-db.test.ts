import { afterEach, describe, expect, it } from 'vitest';
import { CATALOG_DB_NAME, CatalogDb } from '@/lib/db/catalog-db';
import { USER_DB_NAME, openUserDb, userDb, type UserDb } from '@/lib/reading-list/db';
import { saveEntry } from '@/lib/reading-list/entries';

const opened: (UserDb | CatalogDb)[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

describe('the user database', () => {
  it('is its own database, apart from the catalog', () => {
    expect(USER_DB_NAME).toBe('paperpeek-user');
    expect(USER_DB_NAME).not.toBe(CATALOG_DB_NAME);
    expect(userDb()).toBe(userDb());
    expect(userDb().name).toBe(USER_DB_NAME);
  });

  it('indexes only what the list is queried by', async () => {
    const db = openUserDb(`db-test-${Math.random()}`);
    opened.push(db);
    await db.open();
    const entries = db.table('entries').schema;
    expect(entries.primKey.keyPath).toBe('id');
    expect(entries.indexes.map((i) => `${i.multi ? '*' : ''}${i.keyPath}`).sort()).toEqual(
      ['*tags', 'addedAt', 'status', 'updatedAt'].sort(),
    );
    expect(db.table('tombstones').schema.primKey.keyPath).toBe('id');
    expect(db.table('meta').schema.primKey.keyPath).toBe('key');
  });

  it('wiping the catalog database leaves the reading list alone', async () => {
    const name = `db-test-${Math.random()}`;
    const user = openUserDb(name);
    const catalog = new CatalogDb(`${name}-catalog`);
    opened.push(user);
    await saveEntry(user, {
      id: 'a',
      inCatalog: true,
      snapshot: { title: 'A paper', authors: [] },
    });
    await catalog.open();
    await catalog.delete();
    expect(await user.entries.count()).toBe(1);
  });
});
