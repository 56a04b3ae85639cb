import { startPageSession } from '@/lib/content/page-session';

// Top frame only: a paper in an ad or embed iframe is not what the reader is looking at, and
// one scanner per tab keeps the badge's count the page's own.
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  allFrames: false,
  main: (ctx) => startPageSession(ctx),
});
