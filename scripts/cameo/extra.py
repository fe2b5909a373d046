#!/usr/bin/env python3
"""Write data/cameo/verbs-extra.json (hand-written entries; tokens computed like verbs.json)."""
import json, sys, os
from tokens import tokens

# The repository's data/cameo, whatever the working directory.
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'data', 'cameo')
codebook = {c['code']: c for c in json.load(open(os.path.join(OUT, 'codebook.json')))['codes']}
verbs = json.load(open(os.path.join(OUT, 'verbs.json')))

SYN = {
    '&PHONE': ['phone', 'telephone', 'phone line', 'telephone line'],
    '&PHONE_TALK': ['phone call', 'phone calls', 'telephone call', 'telephone calls', 'phone conversation',
                    'phone conversations', 'telephone conversation', 'telephone conversations', 'phone talks',
                    'telephone talks', 'call', 'calls'],
    '&DEESCALATION': ['de-escalation', 'deescalation', 'restraint', 'calm', 'ceasefire', 'cease-fire', 'truce',
                      'end to hostilities', 'end to the fighting', 'cessation of hostilities', 'reduction in tensions',
                      'reduction of tensions', 'easing of tensions', 'de-escalation of tensions', 'lowering of tensions',
                      'halt to the fighting', 'halt to hostilities', 'halt to the war', 'halt to attacks', 'halt to the attacks',
                      'cessation of the fighting', 'end to the war', 'end to attacks', 'end to the attacks'],
    '&SETTLEMENT': ['political resolution', 'political settlement', 'political solution', 'diplomatic solution',
                    'diplomatic resolution', 'peaceful resolution', 'peaceful settlement', 'peaceful solution',
                    'negotiated settlement', 'negotiated solution'],
    '&TALKS': ['conversation', 'conversations', 'talks', 'discussion', 'discussions', 'meeting', 'meetings'],
    '&CONDOLENCE': ['condolence', 'condolences', 'sympathy', 'sympathies'],
    '&INTEL': ['intelligence', 'intel', 'intelligence information', 'intelligence data', 'targeting data',
               'targeting intelligence', 'satellite imagery', 'information'],
    '&DRONE': ['drone', 'drones', 'unmanned aerial vehicle', 'unmanned aerial vehicles', 'uav', 'uavs',
               'kamikaze drone', 'kamikaze drones', 'attack drone', 'attack drones', 'loitering munition',
               'loitering munitions'],
    '&DRONE_STRIKE': ['drone strike', 'drone strikes', 'drone attack', 'drone attacks', 'drone raid', 'drone raids'],
    '&ATTACKS': ['attack', 'attacks', 'strikes', 'offensive', 'assault', 'bombardment', 'shelling', 'bombing',
                 'raids', 'hostilities'],
    '&AIR_STRIKES': ['air strikes', 'airstrikes', 'air raids', 'aerial bombardment', 'bombing campaign'],
    '&MIL_COOP': ['military cooperation', 'defense cooperation', 'defence cooperation', 'security cooperation',
                  'military ties', 'defense ties', 'defence ties'],
}

E = [
    dict(lemmas=['phone', 'telephone'], patterns=['* +'], code='041', reverse_code='041',
         example='Putin phoned Erdogan on Tuesday.',
         note='Same code as the dictionary\'s CALL block (041 both ways). Listed so "phone"/"telephone" are coded 041 even where "call" is not (the CALL block also carries "call for" → 020 appeal patterns).'),
    dict(lemmas=['hold', 'have', 'conduct', 'make'], patterns=['* &PHONE_TALK (WITH +)', '* &PHONE_TALK'], code='041', reverse_code='041',
         example='Macron held a phone conversation with Zelensky.',
         note='Not in the dictionary: "hold" sits in its CONFINE block with a null code and no phone patterns, and "have" is not a verb there, so "held a phone call with" went uncoded. "call(s)" alone after hold/have ("held a call with") is taken as a phone or video call.'),
    dict(lemmas=['speak', 'talk', 'confer', 'discuss', 'converse'], patterns=['* (IN &PHONE_TALK)', '* (DURING &PHONE_TALK)', '* (BY &PHONE) (WITH +)', '* (ON &PHONE) (WITH +)', '* (OVER &PHONE) (WITH +)', '* (BY &PHONE)', '* (ON &PHONE)', '* (OVER &PHONE)'], code='041', reverse_code='041',
         example='Wang Yi spoke by phone with Blinken.',
         note='The dictionary\'s CONFER block has "(BY TELEPHONE)" and "(OVER TELEPHONE)" but not "by phone" / "on the phone"; without them "spoke with" falls back to 046 (negotiation).'),
    dict(lemmas=['call', 'appeal', 'press', 'plead'], patterns=['* (FOR &DEESCALATION)', '* (ON +) (FOR &DEESCALATION)'], code='0256',
         example='The UN chief called for restraint and an immediate ceasefire.',
         note='0256 "Appeal for de-escalation of military engagement", the code the dictionary gives "call/appeal for a ceasefire" (CALL and APPEAL blocks, * (FOR &CEASEFIRE) [0256]). The dictionary codes "call for restraint" 025 "Appeal to yield, not specified below"; here restraint, calm and an end to hostilities are taken as appeals to de-escalate, and "press"/"plead" get the same patterns. A demand ("demanded a ceasefire") is 1056 "Demand de-escalation of military engagement"; an appeal for a political settlement is 027.'),
    dict(lemmas=['call', 'appeal', 'press', 'plead', 'urge'], patterns=['* (FOR &SETTLEMENT)', '* &SETTLEMENT', '* (ON +) (FOR &SETTLEMENT)'], code='027',
         example='The Kremlin called for a political resolution of the conflict.',
         note='027 "Appeal to others to settle dispute". The dictionary has "* (FOR {PEACEFUL SOLUTION})"-type patterns in a few blocks only; news phrases the appeal many ways.'),
    dict(lemmas=['hold', 'have'], patterns=['* &TALKS (WITH +)'], code='040', reverse_code='040',
         example='Trump held a conversation with Putin.',
         note='040 "Consult, not specified below": "held talks / a conversation / a meeting with" says two actors consulted without saying how (by phone is 041, above). "hold" and "have" have no code of their own in the dictionary.'),
    dict(lemmas=['stress', 'underline', 'emphasise', 'emphasize', 'reiterate', 'reaffirm', 'insist'], patterns=['* NEED (FOR &DEESCALATION)', '* {NEED TO} &DEESCALATION'], code='0256',
         example='Lavrov stressed the need for an immediate cessation of hostilities.',
         note='"Stressed the need for a ceasefire" is an appeal for de-escalation in news diplomacy; the dictionary has no pattern for it (its STRESS-type verbs are statements, 010). Reporting verbs are coded only through patterns like this one.'),
    dict(lemmas=['claim', 'accept', 'acknowledge', 'admit'], patterns=['* RESPONSIBILITY', '* {RESPONSIBILITY FOR}'], code='015',
         example='The Revolutionary Guards claimed responsibility for the attack.',
         note='015 "Acknowledge or claim responsibility". "Claim" is otherwise a reporting verb (attribution), so the pattern is listed here to take precedence.'),
    dict(lemmas=['urge'], patterns=['* &DEESCALATION', '* + (TO {EXERCISE RESTRAINT})'], code='0256',
         example='Washington urged restraint on both sides.',
         note='See the "call for de-escalation" entry: 0256 "Appeal for de-escalation of military engagement".'),
    dict(lemmas=['express', 'offer', 'extend', 'send', 'convey', 'voice'], patterns=['* &CONDOLENCE', '* &CONDOLENCE (TO +)'], code='018',
         example='The king expressed condolences to the families of the victims.',
         note='018 "Make empathetic comment", as the dictionary codes EXPRESS/EXTEND/OFFER * CONDOLENCES and VOICE * SYMPATHY [018]. Listed so every verb here takes every &CONDOLENCE word ("sent condolences", "conveyed sympathies"). The GDELT sample code table numbers this event 016, which is "Deny responsibility" in CAMEO 1.1b3.'),
    dict(lemmas=['condemn', 'denounce'], patterns=['* +'], code='111',
         example='Tehran condemned the strike.',
         note='Same as the dictionary (CONDEMN has its own code 111 in the BLAME block; DENOUNCE block [111]); listed so the extras cover the common news verbs in one place.'),
    dict(lemmas=['thank'], patterns=['* +', '* + (FOR)'], code='051',
         example='Zelensky thanked Britain for its support.',
         note='Same as the dictionary\'s THANK block [051] "Praise or endorse".'),
    dict(lemmas=['sign', 'conclude', 'ink'], patterns=['* {STRATEGIC PARTNERSHIP &TREATY}', '* {PARTNERSHIP &TREATY}', '* {COMPREHENSIVE STRATEGIC PARTNERSHIP &TREATY}'], code='057', reverse_code='057',
         example='Russia and Iran signed a comprehensive strategic partnership agreement.',
         note='The dictionary\'s SIGN * &TREATY [057:057] covers the head noun "agreement"; listed so "strategic partnership" is not read as a cooperation sub-type (061/062) or as intent (03x). "Conclude" (FINISH block, no code) and "ink" (absent) are not signing verbs in the dictionary.'),
    dict(lemmas=['provide', 'share', 'give', 'supply', 'pass', 'hand over'], patterns=['* &INTEL', '* &INTEL (TO +)', '* + &INTEL', '* + (WITH &INTEL)'], code='064',
         example='Washington has been providing intelligence to Kyiv.',
         note='The dictionary\'s GRANT block defaults "provide" to 060 and codes "give * &INFORMATION" 010 (statement); intelligence sharing is 064 "Share intelligence or information".'),
    dict(lemmas=['boost', 'expand', 'deepen', 'strengthen', 'step up', 'enhance', 'increase', 'intensify', 'bolster'], patterns=['* &MIL_COOP', '* &MIL_COOP (WITH +)'], code='062', reverse_code='062',
         example='North Korea and Russia have deepened military cooperation.',
         note='The dictionary\'s BOOST block codes "* COOPERATION" 050 (diplomatic) and "discuss {&MILITARY COOPERATION}" 0312 (intent). Actually increasing military cooperation is 062 "Cooperate militarily"; an announced plan ("agreed to boost") stays 0312 "Express intent to cooperate militarily".'),
    dict(lemmas=['strike', 'attack', 'hit', 'target', 'bomb', 'pound'], patterns=['* + (WITH &DRONE)', '* (WITH &DRONE)', '&DRONE *'], code='1952',
         example='Russia attacked Kyiv with drones overnight.',
         note='The dictionary\'s PHYSICAL_CONFLICT block codes strike/attack 190; with drones as the instrument or subject the event is 1952 "Employ remotely piloted aerial munitions" (CAMEO 1.1b3; the dictionary uses 1952 only as a reverse code).'),
    dict(lemmas=['launch', 'carry out', 'conduct', 'stage'], patterns=['* &DRONE_STRIKE', '* &DRONE_STRIKE (ON +)', '* &DRONE_STRIKE (AGAINST +)'], code='1952',
         example='Ukraine launched drone strikes on Russian refineries.',
         note='"Drone strike" as a noun phrase: 1952 "Employ remotely piloted aerial munitions". The dictionary has only "{AIR RAID}" / "&AIRCRAFT * RAID"-type patterns, for 195.'),
    dict(lemmas=['kill'], patterns=['* +'], code='190',
         example='Israeli strikes killed 30 people in Gaza.',
         note='As the dictionary\'s KILL block: killing by an armed actor is 190 "Use conventional military force, not specified below". More specific codes win where the text says so: 1823 "Kill by physical assault" (stabbed, beaten to death), 186 "Assassinate", 202 "Engage in mass killings", 195 in an air strike and 1952 in a drone strike, 183x bombings. Accidents and disasters are not events (the dictionary\'s null patterns).'),
    dict(lemmas=['scold', 'criticize', 'criticise', 'rebuke', 'reprimand', 'castigate', 'slam', 'lambast'], patterns=['* +'], code='111',
         example='Beijing scolded Manila for its "provocations".',
         note='111 "Criticize or denounce", as the dictionary\'s DENOUNCE block [111] (scold, criticize, criticise, rebuke, reprimand, castigate). News also uses "slam" and "lambast" for criticism: the dictionary has SLAM only in its CRASH block (no event) and no LAMBAST.'),
    dict(lemmas=['escalate', 'intensify', 'step up', 'ramp up', 'expand', 'widen', 'increase'], patterns=['* &ATTACKS', '* &ATTACKS (ON +)', '* &ATTACKS (AGAINST +)'], code='190',
         example='The army escalated attacks on rebel-held towns.',
         note='The dictionary\'s BOOST block (escalate, intensify, step up ...) defaults to 060 "Engage in material cooperation", so "escalated attacks" would be coded as cooperation. An escalation of attacks is 190 "Use conventional military force"; air campaigns are 195 and drone campaigns 1952 (next entries).'),
    dict(lemmas=['escalate', 'intensify', 'step up', 'ramp up', 'expand', 'widen', 'increase'], patterns=['* &AIR_STRIKES', '* &AIR_STRIKES (ON +)', '* &AIR_STRIKES (AGAINST +)'], code='195',
         example='Russia stepped up air strikes on Ukraine\'s energy grid.',
         note='As the previous entry, for air strikes: 195 "Employ aerial weapons, not specified below".'),
    dict(lemmas=['escalate', 'intensify', 'step up', 'ramp up', 'expand', 'widen', 'increase'], patterns=['* &DRONE_STRIKE', '* &DRONE_STRIKE (ON +)', '* &DRONE_STRIKE (AGAINST +)'], code='1952',
         example='Russia intensified drone attacks on Kharkiv.',
         note='As the previous entries, for drone strikes: 1952 "Employ remotely piloted aerial munitions". (Until codebook version 2 the drone strikes were in &AIR_STRIKES under 195, which had no 1952.)'),
]

# Events named by a noun phrase rather than a verb: `head` (a synset) plays the verb's part in the
# patterns; `$` is the source and `+` the target. Coded only when both actors are found.
N = [
    dict(head='&MIL_COOP', patterns=['* (BETWEEN $ AND +)', '$ * (WITH +)'], code='062', reverse_code='062',
         example='Military cooperation between Iran and Russia is no secret.',
         note='The dictionary codes verbs only; "military cooperation between A and B" states an ongoing 062 "Cooperate militarily" between them.'),
]

def compile_nominal(e):
    pats = [{'text': p, 'tokens': tokens(p)} for p in e['patterns']]
    assert e['head'] in SYN, e['head']
    used.add(e['head'])
    out = {'head': e['head'], 'patterns': pats, 'code': e['code']}
    if e.get('reverse_code'):
        out['reverse_code'] = e['reverse_code']
    out['name'] = codebook[e['code']]['name']
    out['example'] = e['example']
    out['note'] = e['note']
    return out

entries = []
used = set()
nominal = [compile_nominal(e) for e in N]
for i, e in enumerate(E):
    code = e['code']
    assert code in codebook, code
    rev = e.get('reverse_code')
    assert rev is None or rev in codebook
    pats = [{'text': p, 'tokens': tokens(p)} for p in e['patterns']]
    for p in pats:
        for t in p['tokens']:
            if t.startswith('&'):
                assert t in SYN or t in verbs['synsets'], t
                used.add(t)
    out = {'lemmas': e['lemmas'], 'patterns': pats, 'code': code}
    if rev:
        out['reverse_code'] = rev
    out['name'] = codebook[code]['name']
    out['example'] = e['example']
    out['note'] = e['note']
    entries.append(out)

assert set(SYN) <= used, set(SYN) - used
doc = {
    'version': 2,
    'description': 'Hand-written verb patterns English news needs that the PETRARCH dictionary (verbs.json) lacks or codes differently. Each entry: `lemmas` (the verbs the patterns apply to; base forms), `patterns` in the dictionary\'s notation with `tokens` as in verbs.json, `code` (source->target) and optional `reverse_code` (target->source), `name` (the codebook name of `code`, checked by the tests), an `example` sentence and a `note` saying why the entry exists. "&NAME" refers to `synsets` here or, if not here, to verbs.json synsets. Codes and names come from codebook.json. These entries take precedence over verbs.json when both match. `nominal` holds events named by a noun phrase ("military cooperation between A and B"): `head` (a synset) stands where the verb would, `$` is the source and `+` the target. See data/cameo/README.md.',
    'source': 'Written by the wirescope developers.',
    'synsets': {k: {'members': v} for k, v in SYN.items()},
    'entries': entries,
    'nominal': nominal,
}

def dump(doc):
    out = ['{']
    keys = list(doc)
    for i, k in enumerate(keys):
        comma = ',' if i < len(keys) - 1 else ''
        v = doc[k]
        if k == 'synsets':
            out.append('  "synsets": {')
            ks = list(v)
            for j, kk in enumerate(ks):
                out.append('    ' + json.dumps(kk) + ': ' + json.dumps(v[kk], ensure_ascii=False) + (',' if j < len(ks) - 1 else ''))
            out.append('  }' + comma)
        elif k in ('entries', 'nominal'):
            out.append('  ' + json.dumps(k) + ': [')
            for j, e in enumerate(v):
                out.append('    ' + json.dumps(e, ensure_ascii=False, separators=(', ', ': ')) + (',' if j < len(v) - 1 else ''))
            out.append('  ]' + comma)
        else:
            out.append('  ' + json.dumps(k) + ': ' + json.dumps(v, ensure_ascii=False) + comma)
    out.append('}')
    return '\n'.join(out) + '\n'

open(os.path.join(OUT, 'verbs-extra.json'), 'w', encoding='utf-8').write(dump(doc))
print(len(entries), 'entries')
