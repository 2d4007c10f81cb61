// SPARQL (#/sparql?query=...): Yasgui on this server's /sparql, with the graph's prefixes, example
// queries, results as a table and, when a column is numeric, a bar chart under it.
//
// Yasgui talks to nothing else: one endpoint (this server's, fixed on every tab), no endpoint
// catalogue, no CORS proxy, and only the autocompleters that need no network (the Linked Open
// Vocabularies ones are switched off; prefixes come from the bundled list, not prefix.cc).

import { apiUrl, authHeaders } from "../api.js";
import { barChart, chartData } from "../chart.js";
import { errorLine, fill, h } from "../dom.js";
import { yasguiLibrary } from "../vendor.js";

export const title = "SPARQL";

// The namespaces of newsgraph/graph/vocab.py.
export const PREFIXES = {
  ng: "https://w3id.org/newsgraph/ns#",
  ngid: "https://w3id.org/newsgraph/id/",
  schema: "https://schema.org/",
  prov: "http://www.w3.org/ns/prov#",
  skos: "http://www.w3.org/2004/02/skos/core#",
  owl: "http://www.w3.org/2002/07/owl#",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  wd: "http://www.wikidata.org/entity/",
};
const PREFIX_LINES = Object.entries(PREFIXES)
  .map(([prefix, iri]) => `PREFIX ${prefix}: <${iri}>`)
  .join("\n");
const OFFLINE_COMPLETERS = ["prefixes", "variables"];

/** Example queries over the graph model (README "The graph"); each returns rows on corpus/. */
export const EXAMPLES = [
  {
    name: "Companies by articles",
    query: `# Companies by the number of articles that name them
SELECT ?company (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  GRAPH ?article { ?mention ng:refersTo ?entity }
  ?entity a ng:Company ; rdfs:label ?company .
}
GROUP BY ?company
ORDER BY DESC(?articles)
LIMIT 20`,
  },
  {
    name: "Claims about Nvidia",
    query: `# Claims about Nvidia (as subject or object): who says so and when, newest first
SELECT ?subject ?relation ?object ?saidBy ?when ?published ?headline WHERE {
  VALUES ?entity { <https://w3id.org/newsgraph/id/entity/company/nvidia> }
  { ?claim ng:subject ?entity } UNION { ?claim ng:object ?entity }
  ?claim a ng:Claim ; ng:relation/rdfs:label ?relation ; schema:isPartOf ?article .
  ?article schema:headline ?headline ; schema:datePublished ?published .
  OPTIONAL { ?claim ng:subject/rdfs:label ?subject }
  OPTIONAL { ?claim ng:object/rdfs:label ?objectLabel }
  OPTIONAL { ?claim ng:object/schema:text ?figure }
  OPTIONAL { ?claim ng:objectText ?objectText }
  BIND(COALESCE(?objectLabel, ?figure, ?objectText) AS ?object)
  OPTIONAL { ?claim ng:attributedTo/rdfs:label ?saidBy }
  OPTIONAL { ?claim ng:validTime ?when }
}
ORDER BY DESC(?published)
LIMIT 100`,
  },
  {
    name: "Revenue figures over time",
    query: `# Revenue figures in US dollars, by the period they are for (in billions)
SELECT ?period ?company ?measures ?billions WHERE {
  ?claim a ng:Claim ; ng:subject ?entity ; ng:object ?figure .
  ?entity a ng:Company ; rdfs:label ?company .
  ?figure a ng:Figure ; ng:value ?value ; ng:unit "USD" ; ng:period ?period ; ng:measures ?measures .
  FILTER(CONTAINS(LCASE(STR(?measures)), "revenue"))
  BIND(ROUND(?value / 10000000) / 100 AS ?billions)
}
ORDER BY ?period ?company
LIMIT 100`,
  },
  {
    name: "Who says what about whom",
    query: `# Who says what about whom: how often each source is cited for a relation about another entity
SELECT ?saidBy ?relation ?about (COUNT(DISTINCT ?claim) AS ?claims) (SAMPLE(?sentence) AS ?example) WHERE {
  ?claim a ng:Claim ; ng:attributedTo ?source ; ng:subject ?subject ; ng:relation/rdfs:label ?relation ;
         prov:wasDerivedFrom/schema:text ?sentence .
  ?source rdfs:label ?saidBy .
  ?subject rdfs:label ?about .
  FILTER(?source != ?subject)
}
GROUP BY ?saidBy ?relation ?about
ORDER BY DESC(?claims) ?saidBy
LIMIT 100`,
  },
];

/** A query with the graph's prefixes in front, unless it declares its own. */
export function withPrefixes(query) {
  return /^\s*(PREFIX|BASE)\b/im.test(query) ? query : `${PREFIX_LINES}\n\n${query}`;
}

// Yasgui is built once and kept while other views are shown, so the editor, its tabs and the
// last results are still there on coming back. `building` is the one build's promise.
let workspace = null;
let building = null;

async function build(endpoint) {
  const Yasgui = await yasguiLibrary();
  Yasgui.Yasqe.defaults.autocompleters = OFFLINE_COMPLETERS.filter((name) => Yasgui.Yasqe.Autocompleters[name]);
  const element = h("div", { id: "yasgui" });
  const below = h("div", { id: "sparql-chart", "aria-live": "polite" });
  const holder = h("div", { class: "yasgui-holder" }, element, below);
  // Yasgui needs its element in the page while it builds.
  document.getElementById("view").append(holder);
  const yasgui = new Yasgui(element, {
    // Function-valued settings are read on every request and win over what a tab kept in
    // storage, so every tab, old or new, asks this server, with the tab's token if any.
    requestConfig: { endpoint: () => endpoint, method: () => "POST", headers: () => authHeaders() },
    endpointCatalogueOptions: { getData: () => [{ endpoint }], keys: [] },
    corsProxy: undefined,
    populateFromUrl: false, // the page's hash is the router's, not a shared Yasgui link
    persistenceId: "newsgraph-sparql",
    yasqe: {
      value: withPrefixes(EXAMPLES[0].query),
      autocompleters: OFFLINE_COMPLETERS,
      resizeable: true,
      editorHeight: "320px",
    },
    yasr: { prefixes: PREFIXES, defaultPlugin: "table", pluginOrder: ["table", "response"] },
  });
  yasgui.on("query", () => fill(below));
  // Yasgui tells of the response before Yasr has read it: look just after.
  yasgui.on("queryResponse", (_, tab) => setTimeout(() => afterResponse(below, tab), 0));
  workspace = { yasgui, holder };
  return workspace;
}

/** Under the results: the error as one line, or a chart when a column is numeric. */
function afterResponse(below, tab) {
  const results = tab.getYasr().results;
  if (!results) return fill(below);
  if (results.hasError()) return fill(below, errorLine(problem(results.getError())));
  const data = chartData(results.getAsJson());
  if (!data) return fill(below);
  return fill(
    below,
    h("h2", {}, `Chart of ${data.column}`),
    barChart(data),
    data.more > 0 ? h("p", { class: "muted" }, `The first ${data.bars.length} rows; ${data.more} more are in the table.`) : null,
  );
}

/** The endpoint's one-line `detail` of a failed query, from Yasr's error summary. */
function problem(error) {
  const text = (error && (error.text || error.statusText)) || "the query failed";
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed.detail === "string") return parsed.detail;
  } catch {
    // not JSON: the text as the server sent it
  }
  return text;
}

/** Put a query in the current tab's editor and, when asked, run it. */
function load(query, run) {
  const tab = workspace.yasgui.getTab();
  tab.setQuery(withPrefixes(query));
  const editor = tab.getYasqe();
  editor.collapsePrefixes(true); // the PREFIX lines are the same every time: folded, the query shows
  if (run) editor.query();
}

export async function render(root, route) {
  root.append(
    h("h1", {}, "SPARQL"),
    h(
      "p",
      { class: "muted" },
      "Queries run on this server's read-only endpoint. Every article is its own named graph; the default graph is their union. ",
      "Ctrl+Enter runs the query.",
    ),
    h(
      "div",
      { class: "examples", role: "group", "aria-label": "Example queries" },
      h("span", { class: "muted" }, "Examples: "),
      EXAMPLES.map((example, i) =>
        h("button", { type: "button", class: "example", dataset: { example: i }, onclick: () => load(example.query, true) }, example.name),
      ),
    ),
  );
  try {
    building = building || build(apiUrl("sparql").href);
    await building;
  } catch (error) {
    building = null; // a later visit tries again
    root.append(errorLine(error));
    return;
  }
  if (route.signal.aborted) {
    workspace.holder.remove(); // built for a view that was left meanwhile
    return;
  }
  root.append(workspace.holder);
  // Leaving keeps Yasgui alive, out of the page; coming back puts it in again.
  route.onLeave(() => workspace.holder.remove());
  workspace.yasgui.getTab().getYasqe().refresh();
  const query = route.params.get("query");
  if (query) load(query, false);
}
