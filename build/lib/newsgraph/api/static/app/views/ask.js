// Ask (#/ask?q=...&as_of=...): a question, its answer, the cited sentences, the facts and the SPARQL.

import { getJson, isAbort } from "../api.js";
import {
  articleHref,
  day,
  errorLine,
  field,
  fill,
  h,
  highlight,
  keywords,
  marks,
  pushHash,
  viewHref,
} from "../dom.js";
import { factRows } from "../facts.js";

export const title = "Ask";

const RECENT_KEY = "newsgraph.recent-questions";
const RECENT_MAX = 12;

export async function render(root, route) {
  const question = h("input", { id: "ask-q", type: "text", required: true, maxlength: 1000, autocomplete: "off" });
  const asOf = h("input", { id: "ask-asof", type: "date" });
  const go = h("button", { id: "ask-go", type: "submit" }, "Ask");
  const answer = h("section", { id: "answer", "aria-live": "polite", "aria-busy": "false" });
  const recent = h("section", { id: "recent", "aria-labelledby": "recent-title" });

  let asked = 0; // only the latest question's answer is shown

  async function ask(q, asOfDay, { fromAddress = false } = {}) {
    const mine = ++asked;
    pushHash(viewHref("ask", { q, as_of: asOfDay }), { replace: fromAddress });
    remember(q, asOfDay);
    drawRecent(recent, pick);
    go.disabled = true;
    answer.setAttribute("aria-busy", "true");
    fill(answer, h("p", { class: "muted" }, "Reading the graph and the passages…"));
    try {
      const data = await getJson("ask", { q, as_of: asOfDay }, route.signal);
      if (mine === asked) fill(answer, ...renderAnswer(data));
    } catch (error) {
      if (mine === asked && !isAbort(error)) fill(answer, errorLine(error));
    } finally {
      if (mine === asked) {
        go.disabled = false;
        answer.setAttribute("aria-busy", "false");
      }
    }
  }

  const form = h(
    "form",
    {
      class: "ask-form",
      onsubmit: (event) => {
        event.preventDefault();
        const q = question.value.trim();
        if (q) ask(q, asOf.value);
      },
    },
    field("Question", question, "For example: Who buys the H20? What share of ASML's sales came from China in 2022?"),
    field("As of (optional)", asOf, "The day the question is asked; nothing published later is read."),
    h("div", { class: "actions" }, go),
  );
  // A recent question is asked again in place (its link also works when opened in a new tab).
  function pick(r) {
    question.value = r.q;
    asOf.value = r.as_of || "";
    ask(r.q, asOf.value);
  }

  root.append(h("h1", {}, "Ask a question"), form, answer, recent);
  drawRecent(recent, pick);

  const q = route.params.get("q");
  if (q) {
    question.value = q;
    asOf.value = route.params.get("as_of") || "";
    await ask(q, asOf.value, { fromAddress: true });
  } else {
    question.focus();
  }
}

/** The answer's parts: the answer (or "not found"), citations, facts and SPARQL. */
function renderAnswer(data) {
  const parts = [];
  if (data.answered) {
    parts.push(
      h(
        "div",
        { class: "answer-box" },
        h("p", { class: "answer-text" }, data.answer),
        h(
          "p",
          { class: "answer-meta" },
          h("span", { class: "badge" }, data.answer_type),
          ` confidence ${Math.round(data.confidence * 100)}%`,
        ),
      ),
    );
  } else {
    parts.push(
      h(
        "div",
        { class: "answer-box not-found", role: "status" },
        h("p", { class: "answer-text" }, "Not found"),
        h("p", {}, data.reason || data.answer || "The evidence is too weak to answer."),
      ),
    );
  }

  const phrases = answerPhrases(data);
  parts.push(
    h("h2", {}, data.answered ? "Cited sentences" : "Closest passages"),
    data.citations.length
      ? h(
          "ol",
          { class: "citations" },
          data.citations.map((c) =>
            h(
              "li",
              { class: "citation" },
              h("blockquote", {}, highlight(c.text, phrases)),
              h(
                "p",
                { class: "cite-source" },
                h("a", { href: articleHref(c.article_id, c.start) }, c.title || c.article_id),
                h("span", { class: "muted" }, ` · score ${c.score.toFixed(3)}`),
              ),
            ),
          ),
        )
      : h("p", { class: "muted" }, "No sentence was cited."),
  );

  if (data.facts.length) {
    parts.push(h("h2", {}, "Facts used"), factsTable(located(data.facts, data.citations)));
  }

  parts.push(h("h2", {}, "SPARQL"));
  if (data.sparql) {
    parts.push(
      h("pre", { id: "answer-sparql", class: "code" }, data.sparql),
      h(
        "p",
        {},
        h(
          "button",
          {
            id: "open-sparql",
            type: "button",
            onclick: () => {
              location.hash = viewHref("sparql", { query: data.sparql });
            },
          },
          "Open in the SPARQL editor",
        ),
      ),
    );
  } else {
    parts.push(h("p", { class: "muted" }, "No graph query was needed: the answer comes from the passages."));
  }
  return parts;
}

/**
 * What to mark in the cited sentences: the whole answer when a sentence contains it, else its
 * words ("€21.2 billion (2022)" is written "€21.2 billion of sales in 2022").
 */
function answerPhrases(data) {
  if (!data.answered || !data.answer) return [];
  const whole = data.answer.trim();
  const parts = whole.split(/\s*(?:,|;|\band\b)\s*/).filter(Boolean);
  if (data.citations.some((c) => marks(c.text, [whole]))) return [whole, ...parts];
  if (parts.length > 1 && data.citations.some((c) => marks(c.text, parts))) return parts;
  return keywords(whole);
}

/** Facts that carry no offsets get those of the cited sentence they come from, for their links. */
function located(facts, citations) {
  return facts.map((fact) => {
    if (Number.isInteger(fact.start)) return fact;
    const cited = citations.find((c) => c.article_id === fact.article_id && c.text === fact.sentence);
    return cited ? { ...fact, start: cited.start } : fact;
  });
}

function factsTable(facts) {
  const rows = factRows(facts);
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { id: "facts", class: "data" },
      h(
        "thead",
        {},
        h("tr", {}, ["Subject", "Relation", "Object", "Who says so", "Stance", "Valid time", "Sentence"].map((t) => h("th", { scope: "col" }, t))),
      ),
      h(
        "tbody",
        {},
        rows.map((r) => h("tr", {}, [r.subject, r.relation, r.object, r.source, r.stance, r.when, r.link].map((c) => h("td", {}, c)))),
      ),
    ),
  );
}

function remember(q, asOf) {
  const kept = recentQuestions().filter((r) => !(r.q === q && (r.as_of || "") === (asOf || "")));
  kept.unshift({ q, as_of: asOf || "" });
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(kept.slice(0, RECENT_MAX)));
  } catch {
    // storage full or disabled: the list is a convenience
  }
}

function recentQuestions() {
  try {
    const kept = JSON.parse(localStorage.getItem(RECENT_KEY) || "[]");
    return Array.isArray(kept) ? kept.filter((r) => r && typeof r.q === "string") : [];
  } catch {
    return [];
  }
}

function drawRecent(section, pick) {
  const kept = recentQuestions();
  fill(
    section,
    h("h2", { id: "recent-title" }, "Recent questions"),
    kept.length
      ? h(
          "ul",
          { class: "plain", id: "recent-questions" },
          kept.map((r) =>
            h(
              "li",
              {},
              h(
                "a",
                {
                  href: viewHref("ask", { q: r.q, as_of: r.as_of }),
                  onclick: (event) => {
                    event.preventDefault();
                    pick(r);
                  },
                },
                r.q,
              ),
              r.as_of ? h("span", { class: "muted" }, ` · as of ${day(r.as_of)}`) : null,
            ),
          ),
        )
      : h("p", { class: "muted" }, "Questions you ask are kept here, in this browser."),
    kept.length
      ? h(
          "button",
          {
            type: "button",
            class: "link",
            onclick: () => {
              localStorage.removeItem(RECENT_KEY);
              drawRecent(section, pick);
            },
          },
          "Forget them",
        )
      : null,
  );
}
