// Entity (#/entity/<id>?depth=&limit=): names and class, the neighbourhood graph, the timeline of
// dated facts, claims and figures (with figures that disagree side by side), and its articles.

import { errorText, getJson, isAbort } from "../api.js";
import { append, articleHref, dataTable, day, entityHref, entityLink, errorLine, field, fill, h, number, pushHash, viewHref } from "../dom.js";
import { distinct, objectCell, sentenceLink, sourceCell, stanceText, timeKey } from "../facts.js";
import { classBadge, colourOf } from "../classes.js";
import { drawNeighbourhood } from "../graph.js";
import { drawTimeline, timelineItems } from "../timeline.js";

export const title = "Entity";

const DEPTHS = [1, 2];
const LIMITS = [20, 40, 60, 100, 150, 300];

/** An entity id as a path: each segment escaped, the slashes kept ("company/nvidia"). */
function idPath(id) {
  return id.split("/").map(encodeURIComponent).join("/");
}

export async function render(root, route) {
  const id = route.arg;
  const depth = DEPTHS.includes(Number(route.params.get("depth"))) ? Number(route.params.get("depth")) : 1;
  const limit = LIMITS.includes(Number(route.params.get("limit"))) ? Number(route.params.get("limit")) : 60;
  const entity = await getJson(`entities/${idPath(id)}`, {}, route.signal);
  document.title = `${entity.label} · Newsgraph`;

  // Both drawings start once their boxes are in the page: sigma and vis measure them.
  const graph = graphSection(entity, depth, limit, route);
  const timeline = timelineSection(entity, route);
  append(root, [
    header(entity),
    graph.section,
    timeline.section,
    conflictsSection(entity.figures),
    h("section", { "aria-labelledby": "claims-title" }, h("h2", { id: "claims-title" }, `Claims (${entity.claims.length})`), factTable(entity.claims, "claims-table")),
    h("section", { "aria-labelledby": "figures-title" }, h("h2", { id: "figures-title" }, `Figures (${entity.figures.length})`), figureTable(entity.figures)),
    articlesSection(entity.articles),
    h(
      "section",
      { "aria-labelledby": "entity-sparql-title" },
      h("h2", { id: "entity-sparql-title" }, "The query behind the claims"),
      h("details", {}, h("summary", {}, "SPARQL"), h("pre", { class: "code" }, entity.sparql)),
      h("p", {}, h("a", { href: viewHref("sparql", { query: entity.sparql }) }, "Open in the SPARQL editor")),
    ),
  ]);
  await Promise.all([graph.start(), timeline.start()]);
}

function header(entity) {
  const more = entity.types.filter((t) => t !== entity.type);
  return h(
    "header",
    { class: "entity-header" },
    h("h1", {}, entity.label),
    h(
      "p",
      {},
      classBadge(entity.type),
      more.length ? h("span", { class: "muted" }, ` also ${more.join(", ")}`) : null,
      h("span", { class: "muted" }, ` · ${entity.id}`),
      entity.wikidata
        ? [" · ", h("a", { href: entity.wikidata, rel: "external noopener noreferrer", class: "wikidata" }, `Wikidata ${entity.wikidata.split("/").pop()}`)]
        : null,
    ),
    entity.aliases.length ? h("p", { class: "aliases" }, h("span", { class: "muted" }, "Also written: "), entity.aliases.join(", ")) : null,
  );
}

/**
 * The neighbourhood: controls, a legend, the sigma canvas and the same nodes as a list of links.
 * Returns {section, start}: start() draws, once the section is in the page.
 */
function graphSection(entity, depth, limit, route) {
  const depthSelect = h("select", { id: "graph-depth" }, DEPTHS.map((d) => h("option", { value: d, selected: d === depth }, d === 1 ? "1 step" : `${d} steps`)));
  const limitSelect = h("select", { id: "graph-limit" }, LIMITS.map((n) => h("option", { value: n, selected: n === limit }, `${n} entities`)));
  const find = h("input", { id: "graph-find", type: "search", autocomplete: "off", disabled: true });
  const foundLine = h("span", { class: "muted", id: "graph-found", "aria-live": "polite" });
  const canvas = h("div", { id: "entity-graph", class: "graph", role: "img", "aria-label": `The entities claims link ${entity.label} to` });
  const legend = h("ul", { class: "legend", "aria-label": "Classes" });
  const list = h("div", { class: "graph-list" });
  const status = h("div", { class: "graph-status" });
  let drawing = null;

  async function draw(d, n) {
    if (drawing) drawing.kill();
    drawing = null;
    find.disabled = true;
    canvas.dataset.nodes = "0";
    fill(status, h("p", { class: "muted" }, "Drawing the neighbourhood…"));
    try {
      const hood = await getJson(`neighbourhood/${idPath(entity.id)}`, { depth: d, limit: n }, route.signal);
      if (route.signal.aborted) return;
      fill(canvas);
      drawing = await drawNeighbourhood(canvas, hood, (node) => {
        location.hash = entityHref(node);
      });
      if (route.signal.aborted) {
        drawing.kill();
        return;
      }
      canvas.dataset.nodes = String(drawing.order);
      find.disabled = false;
      fill(status, h("p", { class: "muted" }, `${hood.nodes.length} entities, ${hood.edges.length} links. Hover a node to see its links; click it to open its page.`));
      fill(legend, legendItems(hood.nodes));
      fill(list, nodeList(hood));
      if (find.value) foundLine.textContent = describeFind(drawing.find(find.value));
    } catch (error) {
      if (!isAbort(error)) fill(status, errorLine(error));
    }
  }

  const redraw = () => {
    pushHash(viewHref(`entity/${encodeURIComponent(entity.id)}`, { depth: depthSelect.value, limit: limitSelect.value }));
    draw(Number(depthSelect.value), Number(limitSelect.value));
  };
  depthSelect.addEventListener("change", redraw);
  limitSelect.addEventListener("change", redraw);
  find.addEventListener("input", () => {
    if (drawing) foundLine.textContent = describeFind(drawing.find(find.value));
  });
  route.onLeave(() => drawing && drawing.kill());

  const section = h(
    "section",
    { "aria-labelledby": "graph-title" },
    h("h2", { id: "graph-title" }, "Neighbourhood"),
    h(
      "div",
      { class: "graph-controls" },
      field("Depth", depthSelect),
      field("Show at most", limitSelect),
      h("div", { class: "field" }, h("label", { for: "graph-find" }, "Find in the graph"), find, foundLine),
    ),
    legend,
    canvas,
    status,
    list,
  );
  return { section, start: () => draw(depth, limit) };
}

function describeFind(label) {
  return label === null ? "no entity in the graph has that name" : `found ${label}`;
}

function legendItems(nodes) {
  const counts = new Map();
  for (const node of nodes) counts.set(node.type, (counts.get(node.type) || 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([type, count]) => h("li", {}, h("span", { class: "swatch", style: `background: ${colourOf(type)}`, "aria-hidden": "true" }), `${type} (${count})`));
}

/** The drawn nodes as links: what the canvas shows, for the keyboard and screen readers. */
function nodeList(hood) {
  const others = hood.nodes.filter((n) => n.id !== hood.center).sort((a, b) => b.articles - a.articles);
  return h(
    "details",
    {},
    h("summary", {}, `The ${others.length} linked entities as a list`),
    h("ul", { class: "chips" }, others.map((n) => h("li", {}, h("a", { href: entityHref(n.id) }, n.label), h("span", { class: "muted" }, ` ${n.type}, ${n.articles} articles`)))),
  );
}

/** The dated facts on a timeline, with zoom buttons. Returns {section, start} as graphSection. */
function timelineSection(entity, route) {
  const items = timelineItems(distinct(entity.timeline, entity.claims, entity.figures));
  const box = h("div", { id: "entity-timeline", class: "timeline" });
  const zoom = h("div", { class: "timeline-zoom" });
  const section = h(
    "section",
    { "aria-labelledby": "timeline-title" },
    h("h2", { id: "timeline-title" }, "Timeline"),
    h(
      "p",
      { class: "muted" },
      `${items.length} dated facts: filled at the time the sentence states, hollow at the article's publication day when it states none. `,
      "Scroll to zoom, drag to move; choose a fact to read its sentence.",
    ),
    items.length ? [zoom, box] : h("p", { class: "muted" }, "No fact about this entity carries a date."),
  );

  async function start() {
    if (!items.length) return;
    try {
      const timeline = await drawTimeline(box, items, (fact) => {
        location.hash = articleHref(fact.article_id, fact.start);
      });
      if (route.signal.aborted) {
        timeline.destroy();
        return;
      }
      route.onLeave(() => timeline.destroy());
      fill(
        zoom,
        h("button", { type: "button", onclick: () => timeline.zoomIn(0.5) }, "Zoom in"),
        h("button", { type: "button", onclick: () => timeline.zoomOut(0.5) }, "Zoom out"),
        h("button", { type: "button", onclick: () => timeline.fit() }, "Show all"),
      );
    } catch (error) {
      fill(box, errorLine(errorText(error)));
    }
  }
  return { section, start };
}

/** Claims as a sortable, paged table; each row links to its sentence. */
function factTable(facts, id) {
  if (!facts.length) return h("p", { class: "muted" }, "No claim names this entity.");
  return dataTable({
    id,
    rows: facts,
    columns: [
      { label: "Time", cell: (f) => f.when || "", sort: (f) => timeKey(f.when) },
      { label: "Subject", cell: (f) => entityLink(f.subject_id, f.subject), sort: (f) => f.subject },
      { label: "Relation", cell: (f) => f.relation, sort: (f) => f.relation },
      { label: "Object", cell: objectCell, sort: (f) => f.object },
      { label: "Who says so", cell: sourceCell, sort: (f) => f.source },
      { label: "Stance", cell: stanceText, sort: stanceText },
      { label: "Published", cell: (f) => sentenceLink(f, day(f.published) || "sentence"), sort: (f) => f.published },
    ],
  });
}

function figureTable(figures) {
  if (!figures.length) return h("p", { class: "muted" }, "No figure is given about this entity.");
  return dataTable({
    id: "figures-table",
    rows: figures,
    columns: [
      { label: "Period", cell: (f) => f.when || "", sort: (f) => timeKey(f.when) },
      { label: "Subject", cell: (f) => entityLink(f.subject_id, f.subject), sort: (f) => f.subject },
      { label: "Relation", cell: (f) => f.relation, sort: (f) => f.relation },
      { label: "Figure", cell: (f) => f.object || "", sort: (f) => figureValue(f.object) },
      { label: "Stance", cell: stanceText, sort: stanceText },
      { label: "Published", cell: (f) => sentenceLink(f, day(f.published) || "sentence"), sort: (f) => f.published },
    ],
  });
}

/** "65,000,000,000 USD" as 65000000000, for sorting; NaN when there is no number. */
function figureValue(text) {
  const found = /-?[\d,]*\.?\d+/.exec(text || "");
  return found ? Number(found[0].replace(/,/g, "")) : Number.NaN;
}

/**
 * Figures of one subject, relation and period whose values differ between articles: the
 * news disagreeing (or revising), shown side by side.
 */
export function conflictingFigures(figures) {
  const groups = new Map();
  for (const f of figures) {
    if (!f.when || !f.object) continue;
    const key = [f.subject_id || f.subject, f.relation, f.when].join("|");
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(f);
  }
  return [...groups.values()].filter((group) => {
    const values = new Set(group.map((f) => f.object));
    const articles = new Set(group.map((f) => f.article_id));
    return values.size > 1 && articles.size > 1;
  });
}

function conflictsSection(figures) {
  const groups = conflictingFigures(figures);
  if (!groups.length) return null;
  return h(
    "section",
    { "aria-labelledby": "conflicts-title" },
    h("h2", { id: "conflicts-title" }, "Conflicting figures"),
    h("p", { class: "muted" }, "The same relation and period, with different values in different articles."),
    h(
      "div",
      { class: "table-scroll" },
      h(
        "table",
        { class: "data", id: "conflicts" },
        h("thead", {}, h("tr", {}, ["Subject", "Relation", "Period", "Values"].map((t) => h("th", { scope: "col" }, t)))),
        h(
          "tbody",
          {},
          groups.map((group) =>
            h(
              "tr",
              {},
              h("td", {}, entityLink(group[0].subject_id, group[0].subject)),
              h("td", {}, group[0].relation),
              h("td", {}, group[0].when),
              h(
                "td",
                {},
                h(
                  "ul",
                  { class: "side-by-side" },
                  group.map((f) =>
                    h("li", {}, h("strong", {}, f.object), h("br"), h("a", { href: articleHref(f.article_id, f.start), title: f.sentence }, f.headline || f.article_id), h("span", { class: "muted" }, ` ${day(f.published)}`)),
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function articlesSection(articles) {
  return h(
    "section",
    { "aria-labelledby": "entity-articles-title" },
    h("h2", { id: "entity-articles-title" }, `Articles that name it (${number(articles.length)})`),
    articles.length
      ? dataTable({
          id: "entity-articles",
          rows: articles,
          columns: [
            { label: "Title", cell: (a) => h("a", { href: articleHref(a.id) }, a.title || a.id), sort: (a) => a.title || a.id },
            { label: "Publisher", cell: (a) => a.source || "", sort: (a) => a.source },
            { label: "Published", cell: (a) => day(a.published), sort: (a) => a.published },
          ],
        })
      : h("p", { class: "muted" }, "No article names it."),
  );
}
