// Article (#/article/<id>?at=<offset>): the sentences with their mentions linked to entity pages,
// each beside the facts it states; the sentence at `at` is scrolled to and highlighted.

import { getJson, request } from "../api.js";
import { day, entityHref, entityLink, errorLine, flash, h, number } from "../dom.js";
import { objectCell, sourceCell, stanceText } from "../facts.js";

export const title = "Article";

export async function render(root, route) {
  const article = await getJson(`articles/${encodeURIComponent(route.arg)}`, {}, route.signal);
  document.title = `${article.title || article.id} · Newsgraph`;
  const at = route.params.has("at") ? Number(route.params.get("at")) : null;

  const status = h("div", { class: "article-status", "aria-live": "polite" });
  root.append(
    h("p", { class: "crumbs" }, h("a", { href: "#/articles" }, "Articles"), " / "),
    h("h1", {}, article.title || article.id),
    h(
      "p",
      { class: "muted article-meta" },
      [article.source, day(article.published), `id ${article.id}`].filter(Boolean).join(" · "),
      article.url ? [" · ", h("a", { href: article.url, rel: "external noopener noreferrer" }, "original")] : null,
    ),
    entityList(article.entities),
    h(
      "ol",
      { class: "sentences", id: "sentences" },
      article.sentences.map((s) => sentenceRow(s, article, at)),
    ),
    h(
      "div",
      { class: "danger-zone" },
      h("button", { id: "article-delete", type: "button", class: "danger", onclick: () => remove(article, status) }, "Delete this article…"),
      status,
    ),
  );

  const current = root.querySelector(".sentence.current");
  if (current) {
    current.scrollIntoView({ block: "center" });
    current.focus({ preventScroll: true });
  } else if (at !== null) {
    root.prepend(errorLine(`this article has no sentence at offset ${at}`));
  }
}

function entityList(entities) {
  if (!entities.length) return h("p", { class: "muted" }, "No entity is named.");
  return h(
    "details",
    { class: "entities", open: true },
    h("summary", {}, `Entities named (${entities.length})`),
    h(
      "ul",
      { class: "chips" },
      entities.map((e) => h("li", {}, h("a", { href: entityHref(e.id) }, e.label), h("span", { class: "muted" }, ` ×${number(e.mentions)}`))),
    ),
  );
}

/** One sentence: its text with mentions as links, and the facts it states. */
function sentenceRow(sentence, article, at) {
  const here = at !== null && at >= sentence.start && at < Math.max(sentence.end, sentence.start + 1);
  const facts = article.facts.filter((f) => f.start === sentence.start && f.end === sentence.end);
  return h(
    "li",
    {
      class: ["sentence", sentence.index === 0 ? "headline-sentence" : "", here ? "current" : ""].join(" ").trim(),
      id: `s-${sentence.start}`,
      tabindex: here ? "-1" : null,
      dataset: { start: sentence.start, end: sentence.end },
    },
    h("p", { class: "sentence-text" }, withMentions(sentence, article.mentions)),
    facts.length
      ? h("ul", { class: "sentence-facts", "aria-label": "Facts stated here" }, facts.map(factItem))
      : h("div", { class: "sentence-facts empty" }),
  );
}

/** The sentence's text with each mention inside it as a link (offsets are into the article). */
function withMentions(sentence, mentions) {
  const text = sentence.text;
  const inside = mentions
    .filter((m) => m.start >= sentence.start && m.end <= sentence.start + text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const parts = [];
  let cursor = 0;
  for (const m of inside) {
    const from = m.start - sentence.start;
    if (from < cursor) continue; // overlaps the mention before it
    const to = m.end - sentence.start;
    parts.push(text.slice(cursor, from), h("a", { class: "mention", href: entityHref(m.entity_id) }, text.slice(from, to)));
    cursor = to;
  }
  parts.push(text.slice(cursor));
  return parts.filter((p) => p !== "");
}

function factItem(fact) {
  return h(
    "li",
    { class: "fact" },
    entityLink(fact.subject_id, fact.subject),
    " ",
    h("span", { class: "relation" }, fact.relation),
    " ",
    objectCell(fact),
    fact.when ? h("span", { class: "muted" }, ` (${fact.when})`) : null,
    fact.source ? [h("span", { class: "muted" }, " — "), sourceCell(fact)] : null,
    stanceText(fact) !== "asserts" ? h("span", { class: "badge" }, stanceText(fact)) : null,
  );
}

/** Delete the article after the confirm dialog; then back to the list. */
async function remove(article, status) {
  const dialog = document.getElementById("confirm-dialog");
  document.getElementById("confirm-title").textContent = "Delete this article?";
  document.getElementById("confirm-text").textContent =
    `“${article.title || article.id}”, its sentences, claims and passages, and the entities only it names leave the store.`;
  dialog.returnValue = "";
  dialog.showModal();
  await new Promise((resolve) => dialog.addEventListener("close", resolve, { once: true }));
  if (dialog.returnValue !== "yes") return;
  status.replaceChildren(h("p", { class: "muted" }, "Deleting…"));
  try {
    const { status: code, data } = await request("DELETE", `articles/${encodeURIComponent(article.id)}`, { write: true });
    flash(code === 202 ? `Deleting “${article.title || article.id}” is queued as job ${data.job_id}.` : `Deleted “${article.title || article.id}”.`);
    location.hash = "#/articles";
  } catch (error) {
    status.replaceChildren(errorLine(error));
  }
}
