// Facts (claims and figures as the API reads them back): their cells, dates and sort keys.

import { articleHref, day, entityLink, h } from "./dom.js";

/** Who says so: the source (linked when an entity) and the reporting verb. */
export function sourceCell(fact) {
  if (!fact.source) return "";
  return [entityLink(fact.source_id, fact.source), fact.reporting_verb ? h("span", { class: "muted" }, ` (${fact.reporting_verb})`) : null];
}

/** "asserts", "denies", with "negated" and "hedged" when they hold. */
export function stanceText(fact) {
  return [fact.stance || "asserts", fact.negated ? "negated" : null, fact.hedged ? "hedged" : null]
    .filter(Boolean)
    .join(", ");
}

/** The object: an entity link, or the figure or phrase as written. */
export function objectCell(fact) {
  if (!fact.object) return "";
  return fact.object_id ? entityLink(fact.object_id, fact.object) : h("span", { class: "object-text" }, fact.object);
}

/** A link to the sentence that states the fact, in its article. */
export function sentenceLink(fact, text = "sentence") {
  return h("a", { href: articleHref(fact.article_id, fact.start), title: fact.sentence || "" }, text);
}

/** Cells for one fact per row, for the ask view's facts table. */
export function factRows(facts) {
  return facts.map((fact) => ({
    // A fact an answer was read from may name its entity as `entity_id`.
    subject: entityLink(fact.subject_id || fact.entity_id, fact.subject),
    relation: fact.relation,
    object: objectCell(fact),
    source: sourceCell(fact),
    stance: stanceText(fact),
    when: fact.when || "",
    link: sentenceLink(fact, day(fact.published) || "sentence"),
  }));
}

/**
 * The day a time value starts: "2025" is 1 January, "2025-Q3" 1 July, "2025-H2" 1 July,
 * "2025-03" 1 March, "2025-03-14" itself. null for anything else.
 */
export function startOf(when) {
  if (!when) return null;
  const text = String(when).trim();
  let found = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (found) return new Date(Number(found[1]), found[2] ? Number(found[2]) - 1 : 0, found[3] ? Number(found[3]) : 1);
  found = /^(\d{4})-?Q([1-4])$/i.exec(text);
  if (found) return new Date(Number(found[1]), (Number(found[2]) - 1) * 3, 1);
  found = /^(\d{4})-?H([12])$/i.exec(text);
  if (found) return new Date(Number(found[1]), (Number(found[2]) - 1) * 6, 1);
  return null;
}

/** A sort key for a time value: its start day as "YYYY-MM-DD", or the text itself. */
export function timeKey(when) {
  const start = startOf(when);
  if (!start) return when || "";
  const pad = (n) => String(n).padStart(2, "0");
  return `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`;
}

/** A fact's identity: the same claim can come back as a claim, a figure and a timeline entry. */
export function factKey(fact) {
  return [fact.article_id, fact.start, fact.relation, fact.subject_id || fact.subject, fact.object_id || fact.object].join("|");
}

/** The facts without repeats, in their first order. */
export function distinct(...lists) {
  const seen = new Set();
  const out = [];
  for (const fact of lists.flat()) {
    const key = factKey(fact);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(fact);
    }
  }
  return out;
}

/** A one-line reading of a fact: "Nvidia projects 65,000,000,000 USD". */
export function factLine(fact) {
  return [fact.negated ? "not:" : null, fact.subject, fact.relation, fact.object].filter(Boolean).join(" ");
}
