import { SyncError } from './remote';
import { webdavConfig, type WebdavConfig } from './sync-items';
import { davBase } from './webdav-client';
import { testWebdav } from './webdav-remote';

/**
 * The options page's WebDAV actions. Each asks for the host permission of that one origin first:
 * permissions.request must run inside the click that asked for it, before any other await.
 */

export function originOf(url: string): string {
  const base = davBase(url); // throws a SyncError in words for a bad address
  return `${base.protocol}//${base.host}/*`;
}

export function checkForm(form: WebdavConfig): string | null {
  try {
    originOf(form.url);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (!form.username.trim()) return 'Enter the user name.';
  if (!form.password) return 'Enter the app password.';
  return null;
}

async function allow(url: string): Promise<void> {
  const granted = await browser.permissions.request({ origins: [originOf(url)] });
  if (!granted) {
    throw new SyncError(
      `PaperPeek was not allowed to reach ${new URL(url).host}, so it cannot sync there.`,
      false,
      'permission',
    );
  }
}

/** Test connection: answers a sentence for the user; throws with the reason in words. */
export async function testConnection(form: WebdavConfig): Promise<string> {
  await allow(form.url);
  const devices = await testWebdav({ ...form, username: form.username.trim() });
  return devices === 0
    ? 'Connected. No device syncs to this folder yet.'
    : `Connected. ${devices} device${devices === 1 ? '' : 's'} already sync${devices === 1 ? 's' : ''} here.`;
}

/** Keep the server (in this browser's local storage only) once the permission is granted. */
export async function saveWebdav(form: WebdavConfig): Promise<void> {
  await allow(form.url);
  await webdavConfig.setValue({
    url: davBase(form.url).href,
    username: form.username.trim(),
    password: form.password,
  });
}

export async function forgetWebdav(): Promise<void> {
  const current = await webdavConfig.getValue();
  await webdavConfig.setValue(null);
  if (current)
    await browser.permissions.remove({ origins: [originOf(current.url)] }).catch(() => false);
}
