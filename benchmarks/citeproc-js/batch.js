// citeproc-js as the oracle of benchmarks/styles_diff.py: one process, many styles.
//
//   node batch.js LOCALES_DIR < jobs
//
// stdin: a first line {"items": [CSL-JSON], "clusters": [[cite, ...], ...]}, then one line
// per style {"key": ..., "style": CSL XML}. stdout: one line per style,
// {"key", "text": {"citations", "bibliography", "ids"}, "html": {...}} or {"key", "error"}.
// Cluster i is note i + 1 (noteIndex), so note styles see first/subsequent/ibid positions.
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const CSL = require("citeproc");

const localesDir = process.argv[2];
const localeCache = {};
function retrieveLocale(lang) {
  if (lang in localeCache) return localeCache[lang];
  let found = false;
  const names = [lang];
  const primary = lang.split("-")[0];
  names.push(primary === "en" ? "en-US" : `${primary}-${primary.toUpperCase()}`);
  for (const f of fs.readdirSync(localesDir)) {
    if (f.startsWith(`locales-${primary}-`)) names.push(f.slice(8, -4));
  }
  for (const name of names) {
    const file = path.join(localesDir, `locales-${name}.xml`);
    if (fs.existsSync(file)) { found = fs.readFileSync(file, "utf8"); break; }
  }
  localeCache[lang] = found;
  return found;
}

let setup = null;
const byId = {};

function run(style, format) {
  const sys = { retrieveLocale, retrieveItem: (id) => byId[id] };
  const engine = new CSL.Engine(sys, style, "en-US");
  engine.setOutputFormat(format);
  const input = setup.clusters.map((cites, i) => ({
    citationID: `C${i}`,
    citationItems: cites.map((c) => Object.assign({}, c)),
    properties: { noteIndex: i + 1 },
  }));
  const out = engine.rebuildProcessorState(input, format);
  const byCid = {};
  for (const [cid, , text] of out) byCid[cid] = text;
  const citations = input.map((c) => byCid[c.citationID]);
  let bibliography = [];
  let ids = [];
  if (engine.bibliography && engine.bibliography.tokens && engine.bibliography.tokens.length) {
    const bib = engine.makeBibliography();
    if (bib) {
      bibliography = bib[1];
      // An item with no printed form keeps its id in entry_ids but has no string. It may or
      // may not be in bibliography_errors, which also lists entries that print only the
      // style's own text (leiden-journal-of-international-law's "Else") and have a string;
      // changer-d-epoque's film, case and statute are not. So when the counts differ, each
      // entry is asked for alone.
      ids = bib[0].entry_ids.map((x) => String(x[0]));
      if (ids.length !== bibliography.length) {
        ids = ids.filter((id) => {
          const one = engine.makeBibliography({ include: [{ field: "id", value: id }] });
          return one && one[1].length > 0;
        });
      }
    }
  }
  return { citations, bibliography, ids };
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on("line", (line) => {
  if (!line.trim()) return;
  const job = JSON.parse(line);
  if (setup === null) {
    setup = job;
    for (const it of job.items) byId[it.id] = it;
    return;
  }
  let answer;
  try {
    answer = { key: job.key, text: run(job.style, "text"), html: run(job.style, "html") };
  } catch (e) {
    answer = { key: job.key, error: String(e && e.message ? e.message : e).slice(0, 300) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
