import { eng } from 'stopword';
import { plainTokens, type TextDoc } from './text';

/**
 * Plain TF-IDF cosine: the textbook baseline that related-paper ranking is measured against in
 * `npm run eval:related`. Unigrams of title and abstract, the `stopword` package's English list,
 * raw term frequency times log(N / df), cosine similarity. Not used by the catalog.
 */

const STOPWORDS = new Set(eng);

function vectors(docs: TextDoc[]): Map<string, number>[] {
  const counts = docs.map((doc) => {
    const tf = new Map<string, number>();
    for (const token of plainTokens(`${doc.title} ${doc.abstract}`)) {
      if (!STOPWORDS.has(token)) tf.set(token, (tf.get(token) ?? 0) + 1);
    }
    return tf;
  });
  const df = new Map<string, number>();
  for (const tf of counts) for (const term of tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  return counts.map((tf) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [term, n] of tf) {
      const w = n * Math.log(docs.length / df.get(term)!);
      v.set(term, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [term, w] of v) v.set(term, w / norm);
    return v;
  });
}

/** For each paper, the k papers with the highest TF-IDF cosine, ties broken by id. */
export function tfidfRelated(docs: TextDoc[], k = 8): Map<string, string[]> {
  const vecs = vectors(docs);
  const result = new Map<string, string[]>();
  docs.forEach((doc, i) => {
    const scored = docs
      .map((other, j) => {
        let dot = 0;
        if (j !== i) for (const [term, w] of vecs[i]!) dot += w * (vecs[j]!.get(term) ?? 0);
        return { id: other.id, score: dot, self: j === i };
      })
      .filter((s) => !s.self)
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    result.set(
      doc.id,
      scored.slice(0, k).map((s) => s.id),
    );
  });
  return result;
}
