/** SVG charts drawn with text nodes and geometry only: timeline, events over time, provenance graph, network, map. */
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { EventSummary, StoryReport } from './api.js';
import { h, s } from './dom.js';

/** QuadClass names and the CSS class that colours them; each also has a letter so colour is never the only cue. */
export const QUAD = {
  1: { name: 'Verbal cooperation', short: 'V+', cls: 'q1' },
  2: { name: 'Material cooperation', short: 'M+', cls: 'q2' },
  3: { name: 'Verbal conflict', short: 'V−', cls: 'q3' },
  4: { name: 'Material conflict', short: 'M−', cls: 'q4' },
} as const;
export const quad = (n: number) => QUAD[(n >= 1 && n <= 4 ? n : 1) as 1 | 2 | 3 | 4];

export function legend(): HTMLElement {
  return h('ul', { class: 'legend', 'aria-label': 'QuadClass legend' }, ...[1, 2, 3, 4].map((n) => h('li', {}, h('span', { class: `swatch ${quad(n).cls}`, 'aria-hidden': 'true' }, quad(n).short), ` ${quad(n).name}`)));
}

const dayNumber = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7) || '1') - 1, Number(d.slice(8, 10) || '1')) / 86_400_000;

/** The story's events on a date axis, one marker per event labelled with its QuadClass letter. */
export function timelineChart(r: StoryReport, open: (id: string) => void): SVGElement | HTMLElement {
  const dated = r.timeline_events.filter((e) => e.date);
  if (!dated.length) return h('p', { class: 'muted' }, 'No dated events.');
  const days = dated.map((e) => dayNumber(e.date!));
  const lo = Math.min(...days);
  const hi = Math.max(...days);
  const W = 760;
  const x = (d: number) => 40 + (hi === lo ? (W - 80) / 2 : ((d - lo) / (hi - lo)) * (W - 80));
  const stack = new Map<number, number>();
  const marks = dated.map((e) => {
    const d = dayNumber(e.date!);
    const k = stack.get(d) ?? 0;
    stack.set(d, k + 1);
    const q = quad(e.quad_class);
    return s('g', { class: `mark ${q.cls}`, tabindex: 0, role: 'link', 'aria-label': `${e.date}: ${e.name}, ${e.source ?? '—'} to ${e.target ?? '—'}`, onclick: () => open(e.id), onkeydown: (ev) => { if ((ev as KeyboardEvent).key === 'Enter') open(e.id); } },
      s('title', {}, `${e.date} ${e.name}: ${e.source ?? '—'} → ${e.target ?? '—'} (${e.outlets.join(', ')})`),
      s('circle', { cx: x(d), cy: 150 - k * 22, r: 9 }),
      s('text', { x: x(d), y: 150 - k * 22, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': 8 }, q.short));
  });
  const tall = Math.max(...stack.values());
  const H = 70 + tall * 22;
  for (const m of marks) m.setAttribute('transform', `translate(0 ${H - 190})`);
  const allTicks = [...new Set(dated.map((e) => e.date!.slice(0, 10)))];
  const ticks = allTicks.filter((_, i) => i % Math.ceil(allTicks.length / 10) === 0);
  const years = new Set(allTicks.map((t) => t.slice(0, 4))).size > 1;
  return s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': 'Timeline of the story’s events' },
    s('line', { x1: 30, x2: W - 30, y1: H - 25, y2: H - 25, class: 'axis' }),
    ...ticks.map((t) => s('text', { x: x(dayNumber(t)), y: H - 8, 'text-anchor': 'middle', 'font-size': 10, class: 'tick' }, years ? t : t.slice(5))),
    ...marks);
}

/** Events per day (or month, over long spans), stacked by QuadClass, from the server's summary. */
export function overTimeChart(sum: EventSummary): SVGElement | HTMLElement {
  if (!sum.periods.length) return h('p', { class: 'muted' }, 'No dated events.');
  const keys = sum.periods.map((p) => p.period);
  const max = Math.max(...sum.periods.map((p) => p.quad.reduce((a, b) => a + b, 0)));
  const W = 760;
  const bw = Math.max(2, Math.min(60, (W - 60) / keys.length - 2));
  const bars = sum.periods.flatMap((p, i) => {
    let y = 170;
    return p.quad.map((n, q) => {
      const hgt = (n / max) * 150;
      y -= hgt;
      return n ? s('rect', { x: 40 + i * (bw + 2), y, width: bw, height: hgt, class: `bar q${q + 1}` }, s('title', {}, `${p.period}: ${n} ${quad(q + 1).name.toLowerCase()}`)) : null;
    });
  });
  const every = Math.ceil(keys.length / 12);
  return s('svg', { viewBox: `0 0 ${W} 200`, class: 'chart', role: 'img', 'aria-label': `Events over time by QuadClass, ${keys.length} ${sum.period === 'month' ? 'months' : 'days'}` },
    s('line', { x1: 36, x2: W - 10, y1: 170, y2: 170, class: 'axis' }),
    s('text', { x: 4, y: 24, 'font-size': 10, class: 'tick' }, String(max)),
    ...keys.map((k, i) => (i % every === 0 ? s('text', { x: 40 + i * (bw + 2) + bw / 2, y: 186, 'font-size': 10, 'text-anchor': 'middle', class: 'tick' }, sum.period === 'month' ? k : k.slice(5)) : null)),
    ...bars);
}

let world: Promise<Topology> | null = null;

/** Located events on a bundled world outline (world-atlas 110m, Natural Earth; no network). */
export function mapChart(sum: EventSummary): HTMLElement {
  const box = h('figure', { class: 'map' }, h('figcaption', {}, 'Located events'));
  const located = sum.places.reduce((n, p) => n + p.events, 0);
  world ??= fetch('/assets/world.json').then((r) => r.json() as Promise<Topology>);
  void world.then((topo) => {
    const land = feature(topo, topo.objects.countries as GeometryCollection);
    const W = 760;
    const H = 380;
    const proj = geoNaturalEarth1().fitSize([W, H], land);
    const path = geoPath(proj);
    const dots = sum.places.map((c) => {
      const p = proj([c.lon, c.lat]);
      return p ? s('circle', { cx: p[0], cy: p[1], r: Math.min(14, 3 + Math.sqrt(c.events) * 2), class: `dot ${quad(c.quad_class).cls}` }, s('title', {}, `${c.name}: ${c.events} event${c.events === 1 ? '' : 's'}`)) : null;
    });
    box.appendChild(s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': `Map of ${located} located events in ${sum.places.length} places` },
      s('path', { d: path(land) ?? '', class: 'land' }), ...dots));
    box.appendChild(h('p', { class: 'muted' }, `${located} of ${sum.total} events carry a place.`));
  }).catch(() => box.appendChild(h('p', { class: 'muted' }, 'The world outline could not be loaded.')));
  return box;
}

/** Actors (by country or code) joined by the events between them, on a circle; edge width = events. */
export function networkChart(sum: EventSummary): SVGElement | HTMLElement {
  const degree = new Map<string, number>();
  for (const d of sum.dyads) {
    degree.set(d.a, (degree.get(d.a) ?? 0) + d.events);
    degree.set(d.b, (degree.get(d.b) ?? 0) + d.events);
  }
  const nodes = [...degree.entries()].sort((x, y) => y[1] - x[1]).slice(0, 24).map(([id]) => id);
  if (nodes.length < 2) return h('p', { class: 'muted' }, 'Too few dyads for a network.');
  const W = 460;
  const pos = new Map(nodes.map((id, i) => [id, { x: W / 2 + 170 * Math.cos((2 * Math.PI * i) / nodes.length), y: W / 2 + 170 * Math.sin((2 * Math.PI * i) / nodes.length) }]));
  const edges = sum.dyads.filter((e) => pos.has(e.a) && pos.has(e.b));
  const max = Math.max(1, ...edges.map((e) => e.events));
  return s('svg', { viewBox: `0 0 ${W} ${W}`, class: 'chart network', role: 'img', 'aria-label': `Network of ${nodes.length} actors` },
    ...edges.map((e) => s('line', { x1: pos.get(e.a)!.x, y1: pos.get(e.a)!.y, x2: pos.get(e.b)!.x, y2: pos.get(e.b)!.y, 'stroke-width': 1 + (4 * e.events) / max, class: 'edge' }, s('title', {}, `${e.a} – ${e.b}: ${e.events} event${e.events === 1 ? '' : 's'}`))),
    ...nodes.map((id) => s('g', { class: 'node' }, s('circle', { cx: pos.get(id)!.x, cy: pos.get(id)!.y, r: 16 }), s('text', { x: pos.get(id)!.x, y: pos.get(id)!.y, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': 9 }, id))));
}

/** From original speakers (left) through relaying outlets (middle) to publishers (right), one edge per chain link. */
export function provenanceGraph(r: Pick<StoryReport, 'claims'>): SVGElement | HTMLElement {
  const cols: Map<string, number>[] = [new Map(), new Map(), new Map()];
  const edges = new Map<string, number>();
  const col = (kind: string) => (kind === 'speaker' ? 0 : kind === 'relay' ? 1 : 2);
  for (const c of r.claims) {
    for (const rep of c.reports) {
      const links = rep.chain;
      for (let i = 0; i < links.length; i++) {
        const l = links[i]!;
        const k = col(l.kind);
        const name = l.anonymous ? `${l.name} (anonymous)` : l.name;
        cols[k]!.set(name, (cols[k]!.get(name) ?? 0) + 1);
        const next = links[i + 1];
        if (next) {
          // JSON keys: names are untrusted and may hold any separator.
          const e = JSON.stringify([k, name, col(next.kind), next.anonymous ? `${next.name} (anonymous)` : next.name]);
          edges.set(e, (edges.get(e) ?? 0) + 1);
        }
      }
    }
  }
  const lists = cols.map((m) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, 18).map(([n]) => n));
  const rows = Math.max(1, ...lists.map((l) => l.length));
  if (!edges.size) return h('p', { class: 'muted' }, 'No attributed claims.');
  const W = 760;
  const H = 30 + rows * 28;
  const X = [110, 380, 650];
  const y = (k: number, name: string) => {
    const list = lists[k] ?? [];
    const i = list.indexOf(name);
    return i < 0 ? null : 25 + i * 28 + (rows - list.length) * 14;
  };
  return s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart provenance', role: 'img', 'aria-label': 'Provenance: speakers, relays, publishers' },
    ...['Speakers', 'Relays', 'Publishers'].map((t, i) => s('text', { x: X[i]!, y: 12, 'text-anchor': 'middle', 'font-size': 11, class: 'head' }, t)),
    ...[...edges.entries()].map(([e, n]) => {
      const [a, an, b, bn] = JSON.parse(e) as [number, string, number, string];
      const y1 = y(Number(a), an);
      const y2 = y(Number(b), bn);
      if (y1 === null || y2 === null) return null;
      const x1 = X[Number(a)]! + 60;
      const x2 = X[Number(b)]! - 60;
      return s('path', { d: `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`, class: 'edge', 'stroke-width': Math.min(6, 1 + n) }, s('title', {}, `${an} → ${bn}: ${n}`));
    }),
    ...lists.flatMap((l, k) => l.map((name) => s('g', { class: `pnode k${k}` },
      s('rect', { x: X[k]! - 60, y: y(k, name)! - 10, width: 120, height: 20, rx: 4 }),
      s('text', { x: X[k]!, y: y(k, name)!, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': 10 }, name.length > 22 ? `${name.slice(0, 21)}…` : name),
      s('title', {}, name)))));
}
