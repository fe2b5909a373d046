import { api, type ArticleView, type EventQueryParams, type EventRecord, type StoryReport, type ThreadReport } from './api.js';
import { legend, mapChart, networkChart, overTimeChart, provenanceGraph, quad, timelineChart } from './charts.js';
import { h, type Child } from './dom.js';

export const go = (hash: string) => {
  location.hash = hash;
};
const articleLink = (id: string, start: number, end: number) => `#/article/${encodeURIComponent(id)}?s=${start}&e=${end}`;
const dateLabel = (d: string | null, p?: string) => (!d ? 'undated' : p === 'year' ? d.slice(0, 4) : p === 'month' ? d.slice(0, 7) : d);
const chainText = (chain: readonly { name: string; anonymous?: boolean }[]) => chain.map((l) => (l.anonymous ? `${l.name} (anon.)` : l.name)).join(' → ');
const who = (a: EventRecord['source']) => (a ? `${a.name} (${a.code})` : '—');

/** The claim in quotation marks, unless it already opens with one. */
const quoted = (text: string) => (/^["“‘']/.test(text) ? text : `“${text}”`);

function badge(text: string, cls: string, title?: string): HTMLElement {
  return h('span', { class: `badge ${cls}`, title }, text);
}

export async function todayPage(): Promise<Child> {
  const p = await api.today(30);
  if (!p.items.length) return [h('h1', {}, 'Today'), h('p', {}, 'No stories yet: ingest articles, then run annotate, code and cluster (or `npm run demo`).')];
  return [
    h('h1', {}, 'Latest stories'),
    h('ol', { class: 'stories' }, ...p.items.map((st) => h('li', { class: 'story-card' },
      h('h2', {}, h('a', { href: `#/story/${st.id}` }, st.title)),
      h('p', { class: 'meta' }, `${st.start === st.end ? (st.start ?? 'undated') : `${st.start} – ${st.end}`} · ${st.article_ids.length} article${st.article_ids.length === 1 ? '' : 's'} · ${st.outlets.length} outlet${st.outlets.length === 1 ? '' : 's'}`),
      h('p', { class: 'outlets' }, ...st.outlets.map((o) => h('span', { class: 'chip' }, o))),
      st.actors.length ? h('p', { class: 'actors' }, 'Key actors: ', st.actors.slice(0, 8).join(', ')) : null,
      st.development ? h('p', { class: 'development' }, h('span', { class: `swatch ${quad(st.development.quad_class).cls}`, 'aria-hidden': 'true' }, quad(st.development.quad_class).short), ' ', `${dateLabel(st.development.date)}: `, h('a', { href: `#/event/${st.development.event_id}` }, st.development.text)) : null,
      h('p', {}, h('a', { href: `#/thread/${st.thread_id}`, class: 'small' }, 'Thread →'))))),
  ];
}

function claimMatrix(r: Pick<StoryReport, 'claims'>): Child {
  if (!r.claims.length) return h('p', { class: 'muted' }, 'No claims.');
  const outlets = [...new Set(r.claims.flatMap((c) => [...c.reports.map((x) => x.outlet), ...c.omitted_by]))].sort();
  return h('div', { class: 'scroll' }, h('table', { class: 'matrix' },
    h('caption', {}, 'Claims × outlets: each cell is the chain of sources that outlet gave, linked to its sentence.'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Claim'), ...outlets.map((o) => h('th', { scope: 'col' }, o)))),
    h('tbody', {}, ...r.claims.map((c) => h('tr', { id: `claim-${c.id}` },
      h('th', { scope: 'row' },
        h('span', { class: 'claim-text' }, quoted(c.text.length > 220 ? `${c.text.slice(0, 219)}…` : c.text)),
        h('span', { class: 'claim-meta' },
          c.speaker ? `— ${c.speaker} ` : '— unattributed ',
          badge(`${c.independent_sources} independent source${c.independent_sources === 1 ? '' : 's'}`, c.independent_sources > 1 ? 'good' : 'plain', c.sources.join('; ')),
          c.negated ? badge('denial', 'warn') : null,
          c.contradicts.length ? badge(`contradicts ${c.contradicts.length}`, 'bad', `contradicts claim(s) ${c.contradicts.join(', ')}`) : null)),
      ...outlets.map((o) => {
        const reps = c.reports.filter((x) => x.outlet === o);
        if (reps.length) return h('td', {}, ...reps.map((x) => h('a', { href: articleLink(x.article_id, x.start, x.end), class: 'cell' }, chainText(x.chain) || o)));
        return h('td', { class: c.omitted_by.includes(o) ? 'omitted' : 'empty' }, c.omitted_by.includes(o) ? 'omits' : '');
      }))))));
}

function timelineTable(r: Pick<StoryReport, 'timeline_events'>): Child {
  return h('div', { class: 'scroll' }, h('table', { class: 'events' },
    h('thead', {}, h('tr', {}, ...['Date', 'Class', 'Event', 'Source → target', 'Outlets'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...r.timeline_events.map((e) => h('tr', {},
      h('td', {}, dateLabel(e.date, e.date_precision)),
      h('td', {}, h('span', { class: `swatch ${quad(e.quad_class).cls}`, title: quad(e.quad_class).name }, quad(e.quad_class).short)),
      h('td', {}, h('a', { href: `#/event/${e.id}` }, e.name), e.negated ? badge('negated', 'warn') : null, e.hedged ? badge('hedged', 'plain') : null),
      h('td', {}, `${e.source ?? '—'} → ${e.target ?? '—'}${e.location ? ` in ${e.location}` : ''}`),
      h('td', {}, e.outlets.join(', ')))))));
}

function reportBody(r: StoryReport | ThreadReport): Child[] {
  return [
    h('p', { class: 'meta' }, `${r.start ?? '?'} – ${r.end ?? '?'}`, 'article_ids' in r ? ` · ${r.article_ids.length} articles · ${r.outlets.join(', ')}` : ` · ${r.stories.length} stories`),
    r.actors.length ? h('p', { class: 'actors' }, 'Key actors: ', r.actors.join(', ')) : null,
    h('section', { 'aria-labelledby': 'tl' }, h('h2', { id: 'tl' }, 'Timeline'), legend(), timelineChart(r as StoryReport, (id) => go(`#/event/${id}`)), timelineTable(r)),
    h('section', { 'aria-labelledby': 'cm' }, h('h2', { id: 'cm' }, 'Claims across outlets'), claimMatrix(r)),
    h('section', { 'aria-labelledby': 'pg' }, h('h2', { id: 'pg' }, 'Provenance'), provenanceGraph(r)),
  ];
}

export async function storyPage(id: string): Promise<Child> {
  const r = await api.story(id);
  return [h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Today'), ' › ', h('a', { href: `#/thread/${r.thread_id}` }, 'thread')), h('h1', {}, r.title), ...reportBody(r)];
}

export async function threadsPage(): Promise<Child> {
  const p = await api.threads();
  return [h('h1', {}, 'Threads'), h('ul', { class: 'stories' }, ...p.items.map((t) => h('li', { class: 'story-card' },
    h('h2', {}, h('a', { href: `#/thread/${t.id}` }, t.title)), h('p', { class: 'meta' }, `${t.start ?? '?'} – ${t.end ?? '?'} · ${t.story_ids.length} stor${t.story_ids.length === 1 ? 'y' : 'ies'}`))))];
}

export async function threadPage(id: string): Promise<Child> {
  const r = await api.thread(id);
  return [
    h('p', { class: 'crumbs' }, h('a', { href: '#/threads' }, 'Threads')),
    h('h1', {}, r.title),
    h('ul', { class: 'inline-list', 'aria-label': 'Stories in this thread' }, ...r.stories.map((st) => h('li', {}, h('a', { href: `#/story/${st.id}` }, st.title), ` (${st.start ?? '?'}, ${st.outlets.length} outlets)`))),
    ...reportBody(r),
  ];
}

export async function eventPage(id: string): Promise<Child> {
  const e = await api.event(id);
  return [
    h('h1', {}, `${e.cameo_name}`),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Codes'), h('dd', {}, `CAMEO ${e.cameo} (root ${e.cameo_root}) · PLOVER ${e.plover.type ?? '—'}${e.plover.mode ? `/${e.plover.mode}` : ''} · QuadClass ${e.quad_class} (${quad(e.quad_class).name}) · Goldstein ${e.goldstein}`),
      h('dt', {}, 'Date'), h('dd', {}, dateLabel(e.date, e.date_precision), e.date_precision === 'reported' ? ' (no date in the text: the report date)' : ''),
      h('dt', {}, 'Source'), h('dd', {}, who(e.source)),
      h('dt', {}, 'Target'), h('dd', {}, who(e.target)),
      h('dt', {}, 'Place'), h('dd', {}, e.location ? `${e.location.name}${e.location.country ? `, ${e.location.country}` : ''}` : '—'),
      h('dt', {}, 'Flags'), h('dd', {}, [e.negated ? 'negated' : null, e.hedged ? 'hedged' : null, e.ongoing ? 'ongoing' : null].filter(Boolean).join(', ') || 'none')),
    h('h2', {}, `${e.mentions.length} mention${e.mentions.length === 1 ? '' : 's'}`),
    e.mentions.length > 200 ? h('p', { class: 'muted' }, `The first 200 are shown; the export and /api/events/${e.id} have every one.`) : null,
    h('ol', { class: 'mentions' }, ...e.mentions.slice(0, 200).map((m) => {
      const a = m.start - m.sentence_start;
      const b = m.end - m.sentence_start;
      return h('li', {},
        h('p', { class: 'meta' }, `${m.outlet ?? 'unknown outlet'}, ${m.published?.slice(0, 10) ?? 'undated'} · via ${chainText(m.chain) || '—'}`),
        h('blockquote', {}, m.text.slice(0, a), h('mark', {}, m.text.slice(a, b)), m.text.slice(b)),
        h('a', { href: articleLink(m.article_id, m.sentence_start, m.sentence_end) }, 'Open the article at this sentence'));
    })),
  ];
}

export async function articlePage(id: string, params: URLSearchParams): Promise<Child> {
  const v: ArticleView = await api.article(id);
  const a = v.article;
  const start = Number(params.get('s'));
  const end = Number(params.get('e'));
  const hasSpan = params.has('s') && Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= a.body.length;
  const href = a.url;
  const paras = (a.paragraphs.length ? a.paragraphs : [{ start: 0, end: a.body.length, kind: 'text' }]).map((p) => {
    const parts: Child[] = [];
    if (hasSpan && start < p.end && end > p.start) {
      const s0 = Math.max(start, p.start);
      const e0 = Math.min(end, p.end);
      parts.push(a.body.slice(p.start, s0), h('mark', { id: s0 === start ? 'evidence' : undefined, tabindex: s0 === start ? -1 : undefined }, a.body.slice(s0, e0)), a.body.slice(e0, p.end));
    } else parts.push(a.body.slice(p.start, p.end));
    return h(p.kind === 'heading' ? 'h3' : 'p', { dir: 'auto' }, ...parts);
  });
  return [
    h('h1', { dir: 'auto' }, a.title ?? '(untitled)'),
    h('p', { class: 'meta' }, `${a.outlet ?? 'unknown outlet'} · ${a.published?.slice(0, 10) ?? 'undated'} · article ${a.id.slice(0, 12)}`, href ? ' · ' : null, href ? h('a', { href }, 'original') : null),
    hasSpan ? h('p', { class: 'muted' }, `Evidence: characters ${start}–${end}, highlighted below.`) : null,
    h('article', { class: 'body' }, ...paras),
  ];
}

const FILTERS: readonly (keyof EventQueryParams)[] = ['actor', 'dyad', 'cameo', 'plover', 'since', 'until', 'outlet'];
const PLACEHOLDERS: Readonly<Record<string, string>> = { actor: 'RUS', dyad: 'RUS-IRN', cameo: '04', plover: 'CONSULT', since: 'YYYY-MM-DD', until: 'YYYY-MM-DD', outlet: 'Reuters' };

export async function eventsPage(params: URLSearchParams): Promise<Child> {
  const q: EventQueryParams = {};
  for (const f of FILTERS) {
    const v = params.get(f)?.trim();
    if (v) (q as Record<string, string>)[f] = v;
  }
  const form = h('form', { class: 'filters', 'aria-label': 'Event filters' },
    ...FILTERS.map((f) => h('label', {}, f, h('input', { name: f, value: (q as Record<string, string | undefined>)[f] ?? '', placeholder: PLACEHOLDERS[f] ?? '' }))),
    h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const out = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (typeof v === 'string' && v.trim()) out.set(k, v.trim());
    go(`#/events${out.size ? `?${out}` : ''}`);
  });
  const [sum, first] = await Promise.all([api.eventSummary(q), api.events({ ...q, limit: '100' })]);
  const rows = h('tbody', {});
  const more = h('button', { type: 'button', class: 'more' }, 'More events');
  let cursor = first.next_cursor;
  const add = (events: readonly EventRecord[]) => {
    for (const e of events) rows.appendChild(h('tr', {},
      h('td', {}, dateLabel(e.date, e.date_precision)),
      h('td', {}, h('span', { class: `swatch ${quad(e.quad_class).cls}`, title: quad(e.quad_class).name }, quad(e.quad_class).short)),
      h('td', {}, e.cameo),
      h('td', {}, h('a', { href: `#/event/${e.id}` }, e.cameo_name), e.negated ? badge('negated', 'warn') : null),
      h('td', {}, `${who(e.source)} → ${who(e.target)}`),
      h('td', {}, String(e.mention_count ?? e.mentions.length))));
    more.hidden = !cursor;
  };
  add(first.items);
  more.addEventListener('click', () => {
    if (!cursor) return;
    more.setAttribute('disabled', '');
    void api.events({ ...q, limit: '100', cursor }).then((p) => {
      cursor = p.next_cursor;
      add(p.items);
    }).catch((e: Error) => {
      more.after(h('p', { class: 'error', role: 'alert' }, `Could not load more: ${e.message}`));
    }).finally(() => more.removeAttribute('disabled'));
  });
  return [
    h('h1', {}, 'Event explorer'),
    form,
    h('p', { class: 'meta' }, `${sum.total} event${sum.total === 1 ? '' : 's'}${sum.undated ? ` (${sum.undated} undated)` : ''}; events said not to have happened are listed but not counted`),
    h('section', { 'aria-labelledby': 'ot' }, h('h2', { id: 'ot' }, 'Over time'), legend(), overTimeChart(sum)),
    h('div', { class: 'two' },
      h('section', { 'aria-labelledby': 'mp' }, h('h2', { id: 'mp' }, 'Map'), mapChart(sum)),
      h('section', { 'aria-labelledby': 'nw' }, h('h2', { id: 'nw' }, 'Dyads'), networkChart(sum))),
    h('section', { 'aria-labelledby': 'ls' }, h('h2', { id: 'ls' }, 'Events, oldest first'), h('div', { class: 'scroll' }, h('table', { class: 'events' },
      h('thead', {}, h('tr', {}, ...['Date', 'Class', 'CAMEO', 'Event', 'Source → target', 'Mentions'].map((t) => h('th', { scope: 'col' }, t)))),
      rows)), more),
  ];
}

export async function searchPage(params: URLSearchParams): Promise<Child> {
  const q = params.get('q')?.trim() ?? '';
  if (!q) return [h('h1', {}, 'Search'), h('p', {}, 'Type words to search titles and bodies.')];
  const p = await api.search(q);
  return [
    h('h1', {}, 'Search: ', q),
    p.items.length ? h('ol', { class: 'stories' }, ...p.items.map((hit) => h('li', {},
      h('a', { href: `#/article/${hit.id}` }, hit.title ?? '(untitled)'),
      h('p', { class: 'meta' }, `${hit.outlet ?? 'unknown'} · ${hit.published?.slice(0, 10) ?? 'undated'}`),
      h('p', { class: 'snippet' }, hit.snippet)))) : h('p', {}, 'No articles match.'),
  ];
}
