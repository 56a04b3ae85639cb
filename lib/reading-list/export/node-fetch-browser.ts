/**
 * Stands in for `node-fetch` in the extension build. @citation-js/core imports node-fetch for
 * Node and uses the browser's own fetch when it runs in a page; the bundler still has to resolve
 * the import, and node-fetch itself needs Node built-ins. PaperPeek never lets citation-js fetch
 * anything: it only converts text the user already has.
 */
export default globalThis.fetch;
export const Headers = globalThis.Headers;
