// Overview (#/): what the store holds, the newest articles, the most named entities, recent jobs.

import { getJson } from "../api.js";
import { classBadge } from "../classes.js";
import { articleHref, day, entityHref, errorLine, field, fill, h, number } from "../dom.js";
import { jobSummary } from "../jobs.js";

export const title = "Overview";

const COUNTS = [
  ["articles", "articles"],
  ["sentences", "sentences"],
  ["mentions", "mentions"],
  ["entities", "entities"],
  ["claims", "claims"],
  ["figures", "figures"],
  ["passages", "passages"],
  ["triples", "triples"],
  ["queued", "jobs queued"],
];

export async function render(root, route) {
  root.append(h("h1", {}, "Overview"));
  const data = await getJson("overview", {}, route.signal);
  const { stats } = data;
  root.append(
    h(
      "dl",
      { class: "counts", id: "counts" },
      COUNTS.map(([key, label]) =>
        h(
          "div",
          { class: "count" },
          h("dt", {}, label),
          h("dd", { dataset: { count: key } }, number(key === "passages" ? stats.search.passages : stats[key])),
        ),
      ),
    ),
    consistency(stats.search),
    h(
      "div",
      { class: "columns" },
      h(
        "section",
        { "aria-labelledby": "newest-title" },
        h("h2", { id: "newest-title" }, "Newest articles"),
        data.newest.length
          ? h(
              "ul",
              { class: "plain", id: "newest" },
              data.newest.map((a) =>
                h(
                  "li",
                  {},
                  h("a", { href: articleHref(a.id) }, a.title || a.id),
                  h("span", { class: "muted" }, ` · ${[a.source, day(a.published)].filter(Boolean).join(" · ")}`),
                ),
              ),
            )
          : h("p", { class: "muted" }, "No articles yet: ", h("a", { href: "#/ingest" }, "ingest some"), "."),
        h("p", {}, h("a", { href: "#/articles" }, "All articles →")),
      ),
      h(
        "section",
        { "aria-labelledby": "top-title" },
        h("h2", { id: "top-title" }, "Most named entities"),
        h(
          "ol",
          { class: "plain ranked", id: "top-entities" },
          data.top_entities.map((e) =>
            h(
              "li",
              {},
              h("a", { href: entityHref(e.id) }, e.label),
              " ",
              classBadge(e.type),
              h("span", { class: "muted" }, ` ${number(e.articles)} articles`),
            ),
          ),
        ),
        entityFinder(route),
      ),
    ),
    h(
      "section",
      { "aria-labelledby": "jobs-title" },
      h("h2", { id: "jobs-title" }, "Recent ingest jobs"),
      data.jobs.length
        ? h(
            "ul",
            { class: "plain", id: "recent-jobs" },
            data.jobs.map((job) =>
              h(
                "li",
                { class: "job", dataset: { state: job.state } },
                h("span", { class: "state" }, job.state),
                ` #${job.job_id} ${job.kind} from ${job.origin}`,
                h("span", { class: "muted" }, ` ${jobSummary(job)}`),
              ),
            ),
          )
        : h("p", { class: "muted" }, "No jobs yet."),
    ),
  );
}

function consistency(search) {
  if (search.consistent) {
    return h(
      "p",
      { class: "ok", id: "consistency" },
      `✓ The passage indexes agree with the graph: ${number(search.passages)} passages of ` +
        `${number(search.indexed_articles)} articles.`,
    );
  }
  return h(
    "div",
    { class: "warning", id: "consistency", role: "alert" },
    h("p", {}, "⚠ The passage indexes do not agree with the graph (run ", h("code", {}, "newsgraph reindex"), "):"),
    h("ul", {}, search.problems.map((p) => h("li", {}, p))),
  );
}

/** A box that finds entities by name or alias (GET /entities?q=). */
function entityFinder(route) {
  const input = h("input", { id: "entity-q", type: "search", autocomplete: "off", required: true });
  const results = h("div", { id: "entity-found", "aria-live": "polite" });
  const form = h(
    "form",
    {
      class: "inline",
      role: "search",
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          const found = await getJson("entities", { q: input.value.trim(), limit: 20 }, route.signal);
          fill(
            results,
            found.entities.length
              ? h(
                  "ul",
                  { class: "plain" },
                  found.entities.map((e) =>
                    h("li", {}, h("a", { href: entityHref(e.id) }, e.label), " ", classBadge(e.type)),
                  ),
                )
              : h("p", { class: "muted" }, `No entity is called “${found.query}”.`),
          );
        } catch (error) {
          fill(results, errorLine(error));
        }
      },
    },
    field("Find an entity", input),
    h("button", { type: "submit" }, "Find"),
  );
  return h("div", { class: "finder" }, form, results);
}
