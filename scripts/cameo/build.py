#!/usr/bin/env python3
"""Build wirescope data/cameo/{codebook,plover,verbs}.json from the shared source files.

Run from a developer checkout: python3 scripts/cameo/build.py ../shared/datasets data/cameo (then scripts/cameo/extra.py)
"""
from tokens import tokens
import json, re, sys, os, collections

SRC, OUT = sys.argv[1], sys.argv[2]
TABLE = os.path.join(SRC, 'gdelt-samples/cameoCodeTable.tsv')
PLOVER = os.path.join(SRC, 'plover/CAMEO2PLOVER-2021.txt')
VERBS = os.path.join(SRC, 'universalpetrarch-gsr-validation/phoenix-dictionaries/CAMEO.2.0.txt')

# ---------------------------------------------------------------- codebook
def quad(root):
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4

# Titles where the table's text is damaged; the corrected wording is the one the
# CAMEO2PLOVER-2021 table (and the CAMEO manual) gives for the same code.
TITLE_FIX = {
    '0872': ('Ease military blockade', 'The table\'s name is damaged ("Ease military blocka[-2.0"); title taken from CAMEO2PLOVER-2021\'s label for the same code.'),
    '1451': ('Engage in violent protest for change in leadership', 'The table repeats the 1441 name ("Obstruct passage to demand ...") for 1451-1454; titles taken from CAMEO2PLOVER-2021\'s labels for the same codes (145x = violent protest).'),
    '1452': ('Engage in violent protest for policy change', 'See 1451: table name repeats 1442; title restored.'),
    '1453': ('Engage in violent protest for rights', 'See 1451: table name repeats 1443; title restored.'),
    '1454': ('Engage in violent protest for change in institutions, regime', 'See 1451: table name repeats 1444; title restored.'),
    '2041': ('Use chemical, biological, or radiological weapons', None),
}

# Where this table's numbering differs from CAMEO 1.1b3 as the PETRARCH dictionary and the
# CAMEO2PLOVER-2021 table use it (see README). Text goes into the code's `note`.
V11 = 'CAMEO 1.1b3 as used by the PETRARCH dictionary and CAMEO2PLOVER-2021'
DIFF_NOTE = {
    '016': f'{V11} numbers "Make empathetic comment" 018 (and uses 016 for "Deny responsibility", which this table has as 127).',
    '018': f'{V11} numbers "Express accord" 019 (018 there is "Make empathetic comment", 016 here).',
    '019': f'No separate code in {V11}; "Express accord" is 019 there.',
    '0211': f'{V11} has 0211 "Appeal for economic cooperation" and 022 for diplomatic cooperation (policy support).',
    '0212': f'{V11} has 0212 "Appeal for military cooperation"; material cooperation in general is 021 there.',
    '025': f'{V11} splits this into 0251-0256 (administrative sanctions, dissent, release, economic sanctions, international involvement, de-escalation); this table has no sub-codes.',
    '0353': f'No equivalent in {V11} (0353 there is "Express intent to release persons or property", 0354 here).',
    '0354': f'{V11} numbers this 0353.',
    '0355': f'{V11} numbers this 0354.',
    '0356': f'{V11} numbers this 0355.',
    '0357': f'{V11} numbers this 0356; 0357 does not exist there.',
    '101': f'{V11} uses 101 with sub-codes 1011-1014 (demand economic/military/judicial/intelligence cooperation); demands for an investigation are coded 1014 in the dictionary.',
    '103': f'{V11} has sub-codes 1031-1034 (economic, military, humanitarian aid, protection).',
    '105': f'{V11} uses 105 for "Demand that target yields" (1051-1056) and 108 for "Demand mediation".',
    '1053': f'Under 105 "Demand that target yields" in {V11}; same meaning.',
    '106': f'{V11} has no "Demand withdrawal"; the dictionary codes demands for withdrawal or ceasefire 1056 "Demand de-escalation of military engagement". 106 there is "Demand meeting, negotiation".',
    '107': f'{V11} codes this 1056 "Demand de-escalation of military engagement"; 107 there is "Demand settling of dispute".',
    '108': f'{V11} numbers this 106; 108 there is "Demand mediation".',
    '121': f'{V11} uses 121 for "Reject material cooperation" (1211-1214 economic/military/judicial/intelligence).',
    '1211': f'{V11} codes rejecting a ceasefire or withdrawal 1246 "Refuse to de-escalate military engagement"; 1211 there is "Reject economic cooperation".',
    '1212': f'Nearest in {V11}: 1224 "Reject request for military protection or peacekeeping"; 1212 there is "Reject military cooperation".',
    '1213': f'{V11} numbers this 127 "Reject plan, agreement to settle dispute"; 1213 there is "Reject judicial cooperation".',
    '124': f'{V11} numbers this 125; 124 there is "Refuse to yield" (1241-1246).',
    '125': f'{V11} numbers this 126.',
    '126': f'{V11} numbers this 128.',
    '127': f'{V11} numbers "Deny responsibility" 016 (root 01); 127 there is "Reject plan, agreement to settle dispute".',
    '128': f'{V11} numbers this 129; 128 there is "Defy norms, law".',
    '163': f'{V11} numbers this 164; 163 there is "Impose embargo, boycott, or sanctions".',
    '164': f'{V11} numbers this 166 (1661-1663); 164 there is "Halt negotiations".',
    '1641': f'{V11} numbers this 1661.',
    '1642': f'{V11} numbers this 1662.',
    '1643': f'{V11} numbers this 1663.',
    '166': f'{V11} numbers this 163; 166 there is "Expel or withdraw".',
}

def sentence_case(s):
    s = s.lower()
    s = re.sub(r'\bwmd\b', 'WMD', s)
    return s[:1].upper() + s[1:]

codes = []
with open(TABLE, encoding='utf-8') as f:
    for i, line in enumerate(f):
        if i == 0:
            continue
        line = line.rstrip('\n')
        if not line.strip():
            continue
        p = line.split('\t')
        code, desc, gold, code2 = p
        assert code == code2, p
        name = re.sub(r'\s+', ' ', desc).strip()
        codes.append((code, name, float(gold)))

by_code = {c[0]: c for c in codes}
assert len(by_code) == len(codes)
code_out = []
for code, name, gold in codes:
    root = code[:2]
    parent = None if len(code) == 2 else (root if len(code) == 3 else code[:3])
    assert parent is None or parent in by_code, code
    if code in TITLE_FIX:
        title = TITLE_FIX[code][0]
    elif len(code) == 2:
        title = sentence_case(name)
    else:
        title = name.rstrip('.')
    e = {'code': code, 'root': root, 'parent': parent, 'name': name, 'title': title,
         'goldstein': gold, 'quad_class': quad(root)}
    notes = []
    if code in TITLE_FIX and TITLE_FIX[code][1]:
        notes.append(TITLE_FIX[code][1])
    if code in DIFF_NOTE:
        notes.append(DIFF_NOTE[code])
    if notes:
        e['note'] = ' '.join(notes)
    code_out.append(e)

# ---------------------------------------------------------------- PLOVER
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

# table code -> CAMEO2PLOVER row code chosen by meaning (only where it is not the same code)
BY_MEANING = {
    '0353': '034', '0354': '0353', '0355': '0354', '0356': '0355', '0357': '0356',
    '101': '1014', '105': '108', '106': '1056', '107': '1056', '108': '106',
    '121': '120', '1211': '1246', '1212': '1224', '1213': '127',
    '124': '125', '125': '126', '126': '128', '127': None, '128': '129',
    '163': '164', '164': '166', '1641': '1661', '1642': '1662', '1643': '1663', '166': '163',
}
MAP_NOTE = {
    '0353': 'No row for this code\'s meaning; mapped to 034 "Express intent to bring political reform", the nearest row.',
    '101': 'Mapped to row 1014 ("Demand intelligence cooperation"), the code the PETRARCH dictionary gives demands for an investigation.',
    '106': 'Mapped to row 1056 ("Demand de-escalation of military engagement"): the PLOVER table has no separate "Demand withdrawal".',
    '107': 'Mapped to row 1056 ("Demand de-escalation of military engagement"): the PLOVER table has no separate "Demand ceasefire".',
    '121': 'General "Reject proposal" mapped to row 120 ("Reject"); row 121 is "Reject material cooperation".',
    '1211': 'Mapped to row 1246 ("Decline to de-escalate military engagement").',
    '1212': 'Mapped to row 1224 ("Reject demand for military protection or peacekeeping"), the nearest row.',
    '127': 'Denying responsibility is CAMEO 1.1b3 code 016, which CAMEO2PLOVER-2021 does not map.',
    '175': 'The source row has "pro_autocracy" in the mode slot (a context value elsewhere in the table); kept as given. The table lists 175 twice with the same mapping.',
}
mapping = []
used_rows = set()
for code, name, gold in codes:
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
    if code in BY_MEANING:
        rc = BY_MEANING[code]
        match = 'meaning'
    elif code in prow:
        rc = code
        match = 'code'
    else:
        rc = None
        match = 'none'
    if rc is None:
        e.update({'plover': None, 'mode': None, 'context': [], 'row': None, 'match': 'none'})
        if code[:2] in ('01', '02'):
            e['note'] = 'CAMEO2PLOVER-2021 has no rows for CAMEO roots 01 (statements) and 02 (appeals).'
    else:
        r = prow[rc]
        used_rows.add(rc)
        e.update({'plover': r['plover'], 'mode': r['mode'], 'context': r['context'], 'row': rc, 'match': match})
        if match == 'meaning' and code not in MAP_NOTE:
            e['note'] = f'Codebook {code} is CAMEO2PLOVER-2021 row {rc} ("{r["label"]}"): the two number this event differently (see the codebook note).'
    if code in MAP_NOTE:
        e['note'] = MAP_NOTE[code]
    mapping.append(e)

# ---------------------------------------------------------------- verbs
# Dictionary code (CAMEO 1.1b3 numbering) -> codebook code, where they differ.
CODE_MAP = {
    '016':  ('127', 'Deny responsibility: 127 "Reject accusation, deny responsibility" in this codebook.'),
    '018':  ('016', 'Make empathetic comment (condolences, sympathy): 016 in this codebook.'),
    '019':  ('018', 'Express accord: 018 in this codebook.'),
    '0211': ('0212', 'Appeal for economic cooperation: this codebook has only 0212 "Appeal for material cooperation".'),
    '0251': ('025', 'Appeal for easing of administrative sanctions: no sub-code here; 025 "Appeal to yield".'),
    '0253': ('025', 'Appeal for release of persons or property: no sub-code here; 025 "Appeal to yield".'),
    '0255': ('025', 'Appeal to allow international involvement: no sub-code here; 025 "Appeal to yield".'),
    '0256': ('025', 'Appeal for de-escalation of military engagement (ceasefire, withdrawal): no sub-code here; 025 "Appeal to yield".'),
    '0313': ('031', 'Express intent to cooperate on judicial matters: no sub-code here; 031.'),
    '0353': ('0354', 'Express intent to release persons or property: 0354 here.'),
    '0355': ('0356', 'Express intent to allow international involvement: 0356 here.'),
    '0356': ('0357', 'Express intent to de-escalate military engagement: 0357 here.'),
    '080!': ('080', 'Typo in the dictionary ("[080!]").'),
    '1013': ('100', 'Demand judicial cooperation: no equivalent here; 100 "Demand, not specified below".'),
    '1014': ('101', 'Demand intelligence cooperation (the dictionary uses it for demands for an investigation): 101 "Demand information, investigation".'),
    '1031': ('103', 'Demand economic aid: 103 "Demand aid, protection, or peacekeeping".'),
    '1033': ('103', 'Demand humanitarian aid: 103 "Demand aid, protection, or peacekeeping".'),
    '1034': ('103', 'Demand military protection or peacekeeping: 103 "Demand aid, protection, or peacekeeping".'),
    '105':  ('100', 'Demand that target yields (the dictionary\'s meaning): no equivalent here (105 here is "Demand mediation"); 100.'),
    '1054': ('100', 'Demand easing of economic sanctions: no equivalent here; 100.'),
    '1056': ('107', 'Demand de-escalation of military engagement (ceasefire, withdrawal, end to offensive): 107 "Demand ceasefire" (106 "Demand withdrawal" also fits some patterns).'),
    '106':  ('108', 'Demand meeting, negotiation: 108 here.'),
    '116':  ('115', 'Find guilty or liable (legally): no equivalent here; nearest in root 11 is 115 "Bring lawsuit against".'),
    '1211': ('121', 'Reject economic cooperation: no sub-code here (1211 here is "Reject ceasefire, withdrawal"); 121.'),
    '1212': ('121', 'Reject military cooperation: no sub-code here (1212 here is "Reject peacekeeping"); 121.'),
    '1213': ('121', 'Reject judicial cooperation: no sub-code here (1213 here is "Reject settlement"); 121.'),
    '1223': ('122', 'Reject request for humanitarian aid: 122 "Reject request for material aid".'),
    '1224': ('122', 'Reject request for military protection or peacekeeping: 122.'),
    '124':  ('120', 'Refuse to yield: no equivalent here (124 here is "Reject proposal to meet"); 120 "Reject, not specified below".'),
    '1241': ('120', 'Refuse to ease administrative sanctions: 120.'),
    '1243': ('120', 'Refuse to release persons or property: 120.'),
    '1244': ('120', 'Refuse to ease economic sanctions: 120.'),
    '1245': ('120', 'Refuse to allow international involvement: 120.'),
    '1246': ('1211', 'Refuse to de-escalate military engagement: 1211 "Reject ceasefire, withdrawal".'),
    '125':  ('124', 'Reject proposal to meet, discuss, or negotiate: 124 here.'),
    '126':  ('125', 'Reject mediation: 125 here.'),
    '127':  ('1213', 'Reject plan, agreement to settle dispute: 1213 "Reject settlement".'),
    '128':  ('126', 'Defy norms, law: 126 here.'),
    '129':  ('128', 'Veto: 128 here.'),
    '163':  ('166', 'Impose embargo, boycott, or sanctions: 166 here.'),
    '164':  ('163', 'Halt negotiations: 163 here.'),
    '166':  ('164', 'Expel or withdraw: 164 here.'),
    '1661': ('1641', 'Expel or withdraw peacekeepers: 1641 here.'),
    '1662': ('1642', 'Expel or withdraw inspectors, observers: 1642 here.'),
    '176':  ('170', 'Attack cybernetically (a later CAMEO extension): no equivalent here; 170 "Coerce, not specified below".'),
    '1952': ('195', 'Employ remotely piloted aerial munitions (drones; a later CAMEO extension): 195 "Employ aerial weapons".'),
}

def map_code(c):
    """dictionary code -> codebook code or None ('---' / '')"""
    if c in ('', '---'):
        return None
    if c in CODE_MAP:
        return CODE_MAP[c][0]
    if c in by_code:
        return c
    raise SystemExit(f'unmapped dictionary code {c!r}')

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
    'version': 1,
    'description': 'CAMEO event codes: the 20 root categories and every sub-code of the source table, with Goldstein scale values and GDELT quad classes (1 verbal cooperation 01-05, 2 material cooperation 06-08, 3 verbal conflict 09-13, 4 material conflict 14-20). `name` is the table text (whitespace trimmed and collapsed); `title` is the same in sentence case, repaired where the table text is damaged (see `note`). `parent` is the code one level up (null for roots). Where this table numbers an event differently from CAMEO 1.1b3 as the PETRARCH dictionary and the CAMEO2PLOVER table use it, `note` says so. See data/cameo/README.md.',
    'source': 'cameoCodeTable.tsv from the gdeltPyR repository (github.com/linwoodc3/gdeltPyR, utils/schema_csvs, commit 8762db7f5aaa4f30eda0c9e72b2039ddb68ad593), a CAMEO event-code table with Goldstein values as distributed with GDELT tooling. CAMEO: Schrodt, Gerner et al., Parus Analytics / KEDS; Goldstein (1992) scale. Converted by wirescope.',
    'codes': code_out,
}
with open(os.path.join(OUT, 'codebook.json'), 'w', encoding='utf-8') as f:
    f.write(dump_lines(codebook, None, {'codes'}))

source_rows = list(prow.values())
plover = {
    'version': 1,
    'description': 'CAMEO -> PLOVER mapping, one entry per codebook.json code. `plover` is the PLOVER event type (null where the source table has none), `mode` and `context` as the table gives them (`context` is a list; the table separates several with ";"). `row` is the CAMEO code of the CAMEO2PLOVER-2021 row used; `match`: "code" = same code and meaning, "meaning" = the table numbers this event differently and the row with the same meaning is used (see `note` and codebook.json), "root" = root line, "none" = no row. `source_rows` is the whole CAMEO2PLOVER-2021 table (CAMEO 1.1b3 numbering; `label` is its comment) and `source_roots` its root lines, kept for reference. Derived from CAMEO2PLOVER-2021; licensed CC BY-SA 4.0 like its source.',
    'licence': 'CC BY-SA 4.0',
    'licence_url': 'https://creativecommons.org/licenses/by-sa/4.0/',
    'attribution': 'PLOVER (Political Language Ontology for Verifiable Event Records), Open Event Data Alliance; CAMEO2PLOVER-2021.txt, PLOVER manual Draft 0.8, 17 September 2021, edited by Philip Schrodt. Adapted (re-keyed to codebook.json codes, converted to JSON) by wirescope.',
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
    'version': 1,
    'description': 'The PETRARCH CAMEO verb dictionary as JSON. `entries` are the dictionary\'s verb blocks ("--- GRANT [070] ---"): `id`, the block\'s default `code`, its `verbs` (lemma, inflected `forms`, optional own `code`) and `patterns`. A pattern\'s `text` is the dictionary text; `tokens` splits it: "*" is the verb, "(" ")" a prepositional phrase (first word the preposition), "{" "}" a noun phrase (last word the head), "&NAME" a synset from `synsets`, "$" the source actor, "+" the target actor, "^" skip a word; words are lower case and "_" joins are split. `code` is the event for source->target; `reverse_code` (from "[a:b]") the event for target->source; null means the dictionary\'s null code "---" (explicitly no event). All codes are codebook.json codes; where the dictionary\'s CAMEO 1.1b3 code differs, `cameo` keeps the original and `code_map` says why. Regular `forms` ("regular": true) are generated with PETRARCH\'s rules; others are listed in the dictionary. `transformations` are the dictionary\'s verb-transformation rules, kept as text. See data/cameo/README.md.',
    'source': 'CAMEO.2.0.txt (CAMEO verb pattern dictionary, last update 30 April 2015) from github.com/openeventdata/petrarch2, petrarch2/data/dictionaries, commit 676801cd9cb2924bbbad09f86d15c9323e7097bf. Converted by wirescope.',
    'licence': 'MIT',
    'copyright': 'Copyright (c) 2015 Open Event Data Alliance',
    'licence_text': MIT,
    'counts': {'entries': stats['entries'], 'verbs': stats['verbs'], 'patterns': stats['patterns'],
               'patterns_coded': stats['patterns_coded'], 'patterns_null': stats['patterns_null'],
               'synsets': stats['synsets'], 'transformations': stats['transformations']},
    'code_map': {k: {'code': v[0], 'note': v[1]} for k, v in CODE_MAP.items()},
    'synsets': synsets,
    'transformations': transformations,
    'entries': entries,
}
with open(os.path.join(OUT, 'verbs.json'), 'w', encoding='utf-8') as f:
    f.write(dump_verbs(verbs))

print(dict(stats), 'codes', len(code_out), 'mapping', len(mapping), 'rows', len(source_rows), 'dups', len(dups))
unused = [c for c in prow if c not in used_rows]
print('unused plover rows', unused)
