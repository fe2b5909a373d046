#!/usr/bin/env python3
"""Build wirescope data/cameo/{codebook,plover,verbs}.json from the shared source files.

Run from a developer checkout: python3 scripts/cameo/build.py ../shared/datasets data/cameo (then scripts/cameo/extra.py)

Numbering: everything is in CAMEO 1.1b3 (codes and names: cameo11b3.py). The GDELT sample code
table supplies the Goldstein values (by meaning, through cameo11b3.TABLE_TO_V11) and is kept as
codebook.json `table_map` (table code -> 1.1b3 code).
"""
from tokens import tokens
from cameo11b3 import V11B3_CODES, NAME_NOTE, TABLE_TO_V11, TABLE_SAME_NUMBER_NOTE
import json, re, sys, os, collections

SRC, OUT = sys.argv[1], sys.argv[2]
TABLE = os.path.join(SRC, 'gdelt-samples/cameoCodeTable.tsv')
PLOVER = os.path.join(SRC, 'plover/CAMEO2PLOVER-2021.txt')
ONTOLOGY = os.path.join(SRC, 'universalpetrarch-gsr-validation/PETR.Internal.Coding.Ontology.txt')
VERBS = os.path.join(SRC, 'universalpetrarch-gsr-validation/phoenix-dictionaries/CAMEO.2.0.txt')

def parent_of(code):
    return None if len(code) == 2 else (code[:2] if len(code) == 3 else code[:3])

# ---------------------------------------------------------------- PLOVER table (read first: its codes are part of the code set)
prow = collections.OrderedDict()   # code -> row (first occurrence)
root_types = collections.defaultdict(list)
dups = []
with open(PLOVER, encoding='utf-8') as f:
    for raw in f:
        line = raw.strip()
        if not line or line.startswith('#') or line.startswith('~'):
            continue
        m = re.match(r'^(\d+):\s*(.*)$', line)
        assert m, line
        code, rest = m.groups()
        body, _, comment = rest.partition('#')
        parts = [x.strip() for x in body.split(',')]
        if len(code) == 2:
            root_types[code].append(parts[0])
            continue
        ptype = parts[0]
        mode = parts[1] if len(parts) > 1 and parts[1] else None
        ctx = [c.strip() for c in parts[2].split(';') if c.strip()] if len(parts) > 2 else []
        row = {'cameo': code, 'plover': ptype, 'mode': mode, 'context': ctx, 'label': comment.strip()}
        if code in prow:
            dups.append(row)
            continue
        prow[code] = row

# ---------------------------------------------------------------- GDELT sample code table
table = collections.OrderedDict()   # code -> (name, goldstein)
with open(TABLE, encoding='utf-8') as f:
    for i, line in enumerate(f):
        if i == 0:
            continue
        line = line.rstrip('\n')
        if not line.strip():
            continue
        code, desc, gold, code2 = line.split('\t')
        assert code == code2 and code not in table, line
        table[code] = (re.sub(r'\s+', ' ', desc).strip(), float(gold))
# Names the table has damaged (used only in notes): 0872 "Ease military blocka[-2.0", 1451-1454 repeat 1441-1444.
for c in ('0872', '1451', '1452', '1453', '1454'):
    table[c] = (None, table[c][1])

V11 = collections.OrderedDict(V11B3_CODES)
assert len(V11) == len(V11B3_CODES)
table_map = collections.OrderedDict((t, TABLE_TO_V11.get(t, (t, True))[0]) for t in table)
exact = {t: TABLE_TO_V11.get(t, (t, True))[1] for t in table}
for t, c in table_map.items():
    assert c in V11, f'table {t} -> {c}: not a 1.1b3 code'

# ---------------------------------------------------------------- code set: cross-check the sources
onto = set()
with open(ONTOLOGY, encoding='utf-8') as f:
    for line in f:
        m = re.match(r'^(\d{2,4}):', line)
        if m:
            onto.add(m.group(1))
# 1824 is in the PETRARCH ontology only (bit pattern 0x0096, no name, used by no dictionary); it is
# not in the CAMEO 1.1b3 manual, CAMEO2PLOVER-2021 or the table, so it is left out.
ONTOLOGY_IGNORED = {'1824'}
assert ONTOLOGY_IGNORED <= onto
same_in_table = {t for t, c in table_map.items() if c == t}
derived = (onto - ONTOLOGY_IGNORED) | set(prow) | same_in_table
assert derived <= set(V11), f'codes in the sources but not in cameo11b3: {sorted(derived - set(V11))}'
MANUAL_ONLY = set(V11) - derived
assert MANUAL_ONLY == {'155', '176'}, sorted(MANUAL_ONLY)

# ---------------------------------------------------------------- codebook
def quad(root):
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4

def sentence_case(s):
    s = s.lower()
    s = re.sub(r'\bwmd\b', 'WMD', s)
    return s[:1].upper() + s[1:]

def tname(t):
    n = table[t][0]
    return f'{t} ("{n}")' if n else t

TBL = 'the GDELT sample code table (cameoCodeTable.tsv)'
sources = collections.defaultdict(list)   # 1.1b3 code -> table codes with that meaning
for t, c in table_map.items():
    sources[c].append(t)

code_out = []
by_code = {}
for code, name in V11.items():
    root = code[:2]
    parent = parent_of(code)
    assert parent is None or parent in by_code, code
    e = {'code': code, 'root': root, 'parent': parent, 'name': name,
         'title': sentence_case(name) if len(code) == 2 else name.rstrip('.')}
    src = sources.get(code, [])
    notes = []
    if code in NAME_NOTE:
        notes.append(NAME_NOTE[code])
    if src:
        golds = {table[t][1] for t in src}
        assert len(golds) == 1, (code, src, golds)
        e['goldstein'] = golds.pop()
        same = [t for t in src if t != code and exact[t]]
        near = [t for t in src if t != code and not exact[t]]
        if same:
            desc = ' and '.join(tname(t) for t in same)
            notes.append(f'{"Also numbered" if code in src else "Numbered"} {desc} in {TBL}.')
        if near:
            desc = ' and '.join(tname(t) for t in near)
            if code in src:
                notes.append(f'`table_map` also sends {desc} of {TBL} here, as the nearest 1.1b3 code.')
            else:
                notes.append(f'Not in {TBL} as such; its {desc} {"is" if len(near) == 1 else "are"} the nearest '
                             f'and {"maps" if len(near) == 1 else "map"} here.')
    else:
        e['goldstein'] = by_code[parent]['goldstein']
        e['goldstein_from'] = 'parent'
        notes.append(f'Not in {TBL}; Goldstein value from the parent code {parent}.')
    e['quad_class'] = quad(root)
    if code in table and table_map[code] != code:
        notes.append(f'Caution: the table\'s {code} is "{table[code][0]}" ({table_map[code]} here).')
    if code in TABLE_SAME_NUMBER_NOTE:
        notes.append(TABLE_SAME_NUMBER_NOTE[code])
    if code in MANUAL_ONLY:
        notes.append('In the CAMEO 1.1b3 manual\'s code list, but not in the PETRARCH ontology or CAMEO2PLOVER-2021.')
    if notes:
        e['note'] = ' '.join(notes)
    code_out.append(e)
    by_code[code] = e

# ---------------------------------------------------------------- PLOVER mapping (one entry per codebook code)
MAP_NOTE = {
    '175': 'The source row has "pro_autocracy" in the mode slot (a context value elsewhere in the table); kept as given. The table lists 175 twice with the same mapping.',
}
mapping = []
used_rows = set()
for code, name in V11.items():
    e = {'cameo': code, 'name': name}
    if len(code) == 2:
        types = root_types.get(code, [])
        if len(types) == 1:
            e.update({'plover': types[0], 'mode': None, 'context': [], 'row': code, 'match': 'root'})
        elif len(types) > 1:
            e.update({'plover': None, 'mode': None, 'context': [], 'row': None, 'match': 'none',
                      'note': f'The table splits root {code} between ' + ' and '.join(types) + ' (080-083 CONCEDE, 084-087 RETREAT); code the event at 3 or 4 digits.'})
        else:
            e.update({'plover': None, 'mode': None, 'context': [], 'row': None, 'match': 'none',
                      'note': f'CAMEO2PLOVER-2021 has no rows for root {code}.'})
        mapping.append(e)
        continue
    if code in prow:
        rc, match = code, 'code'
    elif code[:2] in ('01', '02'):
        rc, match = None, 'none'
    else:
        # no row of its own: the parent's row (for a base code, its root's "not specified" code)
        rc = parent_of(code) if len(code) == 4 else code[:2] + '0'
        assert rc in prow, (code, rc)
        match = 'parent'
    if rc is None:
        e.update({'plover': None, 'mode': None, 'context': [], 'row': None, 'match': 'none',
                  'note': 'CAMEO2PLOVER-2021 has no rows for CAMEO roots 01 (statements) and 02 (appeals).'})
    else:
        r = prow[rc]
        used_rows.add(rc)
        e.update({'plover': r['plover'], 'mode': r['mode'], 'context': r['context'], 'row': rc, 'match': match})
        if match == 'parent':
            e['note'] = f'CAMEO2PLOVER-2021 has no row for {code}; the row of {rc} ("{r["label"]}") is used.'
    if code in MAP_NOTE:
        e['note'] = MAP_NOTE[code]
    mapping.append(e)

# ---------------------------------------------------------------- verbs
# The dictionary is in CAMEO 1.1b3 numbering like the codebook: codes are kept as they are, except
# for this typo. `cameo` keeps the dictionary's text where it differs.
TYPO = {'080!': '080'}

def map_code(c):
    """dictionary code -> codebook code or None ('---' / '')"""
    if c in ('', '---'):
        return None
    c = TYPO.get(c, c)
    if c in by_code:
        return c
    raise SystemExit(f'dictionary code {c!r} is not in the codebook')

def parse_code(bracket):
    """'[042:043]' -> (code, reverse_code, raw)"""
    raw = bracket.strip()[1:-1].strip()
    if ':' in raw:
        a, b = raw.split(':', 1)
    else:
        a, b = raw, None
    return map_code(a.strip()), (map_code(b.strip()) if b is not None else None), raw

def literal(raw):
    """what (code, reverse) the raw bracket says without translation"""
    if ':' in raw:
        a, b = raw.split(':', 1)
    else:
        a, b = raw, None
    f = lambda x: None if x in ('', '---') else x
    return f(a), (f(b) if b is not None else None)

def inflect(stem):
    """PETRARCH's regular forms: 3sg, past, gerund (PETRreader.read_verb_dictionary)."""
    s = stem
    third = s + 'ES' if s[-1] in 'SXZ' else (s[:-1] + 'IES' if s.endswith('Y') else s + 'S')
    past = s + 'D' if s.endswith('E') else s + 'ED'
    ger = s[:-1] + 'ING' if (s.endswith('E') and len(s) > 1 and s[-2] not in 'AEIOU') else s + 'ING'
    return [third, past, ger]

def phrase(word):
    """'+ASK_FOR' -> ('ask for', 'ask'); 'RE_+ARREST' -> ('re arrest', 'arrest'); 'KILL' -> ('kill', None)"""
    parts = [p for p in word.split('_') if p != '']
    head = None
    words = []
    for p in parts:
        if p.startswith('+'):
            p = p[1:]
            head = p.lower()
        words.append(p.lower())
    if len(words) == 1:
        head = None
    return ' '.join(words), head

def compound_forms(word):
    """regular forms of a '+'-marked multiword verb: inflect the head word only"""
    parts = [p for p in word.split('_') if p != '']
    idx = next((i for i, p in enumerate(parts) if p.startswith('+')), 0)
    stem = parts[idx].lstrip('+')
    res = []
    for f in inflect(stem):
        ps = [p.lstrip('+') for p in parts]
        ps[idx] = f
        res.append(' '.join(p.lower() for p in ps))
    return res

synsets = collections.OrderedDict()
entries = []
transformations = []
cur = None
section = 'header'
stats = collections.Counter()
with open(VERBS, encoding='utf-8') as f:
    lines = f.read().split('\n')
for n, raw in enumerate(lines, 1):
    line = raw.rstrip()
    if line.startswith('####### SYNONYM SETS'):
        section = 'syn'; continue
    if line.startswith('####### VERB PATTERNS'):
        section = 'verbs'; cur = None; continue
    if not line.strip() or line.startswith('#'):
        continue
    if section == 'header':
        continue
    if section == 'syn':
        if line.startswith('&'):
            cur = line.strip()
            synsets[cur] = {'members': [], 'exact': []}
        elif line.startswith('+'):
            term = line.strip()[1:].split(' #')[0].strip()
            exact = term.endswith('_')
            words = ' '.join(w for w in term.split('_') if w).lower()
            synsets[cur]['members'].append(words)
            if exact:
                synsets[cur]['exact'].append(words)
        else:
            raise SystemExit(f'line {n}: unexpected in synsets: {line}')
        continue
    # verb section
    if line.startswith('~'):
        body = line[1:].split(' #')[0].strip()
        last = body.split()[-1]
        transformations.append({'text': body, 'code': None if last == 'Q' else map_code(last), 'cameo': last})
        stats['transformations'] += 1
        continue
    if line.startswith('---'):
        m = re.match(r'^---\s+(\S+)\s+(\[[^\]]*\])\s*-*\s*-*\s*$', line)
        assert m, (n, line)
        code, rev, raw = parse_code(m.group(2))
        cur = {'id': m.group(1), 'code': code}
        if rev is not None:
            cur['reverse_code'] = rev
        if (code, rev) != literal(raw):
            cur['cameo'] = raw
        cur['verbs'] = []
        cur['patterns'] = []
        entries.append(cur)
        continue
    if line.startswith('-'):
        body, _, comment = line[1:].partition('#')
        m = re.match(r'^(.*?)\s*(\[[^\]]*\])\s*$', body)
        assert m, (n, line)
        text = ' '.join(m.group(1).split())
        code, rev, raw = parse_code(m.group(2))
        p = {'text': text, 'tokens': tokens(text), 'code': code}
        if rev is not None:
            p['reverse_code'] = rev
        if (code, rev) != literal(raw):
            p['cameo'] = raw
        c = comment.strip()
        if c:
            p['comment'] = c
        undefined = [t for t in p['tokens'] if t.startswith('&') and t not in synsets]
        if undefined:
            p['undefined_synsets'] = undefined
            stats['patterns_undefined_synset'] += 1
        cur['patterns'].append(p)
        stats['patterns'] += 1
        stats['patterns_coded' if code or rev else 'patterns_null'] += 1
        continue
    # a verb line
    assert cur is not None, (n, line)
    body = line.split('#')[0]
    comment = line[len(body):].lstrip('#').strip()
    if ';' in body:               # old TABARI-style ';' comments ("SCRAP {...};shan 8/30/93")
        body = body.split(';')[0]
    code = rev = raw = None
    m = re.search(r'(\[[^\]]*\])\s*$', body.strip())
    if m:
        code, rev, raw = parse_code(m.group(1))
        body = body.strip()[:m.start()].strip()
    explicit = '{' in body
    words = body.replace('{', ' ').replace('}', ' ').split()
    lemma_raw = words[0]
    lemma, head = phrase(lemma_raw)
    if explicit:
        forms = [phrase(w)[0] for w in words[1:]]
        regular = False
    elif len(words) > 1:
        raise SystemExit(f'line {n}: verb line with several words and no braces: {line}')
    else:
        forms = compound_forms(lemma_raw) if '_' in lemma_raw else [w.lower() for w in inflect(lemma_raw)]
        regular = True
    seen = set([lemma]); uniq = []
    for x in forms:
        if x not in seen:
            seen.add(x); uniq.append(x)
    v = {'lemma': lemma}
    if head:
        v['head'] = head
    v['forms'] = uniq
    if regular:
        v['regular'] = True
    if raw is not None:
        v['code'] = code
        if rev is not None:
            v['reverse_code'] = rev
        if (code, rev) != literal(raw):
            v['cameo'] = raw
    cur['verbs'].append(v)
    stats['verbs'] += 1

stats['entries'] = len(entries)
stats['synsets'] = len(synsets)
# drop empty 'exact'
for s in synsets.values():
    if not s['exact']:
        del s['exact']

# ---------------------------------------------------------------- write
def dump_lines(obj, top_order, list_keys):
    """Pretty top level, one JSON object per line inside list_keys."""
    out = ['{']
    keys = list(obj.keys())
    for i, k in enumerate(keys):
        comma = ',' if i < len(keys) - 1 else ''
        v = obj[k]
        if k in list_keys and isinstance(v, list):
            out.append(f'  {json.dumps(k)}: [')
            for j, item in enumerate(v):
                c2 = ',' if j < len(v) - 1 else ''
                out.append('    ' + json.dumps(item, ensure_ascii=False, separators=(', ', ': ')) + c2)
            out.append('  ]' + comma)
        elif k in list_keys and isinstance(v, dict):
            out.append(f'  {json.dumps(k)}: {{')
            ks = list(v.keys())
            for j, kk in enumerate(ks):
                c2 = ',' if j < len(ks) - 1 else ''
                out.append('    ' + json.dumps(kk) + ': ' + json.dumps(v[kk], ensure_ascii=False, separators=(', ', ': ')) + c2)
            out.append('  }' + comma)
        else:
            out.append(f'  {json.dumps(k)}: ' + json.dumps(v, ensure_ascii=False) + comma)
    out.append('}')
    return '\n'.join(out) + '\n'

def dump_verbs(obj):
    """entries: one block per group of lines: block header line, then one line per verb / pattern."""
    out = ['{']
    keys = list(obj.keys())
    for i, k in enumerate(keys):
        comma = ',' if i < len(keys) - 1 else ''
        v = obj[k]
        if k == 'entries':
            out.append('  "entries": [')
            for j, e in enumerate(v):
                c2 = ',' if j < len(v) - 1 else ''
                head = {kk: vv for kk, vv in e.items() if kk not in ('verbs', 'patterns')}
                h = json.dumps(head, ensure_ascii=False, separators=(', ', ': '))[:-1]
                out.append('    ' + h + ',')
                for name in ('verbs', 'patterns'):
                    items = e[name]
                    last = name == 'patterns'
                    if not items:
                        out.append(f'      "{name}": []' + ('' if last else ','))
                        continue
                    out.append(f'      "{name}": [')
                    for q, it in enumerate(items):
                        c3 = ',' if q < len(items) - 1 else ''
                        out.append('        ' + json.dumps(it, ensure_ascii=False, separators=(',', ':')) + c3)
                    out.append('      ]' + ('' if last else ','))
                out.append('    }' + c2)
            out.append('  ]' + comma)
        elif k in ('synsets', 'code_map'):
            out.append(f'  {json.dumps(k)}: {{')
            ks = list(v.keys())
            for j, kk in enumerate(ks):
                c2 = ',' if j < len(ks) - 1 else ''
                out.append('    ' + json.dumps(kk) + ': ' + json.dumps(v[kk], ensure_ascii=False, separators=(',', ':')) + c2)
            out.append('  }' + comma)
        elif k == 'transformations':
            out.append('  "transformations": [')
            for j, it in enumerate(v):
                c2 = ',' if j < len(v) - 1 else ''
                out.append('    ' + json.dumps(it, ensure_ascii=False, separators=(', ', ': ')) + c2)
            out.append('  ]' + comma)
        else:
            out.append(f'  {json.dumps(k)}: ' + json.dumps(v, ensure_ascii=False) + comma)
    out.append('}')
    return '\n'.join(out) + '\n'

os.makedirs(OUT, exist_ok=True)

codebook = {
    'version': 2,
    'description': 'CAMEO 1.1b3 event codes: the 20 root categories and their sub-codes, with Goldstein scale values and GDELT quad classes (1 verbal cooperation 01-05, 2 material cooperation 06-08, 3 verbal conflict 09-13, 4 material conflict 14-20). `name` is the CAMEO 1.1b3 name (roots in capitals as the manual writes them); `title` is the same in sentence case. `parent` is the code one level up (null for roots). `goldstein` is the GDELT sample code table\'s value for the same event; where that table lacks the event, the parent\'s value and `goldstein_from` = "parent". `note` says where the GDELT sample code table numbers the event differently, and any other caveat. `table_map` maps every code of that table (cameoCodeTable.tsv) to its 1.1b3 code, for converting data numbered like it. See data/cameo/README.md.',
    'source': 'Codes and names: CAMEO Conflict and Mediation Event Observations Event and Actor Codebook, version 1.1b3 (Philip A. Schrodt et al., Penn State Event Data Project, March 2012), chapter 6 code list; code set cross-checked against the PETRARCH internal coding ontology (PETR.Internal.Coding.Ontology.txt, UniversalPetrarch) and CAMEO2PLOVER-2021 (PLOVER). Goldstein (1992) values and table_map: cameoCodeTable.tsv from the gdeltPyR repository (github.com/linwoodc3/gdeltPyR, utils/schema_csvs, commit 8762db7f5aaa4f30eda0c9e72b2039ddb68ad593), a CAMEO event-code table with Goldstein values as distributed with GDELT tooling. Converted by wirescope.',
    'codes': code_out,
    'table_map': table_map,
}
with open(os.path.join(OUT, 'codebook.json'), 'w', encoding='utf-8') as f:
    f.write(dump_lines(codebook, None, {'codes', 'table_map'}))

source_rows = list(prow.values())
plover = {
    'version': 2,
    'description': 'CAMEO -> PLOVER mapping, one entry per codebook.json code. `plover` is the PLOVER event type (null where the source table has none), `mode` and `context` as the table gives them (`context` is a list; the table separates several with ";"). `row` is the CAMEO code of the CAMEO2PLOVER-2021 row used; `match`: "code" = the row for this code, "parent" = the table has no row for this code and its parent\'s row is used (for a base code, the row of its root\'s "not specified" code; see `note`), "root" = root line, "none" = no row. Codes are CAMEO 1.1b3 like the table\'s own. `source_rows` is the whole CAMEO2PLOVER-2021 table (CAMEO 1.1b3 numbering; `label` is its comment) and `source_roots` its root lines, kept for reference. Derived from CAMEO2PLOVER-2021; licensed CC BY-SA 4.0 like its source.',
    'licence': 'CC BY-SA 4.0',
    'licence_url': 'https://creativecommons.org/licenses/by-sa/4.0/',
    'attribution': 'PLOVER (Political Language Ontology for Verifiable Event Records), Open Event Data Alliance; CAMEO2PLOVER-2021.txt, PLOVER manual Draft 0.8, 17 September 2021, edited by Philip Schrodt. Adapted (one entry per codebook.json code, converted to JSON) by wirescope.',
    'source': 'https://github.com/openeventdata/PLOVER CAMEO2PLOVER-2021.txt, commit 5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f',
    'mapping': mapping,
    'source_rows': source_rows,
    'source_roots': {k: v for k, v in root_types.items()},
}
with open(os.path.join(OUT, 'plover.json'), 'w', encoding='utf-8') as f:
    f.write(dump_lines(plover, None, {'mapping', 'source_rows', 'source_roots'}))

MIT = ('The MIT License (MIT)\n\nCopyright (c) 2015 Open Event Data Alliance\n\n'
       'Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:\n\n'
       'The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\n\n'
       'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.')
verbs = {
    'version': 2,
    'description': 'The PETRARCH CAMEO verb dictionary as JSON. `entries` are the dictionary\'s verb blocks ("--- GRANT [070] ---"): `id`, the block\'s default `code`, its `verbs` (lemma, inflected `forms`, optional own `code`) and `patterns`. A pattern\'s `text` is the dictionary text; `tokens` splits it: "*" is the verb, "(" ")" a prepositional phrase (first word the preposition), "{" "}" a noun phrase (last word the head), "&NAME" a synset from `synsets`, "$" the source actor, "+" the target actor, "^" skip a word; words are lower case and "_" joins are split. `code` is the event for source->target; `reverse_code` (from "[a:b]") the event for target->source; null means the dictionary\'s null code "---" (explicitly no event). Codes are the dictionary\'s own (CAMEO 1.1b3, like codebook.json); the one typo ("[080!]") is read as 080 and `cameo` keeps the original text. Regular `forms` ("regular": true) are generated with PETRARCH\'s rules; others are listed in the dictionary. `transformations` are the dictionary\'s verb-transformation rules, kept as text. See data/cameo/README.md.',
    'source': 'CAMEO.2.0.txt (CAMEO verb pattern dictionary, last update 30 April 2015) from github.com/openeventdata/petrarch2, petrarch2/data/dictionaries, commit 676801cd9cb2924bbbad09f86d15c9323e7097bf. Converted by wirescope.',
    'licence': 'MIT',
    'copyright': 'Copyright (c) 2015 Open Event Data Alliance',
    'licence_text': MIT,
    'counts': {'entries': stats['entries'], 'verbs': stats['verbs'], 'patterns': stats['patterns'],
               'patterns_coded': stats['patterns_coded'], 'patterns_null': stats['patterns_null'],
               'synsets': stats['synsets'], 'transformations': stats['transformations']},
    'synsets': synsets,
    'transformations': transformations,
    'entries': entries,
}
with open(os.path.join(OUT, 'verbs.json'), 'w', encoding='utf-8') as f:
    f.write(dump_verbs(verbs))

print(dict(stats), 'codes', len(code_out), 'mapping', len(mapping), 'with type', sum(1 for m in mapping if m['plover']),
      'rows', len(source_rows), 'dups', len(dups), 'table codes', len(table_map), 'renumbered', sum(1 for t, c in table_map.items() if t != c))
unused = [c for c in prow if c not in used_rows]
print('unused plover rows', unused)
