import { ApiFailure } from './api.js';
import { h, mount, type Child } from './dom.js';
import { articlePage, eventPage, eventsPage, go, searchPage, storyPage, threadPage, threadsPage, todayPage } from './pages.js';

type Route = (rest: string, params: URLSearchParams) => Promise<Child>;

const ROUTES: [RegExp, Route][] = [
  [/^$/, () => todayPage()],
  [/^story\/([\w-]+)$/, (id) => storyPage(id)],
  [/^threads$/, () => threadsPage()],
  [/^thread\/([\w-]+)$/, (id) => threadPage(id)],
  [/^event\/([\w-]+)$/, (id) => eventPage(id)],
  [/^article\/([\w-]+)$/, (id, p) => articlePage(id, p)],
  [/^events$/, (_, p) => eventsPage(p)],
  [/^search$/, (_, p) => searchPage(p)],
];

let generation = 0;

async function render(): Promise<void> {
  const main = document.getElementById('main')!;
  const hash = location.hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = hash.split('?', 2);
  const params = new URLSearchParams(query);
  const mine = ++generation;
  main.setAttribute('aria-busy', 'true');
  let content: Child;
  try {
    const hit = ROUTES.map(([re, fn]) => [re.exec(path), fn] as const).find(([m]) => m);
    content = hit ? await hit[1](hit[0]![1] ?? '', params) : [h('h1', {}, 'Not found'), h('p', {}, 'No such page. '), h('a', { href: '#/' }, 'Back to today')];
  } catch (e) {
    const f = e instanceof ApiFailure ? e : null;
    content = [h('h1', {}, f?.status === 404 ? 'Not found' : 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, f ? `${f.message} (${f.code})` : String((e as Error).message))];
  }
  if (mine !== generation) return; // a later navigation won
  mount(main, content);
  main.removeAttribute('aria-busy');
  for (const a of document.querySelectorAll('header nav a')) a.toggleAttribute('aria-current', a.getAttribute('href') === `#/${path.split('/')[0]}` || (path === '' && a.getAttribute('href') === '#/'));
  const evidence = document.getElementById('evidence');
  if (evidence) {
    evidence.scrollIntoView({ block: 'center' });
    evidence.focus({ preventScroll: true });
  } else main.focus({ preventScroll: true });
  document.title = `${main.querySelector('h1')?.textContent ?? 'wirescope'} · wirescope`;
}

document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('search') as HTMLFormElement;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = (form.elements.namedItem('q') as HTMLInputElement).value.trim();
    go(`#/search?${new URLSearchParams({ q })}`);
  });
  window.addEventListener('hashchange', () => void render());
  void render();
});
