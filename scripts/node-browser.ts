import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * Node scripts that run the extension's own modules (eval:detect) need a `browser` global before
 * anything imports wxt/storage: the catalog loader reaches the feed sources' settings, whose
 * storage items read the browser API as they are defined. Imported first, for that side effect.
 */
(globalThis as { chrome?: unknown }).chrome ??= fakeBrowser;
