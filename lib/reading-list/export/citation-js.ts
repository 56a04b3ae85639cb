import { Cite, plugins, type CslItem } from '@citation-js/core';
// The plugins register their formats with the core when imported.
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';

export { Cite, plugins };
export type { CslItem };
