import { storage } from 'wxt/utils/storage';
import type { SettingsDoc } from './state';
import type { RemoteStatus } from './status';

/**
 * Sync's own storage items. All in `local:`: the WebDAV password must never reach storage.sync,
 * and status is per device.
 */

export interface WebdavConfig {
  /** The folder PaperPeek may use, e.g. https://cloud.example.org/remote.php/dav/files/me/ */
  url: string;
  username: string;
  /** An app password; stays in this browser's local storage and is never logged. */
  password: string;
}

/** Sync through the browser's own sync storage (on by default: it needs no set-up). */
export const storageSyncEnabled = storage.defineItem<boolean>('local:syncStorageSyncEnabled', {
  fallback: true,
});

/** The WebDAV server, when the user set one up. */
export const webdavConfig = storage.defineItem<WebdavConfig | null>('local:syncWebdav', {
  fallback: null,
});

/** This device's name in the WebDAV folder (one file per device). */
export const syncDeviceId = storage.defineItem<string | null>('local:syncDeviceId', {
  fallback: null,
});

/** The settings as last stamped or synced, each with its clock: a change since is a local edit. */
export const syncedSettings = storage.defineItem<SettingsDoc>('local:syncedSettings', {
  fallback: {},
});

/** Per-remote sync status, written by the background, read by the popup and options page. */
export const syncStatusItem = storage.defineItem<Record<string, RemoteStatus>>('local:syncStatus', {
  fallback: {},
});
