/** A worker thread of the code stage: loads the coder's resources once, then codes each article it is sent (merging stays on the main thread, in order). */
import { parentPort } from 'node:worker_threads';
import type { Annotations } from '../annotate/annotate.js';
import { codeArticle } from '../events/coder.js';
import { defaultOntology } from '../events/ontology.js';
import { defaultLexicon } from '../nlp/lexicon.js';
import type { Article } from '../types/article.js';
import { withArticle } from './code.js';

const resources = { ontology: defaultOntology(), lexicon: defaultLexicon() };
parentPort!.on('message', ({ article, annotations }: { article: Article; annotations: Annotations }) => {
  try {
    parentPort!.postMessage({ ok: true, value: codeArticle(article, annotations, resources).map((m) => withArticle(m, article)) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: (e as Error).message });
  }
});
