/**
 * How the stores keep JSON documents small (issue #13): `packDoc` deflates a large document
 * (SQLite's annotations and, since migration 14, event records; PostgreSQL's annotations since
 * migration 15), and `packMention` packs an event mention against a preset dictionary.
 *
 * Stored event mentions deflated against a preset dictionary. A mention is a few
 * hundred bytes of JSON whose field names and common values (`"role":null,"entity_id":"gpe:`,
 * `"kind":"publisher"`) make most of it; deflating one alone finds little to reuse, while a
 * dictionary holding that skeleton lets each record refer to it: on the bench's mentions 616 bytes
 * of JSON become 322 deflated alone and 166 with the dictionary.
 *
 * Format: one mark byte, then raw deflate with the dictionary below. The mark (0x06) has BTYPE 11
 * in its low bits, which no raw deflate stream can start with, so packed records are told apart
 * from the plainly deflated ones SQLite stores wrote before (and from JSON text, a string).
 *
 * The dictionary is part of the stored format: records written with it can only be read with it.
 * It is frozen (a test pins its hash); a different one needs a new mark byte and a migration.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export const MENTION_MARK_V1 = 0x06;

/**
 * The skeleton of a stored mention (CodedMention's fields in the order they are written, the
 * values most records share), then shorter fragments; deflate reaches back 32 kB, so all of it is
 * in reach. Built from the record's shape, not from any corpus.
 */
export const MENTION_DICTIONARY_V1 = Buffer.from(
  [
    '"kind":"city""kind":"capital""kind":"country""kind":"region","geoname_id":null,"adm1":null',
    '"role":"GOV""role":"MIL""role":"OPP""role":"REB""role":"MED""role":"IGO""role":"JUD""role":"LEG""role":"BUS""role":"CVL""role":"COP"',
    '"entity_id":"org:"entity_id":"igo:"entity_id":"norp:"entity_id":"gpe:"entity_id":"person:',
    '"date_precision":"reported""date_precision":"week""date_precision":"month""date_precision":"year"',
    '"hedged":true"negated":true"ongoing":true,"claim_id":"',
    '{"name":"","kind":"speaker","code":"","anonymous":true},{"name":"","kind":"relay","code":null,"anonymous":false},',
    '"location":{"country":"","name":"","lat":,"lon":,"kind":"city","geoname_id":,"adm1":"","start":,"end":},',
    '{"article_id":"","sentence":,"sentence_start":,"sentence_end":,"start":,"end":,"cameo":"0',
    '","source":{"name":"","code":"","country":"","role":null,"entity_id":"gpe:","start":,"end":},',
    '"target":{"name":"","code":"","country":"","role":null,"entity_id":"gpe:","start":,"end":},',
    '"date":"20","date_end":"20","date_precision":"day","location":null,"negated":false,"hedged":false,"ongoing":false,"confidence":0.',
    ',"chain":[{"name":"","kind":"publisher","code":null,"anonymous":false}],"claim_id":null,"pattern":"',
  ].join(''),
  'utf8',
);

/**
 * A large document deflated (as JSON text annotations were 61 % of the store, 48 KB an article,
 * deflated about 8 KB, for under a millisecond to pack and a tenth of one to unpack).
 */
export function packDoc(json: string): Buffer {
  return deflateRawSync(Buffer.from(json, 'utf8'));
}

/** A document as `packDoc` wrote it, or JSON text as written before. */
export function unpackDoc(doc: string | Buffer): string {
  return typeof doc === 'string' ? doc : inflateRawSync(doc).toString('utf8');
}

export function packMention(json: string): Buffer {
  const body = deflateRawSync(Buffer.from(json, 'utf8'), { dictionary: MENTION_DICTIONARY_V1 });
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = MENTION_MARK_V1;
  body.copy(out, 1);
  return out;
}

/** A stored mention's JSON, however it was written: text, deflated alone (SQLite, before), or packed. */
export function unpackMention(doc: string | Buffer | Uint8Array): string {
  if (typeof doc === 'string') return doc;
  const b = Buffer.isBuffer(doc) ? doc : Buffer.from(doc.buffer, doc.byteOffset, doc.byteLength);
  if (b[0] === MENTION_MARK_V1) return inflateRawSync(b.subarray(1), { dictionary: MENTION_DICTIONARY_V1 }).toString('utf8');
  return inflateRawSync(b).toString('utf8');
}
