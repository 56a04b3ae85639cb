import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Paper } from '../catalog/schema';
import { send } from '../messaging/messenger';
import { startCard } from './card';
import type { GetPapers, Lookup } from './lookup-client';
import { MarkerLayer } from './markers';
import { startScanner } from './scanner';

/** Everything the content script does on one page, wired to the background's messages. */
export function startPageSession(ctx: ContentScriptContext): void {
  const doc = document;
  const markers = new MarkerLayer(doc);
  const lookup: Lookup = (candidates) => send('lookupCandidates', { candidates });
  const getPapers: GetPapers = (ids) => send('getPapers', { ids });
  const related = async (ids: string[]): Promise<Paper[]> =>
    (await getPapers(ids)).flatMap((paper) => (paper ? [paper] : []));
  const report = (count: number) =>
    void send('reportPagePapers', { count }).catch((error: unknown) => {
      if (ctx.isValid) console.warn('PaperPeek: badge', error);
    });
  startScanner({ ctx, doc, markers, lookup, getPapers, report });
  startCard({ ctx, doc, markers, related });
}
