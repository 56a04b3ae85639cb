import { expect, test } from './fixtures';

test('the built extension loads and its options page opens', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('heading', { name: 'PaperPeek' })).toBeVisible();
});
