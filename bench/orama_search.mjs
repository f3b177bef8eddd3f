// Orama (@orama/orama with the Ukrainian stemmer of @orama/stemmers) over the site's pages, for
// bench/search.py: the peer's figure beside ours. Runs in node, not in a browser.
//
//     node bench/orama_search.mjs PACKAGES INPUT.json
//
// PACKAGES: a folder holding node_modules/@orama/orama and node_modules/@orama/stemmers (bench/search.py
// unpacks the pinned, checked tarballs there). INPUT: {pages: [{url, title, sections: [{anchor, heading,
// text}]}], queries: [...], depth, tolerance, boost, stopWords (a list, or null for none)}. Prints JSON: for each query the page URLs in rank
// order (at most `depth`), the serialized index's size (JSON of save(db), raw and gzip) and timings.
// Asserts nothing.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const [packages, inputPath] = process.argv.slice(2);

// Each package's ES module entry, as its package.json exports it (no bare specifiers: the packages
// live in a cache folder, not beside this script).
async function entry(name, subpath, pick) {
  const folder = join(packages, "node_modules", name);
  const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  return import(pathToFileURL(join(folder, pick(manifest.exports[subpath]))).href);
}

const orama = await entry("@orama/orama", ".", (e) => e.import.default);
const { stemmer, language } = await entry("@orama/stemmers", "./ukrainian", (e) => e.import);
const input = JSON.parse(readFileSync(inputPath, "utf8"));

let started = performance.now();
// Orama takes the language from the tokenizer's configuration when a tokenizer is given (create()
// refuses both); «ukrainian» brings its splitter (Cyrillic and a–z, digits) and the stemmer its rules.
// Stop words only if given (`stopWords`, a list): Orama has none by default.
const tokenizer = { language, stemming: true, stemmer };
if (input.stopWords) tokenizer.stopWords = input.stopWords;
const db = orama.create({
  schema: { title: "string", heading: "string", text: "string" },
  components: { tokenizer },
});
// A document per section, as the other two engines index them; the page title goes with every
// section, so a query that names the page and a word of the section finds that section.
// url and anchor are stored, not indexed (not in the schema).
const docs = [];
for (const page of input.pages) {
  for (const section of page.sections) {
    docs.push({ title: page.title, heading: section.heading, text: section.text, url: page.url, anchor: section.anchor });
  }
}
await orama.insertMultiple(db, docs, 500);
const buildMs = performance.now() - started;

started = performance.now();
const results = [];
for (const term of input.queries) {
  const found = await orama.search(db, {
    term,
    properties: ["title", "heading", "text"],
    tolerance: input.tolerance,
    boost: input.boost,
    limit: 500,
  });
  const pages = [];
  for (const hit of found.hits) {
    if (!pages.includes(hit.document.url)) pages.push(hit.document.url);
    if (pages.length >= input.depth) break;
  }
  results.push(pages);
}
const searchMs = performance.now() - started;

const saved = orama.save(db);
const whole = Buffer.from(JSON.stringify(saved));
const index = Buffer.from(JSON.stringify(saved.index));
process.stdout.write(JSON.stringify({
  results,
  sections: docs.length,
  saved: { raw: whole.length, gzip: gzipSync(whole, { level: 6 }).length },
  index: { raw: index.length, gzip: gzipSync(index, { level: 6 }).length },
  buildMs,
  searchMs,
}));
