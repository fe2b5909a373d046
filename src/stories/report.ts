/**
 * The story and thread reports: timeline of events, the claim × outlet matrix with the chain each
 * outlet gave, corroboration (independent original sources), omissions and contradictions. Pure:
 * records in, a report object out; renderers turn it into terminal text or Markdown. Article text
 * is printed as text only (Markdown special characters are escaped).
 */
import type { Annotations } from '../annotate/annotate.js';
import type { EventRecord } from '../events/types.js';
import type { StoryRecord, ThreadRecord } from '../types/stories.js';
import type { Article } from '../types/article.js';
import { compareClaims, type ClaimEvent, type StoryClaim } from './compare.js';

export interface ReportArticle {
  readonly article: Article;
  readonly annotations: Annotations | null;
}

export interface TimelineEvent {
  readonly id: string;
  readonly date: string | null;
  readonly date_precision: string;
  readonly cameo: string;
  readonly name: string;
  /** 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
  readonly quad_class: number;
  readonly source: string | null;
  readonly target: string | null;
  readonly location: string | null;
  readonly outlets: string[];
  readonly negated: boolean;
  readonly hedged: boolean;
}

/** Set when a report covers only the latest articles of a very large story or thread. */
export interface ReportCoverage {
  readonly articles: number;
  readonly reported: number;
}

export interface StoryReport extends StoryRecord {
  readonly coverage?: ReportCoverage;
  readonly claims: StoryClaim[];
  /** Event ids in date order (undated last). */
  readonly timeline: string[];
  readonly timeline_events: TimelineEvent[];
}

export interface ThreadReport extends ThreadRecord {
  readonly coverage?: ReportCoverage;
  readonly stories: StoryRecord[];
  readonly claims: StoryClaim[];
  readonly timeline: string[];
  readonly timeline_events: TimelineEvent[];
}

function timeline(events: readonly EventRecord[], articleIds: ReadonlySet<string>): TimelineEvent[] {
  return events
    .map((e) => ({
      id: e.id, date: e.date, date_precision: e.date_precision, cameo: e.cameo, name: e.cameo_name, quad_class: e.quad_class,
      source: e.source?.name ?? null, target: e.target?.name ?? null, location: e.location?.name ?? null,
      outlets: [...new Set(e.mentions.filter((m) => articleIds.has(m.article_id)).map((m) => m.outlet ?? '?'))],
      negated: e.negated, hedged: e.hedged,
    }))
    .sort((a, b) => (a.date === null ? 1 : 0) - (b.date === null ? 1 : 0) || (a.date ?? '').localeCompare(b.date ?? '') || b.outlets.length - a.outlets.length || a.id.localeCompare(b.id));
}

/** Each article's event mentions, for telling apart claims about different occurrences. */
export function claimEvents(events: readonly EventRecord[], articleId: string): ClaimEvent[] {
  return events.flatMap((e) => e.mentions.filter((m) => m.article_id === articleId).map((m) => ({ id: e.id, kind: e.cameo.slice(0, 3), start: m.start, end: m.end })));
}

function claimsOf(articles: readonly ReportArticle[], events: readonly EventRecord[]): StoryClaim[] {
  const inputs = articles
    .filter((a) => a.annotations && !a.annotations.skipped && !a.article.duplicate_of)
    .map((a) => ({ article: a.article, annotations: a.annotations!, events: claimEvents(events, a.article.id) }));
  return inputs.length ? compareClaims(inputs) : [];
}

export function buildStoryReport(story: StoryRecord, articles: readonly ReportArticle[], events: readonly EventRecord[]): StoryReport {
  const tl = timeline(events, new Set(story.article_ids));
  return { ...story, claims: claimsOf(articles, events), timeline: tl.map((e) => e.id), timeline_events: tl };
}

export function buildThreadReport(thread: ThreadRecord, stories: readonly StoryRecord[], articles: readonly ReportArticle[], events: readonly EventRecord[]): ThreadReport {
  const tl = timeline(events, new Set(stories.flatMap((s) => s.article_ids)));
  return { ...thread, stories: [...stories], claims: claimsOf(articles, events), timeline: tl.map((e) => e.id), timeline_events: tl };
}

// ----- rendering -----------------------------------------------------------------------------

type Esc = (s: string) => string;
const plain: Esc = (s) => s.replace(/\s+/g, ' ');
/** Markdown text that cannot open a link, an image, HTML or emphasis. */
const md: Esc = (s) => s.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`);
const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

const dateOf = (e: TimelineEvent) => (!e.date ? 'undated' : e.date_precision === 'year' ? e.date.slice(0, 4) : e.date_precision === 'month' ? e.date.slice(0, 7) : e.date_precision === 'week' ? `wk ${e.date}` : e.date_precision === 'reported' ? `${e.date}*` : e.date);
const eventLine = (e: TimelineEvent, esc: Esc) =>
  `${dateOf(e)}  ${e.cameo} ${esc(e.name)}: ${esc(e.source ?? '—')} → ${esc(e.target ?? '—')}${e.location ? ` in ${esc(e.location)}` : ''}${e.negated ? ' [negated]' : ''}${e.hedged ? ' [hedged]' : ''} (${e.outlets.map(esc).join(', ')})`;

interface Renderable {
  readonly title: string;
  readonly header: string[];
  readonly outlets: string[];
  readonly claims: StoryClaim[];
  readonly timeline_events: TimelineEvent[];
}

function chainText(c: StoryClaim['reports'][number]): string {
  return c.chain.map((l) => `${l.name}${l.anonymous ? ' (anonymous)' : ''}`).join(' → ');
}

function render(r: Renderable, format: 'text' | 'md'): string {
  const esc = format === 'md' ? md : plain;
  const out: string[] = [];
  const h = (level: number, s: string) => out.push(format === 'md' ? `${'#'.repeat(level)} ${s}` : level === 1 ? `${s}\n${'='.repeat(Math.min(100, s.length))}` : `\n${s}\n${'-'.repeat(s.length)}`);
  h(1, esc(r.title));
  for (const line of r.header) out.push(format === 'md' ? `- ${esc(line)}` : `  ${esc(line)}`);
  h(2, 'Timeline');
  if (!r.timeline_events.length) out.push(format === 'md' ? '_No coded events._' : '  (no coded events)');
  for (const e of r.timeline_events.slice(0, 40)) out.push(format === 'md' ? `- ${eventLine(e, esc)}` : `  ${eventLine(e, esc)}`);
  if (r.timeline_events.length > 40) out.push(`  … and ${r.timeline_events.length - 40} more events (--json lists them all)`);
  if (r.timeline_events.some((e) => e.date_precision === 'reported')) out.push(format === 'md' ? '' : '  * no date in the text: the report date');

  h(2, 'Claims by outlet');
  const ids = new Map(r.claims.map((c, i) => [c.id, `C${i + 1}`]));
  const shown = r.claims.filter((c) => c.reports.length > 1 || c.independent_sources > 1 || c.contradicts.length > 0).concat(r.claims.filter((c) => !(c.reports.length > 1 || c.independent_sources > 1 || c.contradicts.length > 0)));
  if (format === 'md' && r.outlets.length) {
    out.push('', `| claim | ${r.outlets.map(esc).join(' | ')} | sources |`, `|---|${r.outlets.map(() => '---').join('|')}|---|`);
    for (const c of shown.slice(0, 30)) {
      const cells = r.outlets.map((o) => {
        const rep = c.reports.find((x) => x.outlet === o);
        return rep ? `${esc(chainText(rep))} (article ${rep.article_id.slice(0, 12)}, chars ${rep.start}–${rep.end})` : '—';
      });
      out.push(`| ${ids.get(c.id)} “${esc(cut(c.text, 120))}” | ${cells.join(' | ')} | ${c.independent_sources} |`);
    }
    out.push('');
  } else {
    for (const c of shown.slice(0, 30)) {
      out.push(`  ${ids.get(c.id)}  “${esc(cut(c.text, 110))}”${c.negated ? ' [negated]' : ''}`);
      out.push(`      ${c.independent_sources} independent source${c.independent_sources === 1 ? '' : 's'}: ${c.sources.map(esc).join('; ') || '—'}`);
      for (const rep of c.reports) out.push(`      ${esc(rep.outlet)}: ${esc(chainText(rep))}  [article ${rep.article_id.slice(0, 12)}, chars ${rep.start}–${rep.end}]`);
      if (c.omitted_by.length) out.push(`      not reported by: ${c.omitted_by.map(esc).join(', ')}`);
      if (c.contradicts.length) out.push(`      contradicts: ${c.contradicts.map((x) => ids.get(x) ?? x).join(', ')}`);
    }
  }
  if (shown.length > 30) out.push(`  … and ${shown.length - 30} more claims (--json lists them all)`);

  h(2, 'Corroboration');
  const corroborated = r.claims.filter((c) => c.independent_sources > 1);
  if (!corroborated.length) out.push(format === 'md' ? '_No claim has more than one independent source._' : '  No claim has more than one independent source.');
  for (const c of corroborated) out.push(`${format === 'md' ? '-' : ' '} ${ids.get(c.id)} rests on ${c.independent_sources} independent sources (${c.sources.map(esc).join('; ')}), reported by ${[...new Set(c.reports.map((x) => x.outlet))].map(esc).join(', ')}`);
  const relayed = r.claims.filter((c) => c.independent_sources === 1 && new Set(c.reports.map((x) => x.outlet)).size > 1);
  for (const c of relayed) out.push(`${format === 'md' ? '-' : ' '} ${ids.get(c.id)} is reported by ${new Set(c.reports.map((x) => x.outlet)).size} outlets but rests on one source (${c.sources.map(esc).join('; ')})`);

  h(2, 'Contradictions and denials');
  const pairs = new Set<string>();
  for (const c of r.claims) for (const d of c.contradicts) pairs.add([ids.get(c.id), ids.get(d)].sort().join(' ↔ '));
  if (!pairs.size) out.push(format === 'md' ? '_None found._' : '  None found.');
  for (const p of pairs) {
    const [a, b] = p.split(' ↔ ').map((x) => r.claims[Number(x!.slice(1)) - 1]!);
    out.push(`${format === 'md' ? '-' : ' '} ${p}: “${esc(cut(a!.text, 80))}” (${esc(a!.speaker ?? '?')}) vs “${esc(cut(b!.text, 80))}” (${esc(b!.speaker ?? '?')})`);
  }
  return `${out.join('\n')}\n`;
}

const coverageLine = (c: ReportCoverage | undefined) => (c ? [`this report covers the latest ${c.reported} of its ${c.articles} articles`] : []);

export function renderStory(r: StoryReport, format: 'text' | 'md'): string {
  const header = [
    `story ${r.id} in thread ${r.thread_id}`,
    `span: ${r.start ?? '?'} – ${r.end ?? '?'}; ${r.article_ids.length} article${r.article_ids.length === 1 ? '' : 's'}`,
    `outlets: ${r.outlets.join(', ') || '—'}`,
    `key actors: ${r.actors.join(', ') || '—'}`,
    ...coverageLine(r.coverage),
  ];
  return render({ title: r.title, header, outlets: r.outlets, claims: r.claims, timeline_events: r.timeline_events }, format);
}

export function renderThread(r: ThreadReport, format: 'text' | 'md'): string {
  const outlets = [...new Set(r.stories.flatMap((s) => s.outlets))];
  const header = [
    `thread ${r.id}: ${r.stories.length} stor${r.stories.length === 1 ? 'y' : 'ies'}, ${r.start ?? '?'} – ${r.end ?? '?'}`,
    ...r.stories.map((s) => `story ${s.id}: ${s.title} (${s.start ?? '?'}; ${s.outlets.join(', ')})`),
    ...coverageLine(r.coverage),
  ];
  return render({ title: r.title, header, outlets, claims: r.claims, timeline_events: r.timeline_events }, format);
}
