// citeproc-js anchor for biblio's benchmarks: CSL-JSON items in, a bibliography out.
//
//   node driver.js --style ../../styles/apa.csl --locales DIR --items items.json
//        [--clusters clusters.json] [--format html|text] [--quiet]
//
// DIR holds locales-xx-XX.xml files (citeproc-py ships them; run.py passes that folder).
// clusters.json: [[{"id": "key", "locator": "3", "label": "page"}, ...], ...] as for
// biblio.csl.render. Prints the citations and the bibliography (unless --quiet) and, on
// stderr, one JSON line {"ms": <time inside citeproc-js>, "entries": n}.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

function args(argv) {
  const out = { format: "html", quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quiet") out.quiet = true;
    else if (a.startsWith("--")) out[a.slice(2)] = argv[++i];
  }
  return out;
}

const opt = args(process.argv.slice(2));
if (!opt.style || !opt.items || !opt.locales) {
  process.stderr.write("usage: node driver.js --style S.csl --locales DIR --items items.json\n");
  process.exit(2);
}
const style = fs.readFileSync(opt.style, "utf8");
const list = JSON.parse(fs.readFileSync(opt.items, "utf8"));
const clusters = opt.clusters ? JSON.parse(fs.readFileSync(opt.clusters, "utf8")) : null;
const items = {};
for (const it of list) items[String(it.id)] = it;

const sys = {
  retrieveItem: (id) => items[id],
  retrieveLocale: (lang) => {
    for (const name of [lang, lang.split("-")[0] === "en" ? "en-US" : lang]) {
      const file = path.join(opt.locales, `locales-${name}.xml`);
      if (fs.existsSync(file)) return fs.readFileSync(file, "utf8");
    }
    return false;
  },
};

const t0 = process.hrtime.bigint();
const engine = new CSL.Engine(sys, style, "en-US");
engine.setOutputFormat(opt.format);
const out = [];
if (clusters) {
  const citations = clusters.map((c, i) => [{
    citationID: `c${i}`,
    citationItems: c.map((x) => ({ id: String(x.id), locator: x.locator, label: x.label })),
    properties: { noteIndex: 0 },
  }, [], []]);
  const pre = [];
  for (const [citation] of citations) {
    const [, result] = engine.processCitationCluster(citation, pre, []);
    pre.push([citation.citationID, 0]);
    for (const [, text] of result) out.push(text);
  }
} else {
  engine.updateItems(Object.keys(items));
}
const [, entries] = engine.makeBibliography();
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
if (!opt.quiet) process.stdout.write(out.concat(entries).join("\n") + "\n");
process.stderr.write(JSON.stringify({ ms, entries: entries.length }) + "\n");
