// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { pressSaveButton, saveButton, type SaveActions } from '@/lib/content/save-button';

/** The card's Save toggle, with the reading list faked: a page's forged clicks change nothing. */
function toggleFor(saved: boolean) {
  let state = saved;
  const actions: SaveActions = {
    isSaved: () => Promise.resolve(state),
    toggle: vi.fn(() => Promise.resolve((state = !state))),
    restore: vi.fn(() => {
      state = true;
      return Promise.resolve();
    }),
  };
  const status = document.createElement('span');
  const button = saveButton(document, '2312.00752', actions, status);
  return { button, status, actions, saved: () => state };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the Save toggle', () => {
  it.each([true, false])(
    'ignores untrusted clicks (click() and dispatched events) on a paper saved: %s',
    async (saved) => {
      const { button, actions, status, saved: now } = toggleFor(saved);
      await settle();
      button.click();
      button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      await settle();
      expect(actions.toggle).not.toHaveBeenCalled();
      expect(now()).toBe(saved);
      expect(button.textContent).toBe(saved ? 'Saved ✓' : 'Save');
      expect(status.textContent).toBe('');
    },
  );

  it("is pressed by the card for the user's S key, and says what happened on one line", async () => {
    const { button, status, saved } = toggleFor(false);
    await settle();
    pressSaveButton(button);
    await settle();
    expect(saved()).toBe(true);
    expect(button.textContent).toBe('Saved ✓');
    expect(status.textContent).toBe('Saved to your list');
    expect(status.title).toBe('Saved to your reading list');
  });

  it('offers Undo after a removal; only a trusted click on it restores', async () => {
    const { button, status, actions, saved } = toggleFor(true);
    await settle();
    pressSaveButton(button);
    await settle();
    expect(saved()).toBe(false);
    const undo = status.querySelector<HTMLButtonElement>('button.status-action');
    expect(undo?.textContent).toBe('Undo');
    expect(status.querySelector('.status-text')?.textContent).toBe('Removed');
    expect(status.title).toBe('Removed from your reading list');
    undo!.click();
    undo!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await settle();
    expect(actions.restore).not.toHaveBeenCalled();
    expect(saved()).toBe(false);
  });
});
