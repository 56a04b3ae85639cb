import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup-page';

/**
 * The sync status says what is true on a fresh profile: the browser-sync switch is on by default,
 * so the text says so rather than "Sync is off"; and after a sync through `storage.sync`, which
 * keeps data on this device when the browser is not signed in (as here), nothing claims the list
 * "synced", only that it was saved to the browser's sync storage and when that reaches other
 * devices.
 */

const REACH =
  'It reaches your other devices only when you are signed in to the browser with sync turned on.';

test('first run: the switch and the status text agree, and browser sync never claims "synced"', async ({
  context,
  extensionId,
}) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const section = options.getByTestId('sync-settings');
  const toggle = section.getByRole('switch', { name: 'Sync through the browser’s own sync' });
  const line = section.locator('[data-remote]');
  await expect(toggle).toBeChecked();
  await expect(line.first()).toBeVisible();
  await expect(line).toHaveCount(1);
  await expect(line).not.toContainText('off');
  await expect(line).not.toContainText('synced');
  await expect(line).toContainText(/Browser sync is on|Saved to this browser’s sync storage/);
  await expect(line).toContainText(REACH);

  await section.getByRole('button', { name: 'Sync now' }).click();
  await expect(line).toHaveText(`Saved to this browser’s sync storage just now. ${REACH}`);

  // The popup's footer says the same, shorter.
  const popup = await PopupPage.open(context, extensionId);
  const footer = popup.page.getByTestId('sync-status');
  await expect(footer.locator('[data-remote]')).toHaveText(
    'Saved to browser sync storage just now.',
  );
  await expect(footer).not.toContainText('synced');

  // Off means off, on both pages.
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await expect(line).toHaveText('Sync is off on this device.');
  await expect(footer.locator('[data-remote]')).toHaveText('Sync is off on this device.');
  await popup.page.close();
  await options.close();
});
