/** A worker thread of the annotate stage: loads the annotator's resources once, then annotates each article it is sent. */
import { parentPort } from 'node:worker_threads';
import { annotateArticle, defaultResources } from '../annotate/annotate.js';
import type { Article } from '../types/article.js';

const resources = defaultResources();
parentPort!.on('message', (article: Article) => {
  try {
    parentPort!.postMessage({ ok: true, value: annotateArticle(article, resources) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: (e as Error).message });
  }
});
