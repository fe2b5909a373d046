/**
 * The story stage in `npm run eval`: our gold stories and cross-article claims
 * (eval/gold/stories/), run through annotate → code → merge → cluster → compare in memory, the
 * way the store runs them.
 */
import { annotateArticle, defaultResources, type Annotations } from '../src/annotate/annotate.js';
import { codeArticle } from '../src/events/coder.js';
import { mergeInMemory } from '../src/events/merge.js';
import { defaultOntology } from '../src/events/ontology.js';
import type { EventMention, EventRecord } from '../src/events/types.js';
import { eventRefs } from '../src/pipeline/cluster.js';
import { withArticle } from '../src/pipeline/code.js';
import { StoryClusterer } from '../src/stories/cluster.js';
import { compareClaims } from '../src/stories/compare.js';
import { claimEvents } from '../src/stories/report.js';
import type { Article } from '../src/types/article.js';
import { evalStories, type PredictedClaimReport, type StoryAssignment } from './stories.js';

export async function evalStoryGold(root: string): Promise<string[]> {
  const res = { ontology: defaultOntology(), lexicon: defaultResources().lexicon };
  const run = async (articles: Article[]) => {
    const ann = new Map<string, Annotations>(articles.map((a) => [a.id, annotateArticle(a)]));
    const mentions: EventMention[] = articles.flatMap((a) => codeArticle(a, ann.get(a.id)!, res).map((m) => withArticle(m, a)));
    const events = mergeInMemory(mentions, res.ontology);
    // Each article's events, with that article's mentions only (what the store hands the clusterer).
    const perArticle = new Map<string, EventRecord[]>();
    for (const e of events) {
      for (const id of new Set(e.mentions.map((m) => m.article_id))) {
        perArticle.set(id, [...(perArticle.get(id) ?? []), { ...e, mentions: e.mentions.filter((m) => m.article_id === id) }]);
      }
    }
    const c = new StoryClusterer();
    const assignments: StoryAssignment[] = [];
    for (const a of articles) {
      const actors = [...new Set(ann.get(a.id)!.actors.map((x) => x.code))].sort();
      c.add({ id: a.id, title: a.title, body: a.body, published: a.published, outlet: a.outlet, actors, events: eventRefs(perArticle.get(a.id) ?? []) });
    }
    for (const a of articles) {
      const story = c.storyOf(a.id)!;
      assignments.push({ article_id: a.id, story_id: story, thread_id: c.threadOf(story)! });
    }
    const claims: PredictedClaimReport[] = [];
    for (const s of c.listStories().filter((x) => !x.merged_into)) {
      const inputs = s.articles
        .map((x) => articles.find((a) => a.id === x.id)!)
        .filter((a) => !ann.get(a.id)!.skipped)
        .map((a) => ({ article: a, annotations: ann.get(a.id)!, events: claimEvents(events, a.id) }));
      if (!inputs.length) continue;
      for (const cl of compareClaims(inputs)) for (const r of cl.reports) claims.push({ claim_id: `${s.id}/${cl.id}`, article_id: r.article_id, start: r.start, end: r.end });
    }
    return { assignments, claims };
  };
  return (await evalStories(root, run)).lines;
}
