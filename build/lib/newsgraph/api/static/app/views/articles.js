// Articles (#/articles?source=&since=&until=&entity=&q=&offset=): the stored articles, newest
// first, paged; filtered by publisher, dates, an entity they name and words of the headline.

import { getJson } from "../api.js";
import { articleHref, day, field, h, number, pager, viewHref } from "../dom.js";

export const title = "Articles";

const LIMIT = 20;

export async function render(root, route) {
  const p = route.params;
  const filters = {
    source: p.get("source") || "",
    since: p.get("since") || "",
    until: p.get("until") || "",
    entity: p.get("entity") || "",
    q: p.get("q") || "",
  };
  const offset = Math.max(0, Number.parseInt(p.get("offset") || "0", 10) || 0);

  const source = h("input", { id: "articles-source", type: "text", value: filters.source });
  const since = h("input", { id: "articles-since", type: "date", value: filters.since });
  const until = h("input", { id: "articles-until", type: "date", value: filters.until });
  const entity = h("input", { id: "articles-entity", type: "text", value: filters.entity, placeholder: "company/nvidia" });
  const words = h("input", { id: "articles-q", type: "search", value: filters.q, maxlength: 200 });
  root.append(
    h("h1", {}, "Articles"),
    h(
      "form",
      {
        class: "filters-form",
        onsubmit: (event) => {
          event.preventDefault();
          location.hash = viewHref("articles", {
            source: source.value.trim(),
            since: since.value,
            until: until.value,
            entity: entity.value.trim(),
            q: words.value.trim(),
          });
        },
      },
      h(
        "div",
        { class: "filters" },
        field("Publisher", source),
        field("Published since", since),
        field("Published until", until),
        field("Naming the entity", entity, "its id, as in an entity page's address"),
        field("Headline words", words),
      ),
      h(
        "div",
        { class: "actions" },
        h("button", { id: "articles-go", type: "submit" }, "Filter"),
        " ",
        h("a", { href: "#/ingest" }, "Add articles"),
      ),
    ),
  );

  const page = await getJson("articles", { ...filters, offset, limit: LIMIT }, route.signal);
  const toPage = (n) => {
    location.hash = viewHref("articles", { ...filters, offset: n * LIMIT || "" });
  };
  root.append(
    h("p", { class: "muted", id: "articles-total" }, `${number(page.total)} articles`),
    page.articles.length
      ? h(
          "ul",
          { class: "plain article-list", id: "article-list" },
          page.articles.map((a) =>
            h(
              "li",
              { class: "article-row", dataset: { id: a.id } },
              h("a", { href: articleHref(a.id) }, a.title || a.id),
              h("span", { class: "muted" }, [a.source, day(a.published)].filter(Boolean).join(" · ")),
            ),
          ),
        )
      : h("p", { class: "muted" }, "No article matches these filters."),
    pager(page.total, Math.floor(offset / LIMIT), LIMIT, toPage, "Article pages"),
  );
}
