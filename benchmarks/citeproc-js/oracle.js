// citeproc-js as an oracle for our own CSL fixtures (tests/csl-local): node oracle.js job.json
// job: {"style": CSL XML, "items": [CSL-JSON], "clusters": [[cite, ...], ...] | null,
//       "locale": "en-US", "format": "html" | "text", "localesDir": path}
// prints {"citations": [...], "bibliography": [entry, ...], "seconds": render time}
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const byId = {};
for (const it of job.items) byId[it.id] = it;
const sys = {
  retrieveLocale: (lang) => {
    const file = path.join(job.localesDir, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
  },
  retrieveItem: (id) => byId[id],
};

const start = process.hrtime.bigint();
const engine = new CSL.Engine(sys, job.style, job.locale || "en-US");
engine.setOutputFormat(job.format || "html");
let citations = [];
if (job.clusters) {
  const input = job.clusters.map((cites, i) => ({
    citationID: `C${i}`,
    citationItems: cites,
    properties: { noteIndex: cites.length && cites[0].note ? cites[0].note : 0 },
  }));
  const out = engine.rebuildProcessorState(input, job.format || "html");
  const byCid = {};
  for (const [cid, , text] of out) byCid[cid] = text;
  citations = input.map((c) => byCid[c.citationID]);
} else {
  engine.updateItems(job.items.map((it) => it.id));
}
let bibliography = [];
const bib = engine.makeBibliography();
if (bib) {
  bibliography = bib[1].map((entry) => entry.trim());
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(JSON.stringify({ citations, bibliography, seconds }));
