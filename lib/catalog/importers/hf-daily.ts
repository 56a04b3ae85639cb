import { readJsonArray } from './open-input';
import { parseDailyPaper } from './hf-daily-entry';
import type { Issue, SourceRecord } from './source';

export { parseDailyPaper, type DailyPaperRecord } from './hf-daily-entry';

/**
 * Importer for files of Hugging Face `/api/daily_papers` responses (the catalog builder, in
 * Node). The entry parser is in hf-daily-entry.ts, which the extension bundles without the Node
 * file readers this one needs.
 */

export async function* readHfDaily(
  path: string,
  report: (issue: Issue) => void,
): AsyncGenerator<SourceRecord> {
  for await (const { index, value } of readJsonArray(path)) {
    const record = parseDailyPaper(value);
    if (typeof record === 'string') report({ file: path, record: index + 1, reason: record });
    else yield record;
  }
}
