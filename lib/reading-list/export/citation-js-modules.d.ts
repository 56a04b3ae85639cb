// citation-js ships no type declarations; these cover the part of its API the export and import use.
declare module '@citation-js/core' {
  export interface CslName {
    family?: string;
    given?: string;
    literal?: string;
    'non-dropping-particle'?: string;
    'dropping-particle'?: string;
    suffix?: string;
  }
  export interface CslItem {
    id: string;
    type: string;
    'citation-key'?: string;
    title?: string;
    author?: CslName[];
    issued?: { 'date-parts'?: (number | string)[][]; literal?: string; raw?: string };
    'container-title'?: string;
    publisher?: string;
    number?: string;
    DOI?: string;
    URL?: string;
    keyword?: string;
    note?: string;
    [field: string]: unknown;
  }
  export class Cite {
    constructor(data?: unknown, options?: Record<string, unknown>);
    data: CslItem[];
    format(format: string, options?: Record<string, unknown>): unknown;
  }
  export const plugins: {
    input: {
      chain(data: unknown, options?: { target?: string; generateGraph?: boolean }): unknown;
    };
    output: { format(name: string, data: CslItem[], options?: Record<string, unknown>): unknown };
    config: { get(name: string): Record<string, unknown> };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
