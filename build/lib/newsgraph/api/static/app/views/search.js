// Search (#/search?q=...): passages by meaning and words, filtered by date and publisher, paged here.

import { getJson, isAbort } from "../api.js";
import { articleHref, day, errorLine, field, fill, h, highlight, keywords, number, pager, pushHash, viewHref } from "../dom.js";

export const title = "Search";

const PAGE = 10;
const MODES = [
  ["hybrid", "Hybrid (meaning and words)"],
  ["dense", "Meaning only"],
  ["lexical", "Words only"],
];
const SIZES = [10, 20, 50, 100];

export async function render(root, route) {
  const p = route.params;
  const q = h("input", { id: "search-q", type: "search", required: true, maxlength: 1000, autocomplete: "off", value: p.get("q") || "" });
  const since = h("input", { id: "search-since", type: "date", value: p.get("since") || "" });
  const until = h("input", { id: "search-until", type: "date", value: p.get("until") || "" });
  const source = h("input", { id: "search-source", type: "text", value: p.get("source") || "" });
  const entity = h("input", { id: "search-entity", type: "text", value: p.get("entity") || "", placeholder: "company/nvidia" });
  const mode = h(
    "select",
    { id: "search-mode" },
    MODES.map(([value, label]) => h("option", { value, selected: value === (p.get("mode") || "hybrid") }, label)),
  );
  const k = h(
    "select",
    { id: "search-k" },
    SIZES.map((n) => h("option", { value: String(n), selected: String(n) === (p.get("k") || "50") }, String(n))),
  );
  const go = h("button", { id: "search-go", type: "submit" }, "Search");
  const results = h("section", { id: "results", "aria-live": "polite" });

  let searched = 0; // only the latest search's hits are shown

  async function search({ fromAddress = false } = {}) {
    const params = {
      q: q.value.trim(),
      since: since.value,
      until: until.value,
      source: source.value.trim(),
      entity: entity.value.trim(),
      mode: mode.value,
      k: k.value,
    };
    if (!params.q) return;
    const mine = ++searched;
    pushHash(viewHref("search", params), { replace: fromAddress });
    go.disabled = true;
    fill(results, h("p", { class: "muted" }, "Searching…"));
    try {
      const data = await getJson("search", params, route.signal);
      if (mine === searched) showHits(results, data, 0);
    } catch (error) {
      if (mine === searched && !isAbort(error)) fill(results, errorLine(error));
    } finally {
      if (mine === searched) go.disabled = false;
    }
  }

  root.append(
    h("h1", {}, "Search passages"),
    h(
      "form",
      {
        class: "search-form",
        role: "search",
        onsubmit: (event) => {
          event.preventDefault();
          search();
        },
      },
      h("div", { class: "wide" }, field("Words or a question", q)),
      h(
        "div",
        { class: "filters" },
        field("Published since", since),
        field("Published until", until),
        field("Publisher", source, "exactly as the articles name it"),
        field("Naming the entity", entity, "its id, as in an entity page's address"),
        field("Match by", mode),
        field("Results", k),
      ),
      h("div", { class: "actions" }, go),
    ),
    results,
  );
  if (q.value) await search({ fromAddress: true });
  else q.focus();
}

function showHits(results, data, page) {
  const words = keywords(data.query);
  const hits = data.hits.slice(page * PAGE, (page + 1) * PAGE);
  const redraw = (next) => {
    showHits(results, data, next);
    results.querySelector("h2").focus();
  };
  fill(
    results,
    h("h2", { tabindex: "-1" }, data.hits.length ? `${number(data.hits.length)} passages` : "No passage matches"),
    h(
      "ol",
      { class: "hits", start: page * PAGE + 1 },
      hits.map((hit) =>
        h(
          "li",
          { class: "hit", dataset: { article: hit.article_id, published: hit.published || "", source: hit.source || "" } },
          h("h3", {}, h("a", { href: articleHref(hit.article_id, hit.start) }, hit.title || hit.article_id)),
          h(
            "p",
            { class: "muted hit-meta" },
            [hit.source, day(hit.published), `score ${hit.score.toFixed(3)}`].filter(Boolean).join(" · "),
          ),
          h("p", { class: "hit-text" }, highlight(hit.text, words, { wordStarts: true })),
        ),
      ),
    ),
    pager(data.hits.length, page, PAGE, redraw, "Result pages"),
  );
}
