// The corpus of dlm_bench through ajv (the JIT-compiling validator behind STAC's Node tooling), on the same machine:
// JSON.parse alone (the floor), then JSON.parse + validation against the very draft-07 schemas dlm ships (schema/):
// the core schema by type and version and every declared extension, as dlm does. dlm's dlm.* consistency checks and
// its input limits have no ajv counterpart, so ajv does less work per document than dlm.
//
//   build-bench/tests/bench/dlm_bench 2000 7 0 /tmp/corpus.ndjson
//   npm install --prefix tests/bench/ajv && node tests/bench/ajv/validate.mjs /tmp/corpus.ndjson [repetitions = 7]
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [corpusPath, repetitionsText = '7'] = process.argv.slice(2);
if (!corpusPath) {
  console.error('usage: node validate.mjs CORPUS.ndjson [repetitions]');
  process.exit(2);
}
const repetitions = Number(repetitionsText);
const schemaDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'schema');

function* jsonFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsonFiles(path);
    else if (entry.name.endsWith('.json')) yield path;
  }
}

// Every shipped schema, registered by its $id; the ones a document names are compiled on first use.
const ajv = new Ajv({ strict: false, allErrors: false });
addFormats(ajv);
// ajv-formats knows uri and uri-reference; the IRI forms accept non-ASCII characters as well.
ajv.addFormat('iri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
ajv.addFormat('iri-reference', /^[^\s]*$/);
for (const path of jsonFiles(schemaDir)) ajv.addSchema(JSON.parse(readFileSync(path, 'utf8')));

const coreKinds = { Feature: 'item-spec/json-schema/item.json', Collection: 'collection-spec/json-schema/collection.json' };
const compiled = new Map();
function schemaFor(uri) {
  if (!compiled.has(uri)) compiled.set(uri, ajv.getSchema(uri) ?? null);
  return compiled.get(uri);
}

function validate(document) {
  let ok = schemaFor(`https://schemas.stacspec.org/v${document.stac_version}/${coreKinds[document.type]}`)(document);
  for (const uri of document.stac_extensions ?? []) {
    const check = schemaFor(uri);
    if (check) ok = check(document) && ok;
  }
  return ok;
}

const corpus = readFileSync(corpusPath, 'utf8').split('\n').filter((line) => line.length > 0);
const bytes = corpus.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
let invalid = 0;
for (const text of corpus) if (!validate(JSON.parse(text))) invalid++;

let sink = 0;
const steps = [
  ['JSON.parse (floor)', (text) => { sink += Object.keys(JSON.parse(text)).length; }],
  ['JSON.parse + ajv validation', (text) => { sink += validate(JSON.parse(text)) ? 1 : 0; }],
];
for (const [, step] of steps) for (const text of corpus) step(text); // warm-up: the JIT compiles the validators
const times = steps.map(() => []);
for (let r = 0; r < repetitions; r++) {
  steps.forEach(([, step], s) => {
    const start = process.hrtime.bigint();
    for (const text of corpus) step(text);
    times[s].push(Number(process.hrtime.bigint() - start) / 1e9);
  });
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
};

console.log(`ajv ${JSON.parse(readFileSync(new URL('./node_modules/ajv/package.json', import.meta.url))).version} on node ${process.version}`);
console.log(`  corpus: ${corpus.length} documents, ${(bytes / 1e6).toFixed(2)} MB; ${invalid} invalid; medians over ${repetitions} repetitions`);
steps.forEach(([name], s) => {
  const seconds = median(times[s]);
  const ratios = times[s].map((t, r) => t / times[0][r]);
  console.log(`  ${name.padEnd(40)} ${(bytes / 1e6 / seconds).toFixed(1).padStart(7)} MB/s ${(corpus.length / seconds).toFixed(0).padStart(8)} docs/s   ${median(ratios).toFixed(2)}x`);
});
if (sink < 0) console.log(sink);
process.exit(invalid === 0 ? 0 : 1);
