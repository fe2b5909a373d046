import { Command, CommanderError, Option } from 'commander';
import { WirescopeError } from '../errors.js';
import { type CommandContext } from './context.js';
import { defaultIo, inert, type Io } from './output.js';

export const VERSION = '0.1.0';

/**
 * The `wirescope` command line. Each command's module is imported when that command runs, so
 * `--help` and light commands do not load the parser model, the gazetteer or the NLP library. Returns the exit code: 0 ok, 1 runtime failure, 2 usage error.
 */
export async function main(argv: readonly string[], io: Io = defaultIo(), stdin?: NodeJS.ReadableStream): Promise<number> {
  let code = 0;
  const program = new Command();
  const ctx = (): CommandContext => ({ io, global: program.opts<{ db?: string }>(), stdin });
  program
    .name('wirescope')
    .description('Turn news articles into source-linked event data.')
    .version(VERSION)
    .addOption(new Option('--db <path|url>', 'the store: a SQLite file, or a PostgreSQL URL postgres://user@host:5432/name (default: $WIRESCOPE_DB or ./wirescope.db)'))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });

  program
    .command('ingest')
    .description('read articles (text, Markdown, HTML, RSS/Atom, JSON/JSONL) from files, directories, globs, http(s) URLs or - (stdin)')
    .argument('<paths...>', 'inputs')
    .option('--json', 'print the summary as JSON')
    .option('--max-bytes <n>', 'reject inputs larger than this (default 20 MB)')
    .option('--batch-size <n>', 'articles per transaction (default 200)')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--date <date>', 'publication date (YYYY-MM-DD or ISO date-time) for articles that state none')
    .option('--outlet <name>', 'outlet for articles whose file names none')
    .option('--lang <code>', 'language (ISO 639, e.g. en) for articles whose language cannot be told')
    .option('--force-meta', 'let --date/--outlet/--lang replace what the files state')
    .option('--timeout <seconds>', 'for URLs: the most one fetch may take (default 20)')
    .option('--read-timeout <seconds>', 'the most reading one input may take before it is skipped (default 30)')
    .option('--queue <url>', 'then enqueue what awaits annotation for `wirescope worker` (redis://host:6379; default $WIRESCOPE_QUEUE when set)')
    .action(async (paths: string[], opts) => {
      code = await (await import('./ingest.js')).runIngest(paths, opts, ctx());
    });

  program
    .command('worker')
    .description('take annotate and code jobs from a Redis queue (BullMQ) and run them on the store; one per core and machine, all with the same --db')
    .option('--queue <url>', 'the queue: redis://host:6379[/db][?prefix=name] (default: $WIRESCOPE_QUEUE)')
    .option('--threads <n>', 'annotate this many articles at once, each on its own thread (default 1)')
    .option('--lock-ms <ms>', 'how long a job held by a worker that stopped answering stays locked before another takes it (default 30000)')
    .option('--until-idle', 'stop once both queues are empty')
    .option('--json', 'print the summary as JSON when it stops')
    .option('-q, --quiet', 'print only failures')
    .action(async (opts) => {
      code = await (await import('./worker.js')).runWorkerCommand(opts, ctx());
    });

  program
    .command('jobs')
    .description("the queue's depth, rate and failures per stage (annotate, code)")
    .option('--queue <url>', 'the queue: redis://host:6379[/db][?prefix=name] (default: $WIRESCOPE_QUEUE)')
    .option('--enqueue', 'first enqueue every stored article awaiting annotation')
    .option('--retry-failed', 'first put every job that failed its last try back in its queue (after fixing the cause; an article stored as skipped because its annotation failed is annotated again)')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      code = await (await import('./worker.js')).runJobs(opts, ctx());
    });

  program
    .command('watch')
    .description('poll feed URLs, web pages, folders or files and run the whole pipeline on what is new, every --every')
    .argument('<inputs...>', 'feed or page URLs, folders, files')
    .option('--every <interval>', 'how often: 30s, 15m (default), 2h')
    .option('--cycles <n>', 'stop after this many polls (default: until Ctrl-C)')
    .option('--timeout <seconds>', 'the most one fetch may take (default 20)')
    .option('--json', 'one JSON object per cycle')
    .option('-q, --quiet', 'print only cycles with rejected inputs')
    .action(async (inputs: string[], opts) => {
      code = await (await import('./watch.js')).runWatch(inputs, opts, ctx());
    });

  program
    .command('articles')
    .description('list stored articles, newest first')
    .option('--outlet <name>', 'only this outlet (case-insensitive)')
    .option('--since <date>', 'published on or after (YYYY-MM-DD)')
    .option('--until <date>', 'published on or before (YYYY-MM-DD)')
    .option('--originals', 'hide near-duplicates')
    .option('--limit <n>', 'at most this many')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      code = await (await import('./articles.js')).runArticles(opts, ctx());
    });

  program
    .command('show')
    .description('print one article (id or unique id prefix) with paragraph offsets and captions')
    .argument('<id>')
    .option('--annotations', 'with sentences, entities, actors, times and claims (run `annotate` first)')
    .option('--parse', "with the annotations, each sentence's tokens: text, offsets, tag, lemma, head (1-based in the sentence, 0 root) and relation")
    .option('--json', 'print JSON ({"article": ...}, plus the annotation keys with --annotations; --parse adds "tokens" to each sentence)')
    .action(async (id: string, opts) => {
      code = await (await import('./show.js')).runShow(id, opts, ctx());
    });

  program
    .command('annotate')
    .description('annotate stored articles (all not yet annotated, or the ids given): entities, actors, times, quotes, attribution')
    .argument('[ids...]', 'article ids or unique prefixes')
    .option('--force', 'annotate again even if up to date')
    .option('--threads <n>', 'worker threads (default auto: one per core once there are 32 articles or more; 1 = this thread)')
    .option('--json', 'print the summary as JSON')
    .action(async (ids: string[], opts) => {
      code = await (await import('./annotate.js')).runAnnotate(ids, opts, ctx());
    });

  program
    .command('actors')
    .description('list canonical actors with CAMEO-style codes and mention counts')
    .option('--country <iso3>', 'only this country (ISO alpha-3)')
    .option('--role <code>', 'only this role (GOV, MIL, MED, IGO...)')
    .option('--limit <n>', 'at most this many')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      code = await (await import('./actors.js')).runActors(opts, ctx());
    });

  program
    .command('code')
    .description('code events (CAMEO, PLOVER) in annotated articles, merging mentions of one event across articles')
    .argument('[ids...]', 'article ids or unique prefixes (default: every annotated article not yet coded)')
    .option('--force', 'code again even if up to date')
    .option('--threads <n>', 'worker threads for coding (default auto: one per core once there are 32 articles or more; 1 = this thread); merging stays in order')
    .option('--json', 'print the summary as JSON')
    .action(async (ids: string[], opts) => {
      code = await (await import('./events.js')).runCode(ids, opts, ctx());
    });

  const eventFilters = (c: Command) =>
    c
      .option('--actor <code>', 'source or target actor code, or its start (RUS matches RUSGOV)')
      .option('--dyad <A-B>', 'source and target countries, either way round (RUS-IRN)')
      .option('--cameo <code>', 'CAMEO code or its start (04, 041)')
      .option('--plover <type>', 'PLOVER event type (CONSULT, ASSAULT...)')
      .option('--since <date>', 'event date on or after (YYYY-MM-DD)')
      .option('--until <date>', 'event date on or before (YYYY-MM-DD)')
      .option('--outlet <name>', 'reported by this outlet')
      .option('--limit <n>', 'at most this many');

  eventFilters(program.command('events').description('list coded events, oldest first'))
    .option('--json', 'print JSON (one object per event, with its mentions)')
    .action(async (opts) => {
      code = await (await import('./events.js')).runEvents(opts, ctx());
    });

  program
    .command('event')
    .description('print one event (id or unique prefix) with every mention, its sentence and its chain of sources')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action(async (id: string, opts) => {
      code = await (await import('./events.js')).runEvent(id, opts, ctx());
    });

  eventFilters(program.command('export').description('export coded events as JSON Lines, CSV, or GDELT 2.0 Events + Mentions TSV'))
    .option('--events', 'export events')
    .option('--format <fmt>', 'jsonl (default), csv, gdelt (--out DIR), parquet (--out FILE) or geojson (located events)')
    .option('--out <path>', 'file to write (a folder for gdelt); default stdout')
    .option('--force', 'replace files that --out names (never the store)')
    .option('--header', 'gdelt: add a header row (GDELT\'s own files have none)')
    .action(async (opts) => {
      code = await (await import('./events.js')).runExport(opts, ctx());
    });

  program
    .command('cluster')
    .description('place coded articles into stories (one development) and threads (a continuing subject), incrementally')
    .option('--json', 'print the summary as JSON')
    .action(async (opts) => {
      code = await (await import('./stories.js')).runCluster(opts, ctx());
    });

  program
    .command('stories')
    .description('list stories, most recent first: title, span, outlets')
    .option('--since <date>', 'stories still running on or after this day')
    .option('--actor <code>', 'with this key actor (code or its start)')
    .option('--limit <n>', 'at most this many')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      code = await (await import('./stories.js')).runStories(opts, ctx());
    });

  program
    .command('threads')
    .description('list threads (stories of one continuing subject)')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      code = await (await import('./stories.js')).runThreads(opts, ctx());
    });

  program
    .command('story')
    .description('one story: timeline of events, claim × outlet matrix with chains, corroboration, omissions, contradictions')
    .argument('<id>')
    .option('--format <fmt>', 'text (default) or md (Markdown for a briefing)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts) => {
      code = await (await import('./stories.js')).runStory(id, opts, ctx());
    });

  program
    .command('thread')
    .description('one thread: its stories, their timeline and claims across outlets')
    .argument('<id>')
    .option('--format <fmt>', 'text (default) or md (Markdown for a briefing)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts) => {
      code = await (await import('./stories.js')).runThread(id, opts, ctx());
    });

  program
    .command('search')
    .description('full-text search over titles and bodies')
    .argument('<query>')
    .option('--limit <n>', 'at most this many hits (default 20)')
    .option('--json', 'print JSON')
    .action(async (query: string, opts) => {
      code = await (await import('./search.js')).runSearch(query, opts, ctx());
    });

  program
    .command('parse')
    .description('tag and dependency-parse text or CoNLL-U (Universal Dependencies v2) with the shipped model')
    .argument('[file]', 'input file, or - for standard input (default)')
    .option('--from <kind>', 'text (default: split and tokenize) or conllu (keep its sentences and tokens)')
    .option('--format <fmt>', 'conllu (default) or json')
    .action(async (file: string | undefined, opts) => {
      code = await (await import('./parse.js')).runParse(file, opts, ctx());
    });

  program
    .command('serve')
    .description('serve the HTTP API (/api, OpenAPI at /api/openapi.json) and the web UI over the store')
    .option('--host <host>', 'interface to bind (default 127.0.0.1; anything else needs --token)')
    .option('--port <n>', 'port (default 8080; 0 picks a free one)')
    .option('--token <t>', 'bearer token for writes (ingest), and for reads beyond loopback (default $WIRESCOPE_TOKEN)')
    .action(async (opts) => {
      code = await (await import('./serve.js')).runServe(opts, ctx());
    });

  program
    .command('demo')
    .description('run the pipeline on the bundled examples/ corpus and show what it found')
    .option('--examples <dir>', 'use another corpus folder')
    .action(async (opts) => {
      code = await (await import('./demo.js')).runDemo(opts, ctx());
    });

  try {
    await program.parseAsync(argv as string[]);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof WirescopeError && e.code === 'USAGE') {
      io.err(`wirescope: ${inert(e.message)}\n`);
      return 2;
    }
    io.err(`wirescope: ${inert((e as Error).message)}\n`);
    if (process.env.WIRESCOPE_DEBUG) io.err(`${(e as Error).stack}\n`);
    return 1;
  }
}
