/** A worker thread of the annotate stage: loads the annotator's resources once, then annotates each article it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { annotateArticle, defaultResources } from '../annotate/annotate.js';
import { useSharedParserTables } from '../nlp/parser/index.js';
import type { Article } from '../types/article.js';
import type { AnnotateWorkerData } from './annotate.js';

// The parser's weights as the starting thread shared them: one copy for all threads.
const given = workerData as AnnotateWorkerData | undefined;
if (given?.parser) useSharedParserTables(given.parser);
const resources = defaultResources();
parentPort!.on('message', (article: Article) => {
  try {
    parentPort!.postMessage({ ok: true, value: annotateArticle(article, resources) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: (e as Error).message });
  }
});
