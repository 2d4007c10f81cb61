// Small DOM helpers shared by the views: elements, links, highlighting, tables and pagers.
// Text from the API only ever goes into text nodes, never into innerHTML.

import { errorText } from "./api.js";

/** An element: h("a", {href, class, onclick, dataset}, child, ...). Children may be arrays. */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") element.className = value;
    else if (name === "dataset") Object.assign(element.dataset, value);
    else if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "value" || name === "checked" || name === "selected") element[name] = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

/** Append children (nodes, text, arrays; null and false are skipped) to an element. */
export function append(parent, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : String(child));
  }
}

/** Replace an element's children. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A one-line error for the page (role=alert, so it is announced). */
export function errorLine(error) {
  return h("p", { class: "error", role: "alert" }, errorText(error));
}

export function entityHref(id) {
  return `#/entity/${encodeURIComponent(id)}`;
}

export function articleHref(id, at = null) {
  const base = `#/article/${encodeURIComponent(id)}`;
  return at === null || at === undefined ? base : `${base}?at=${at}`;
}

/** A link to an entity page when there is an id, else the plain name. */
export function entityLink(id, label) {
  if (!label) return "";
  return id ? h("a", { href: entityHref(id), class: "entity-link" }, label) : label;
}

const NUMBER = new Intl.NumberFormat("en");

export function number(value) {
  return NUMBER.format(value);
}

/** "2025-03-14" as "14 Mar 2025"; other text unchanged. */
export function day(value) {
  if (!value) return "";
  const found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
  if (!found) return String(value);
  const date = new Date(Number(found[1]), Number(found[2]) - 1, Number(found[3]));
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
}

// Words a query or an answer is full of that say nothing about where it matches.
const STOPWORDS = new Set(
  (
    "a an and are as at be by did do does for from has have how in into is it its of on or " +
    "said says than that the their this to was were what when where which who whom why will with"
  ).split(" "),
);

/** The words of a text worth highlighting: no stop words, no single letters. */
export function keywords(text) {
  const found = String(text).match(/[\p{L}\p{N}$€£¥][\p{L}\p{N}.,:%'’-]*[\p{L}\p{N}%]|[\p{L}\p{N}]{2,}/gu) || [];
  return [...new Set(found.filter((w) => w.length > 1 && !STOPWORDS.has(w.toLowerCase())))];
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The text as nodes, each case-insensitive occurrence of a phrase wrapped in <mark>. With
 * `wordStarts`, a phrase matches at the start of a word and takes the rest of it ("ban" marks
 * "banned"), as the stemmed word index matches.
 */
export function highlight(text, phrases, { wordStarts = false } = {}) {
  const wanted = phrases.filter(Boolean).sort((a, b) => b.length - a.length).map(escapeRegExp);
  if (!wanted.length) return [text];
  const body = `(?:${wanted.join("|")})`;
  const pattern = new RegExp(wordStarts ? `((?<![\\p{L}\\p{N}])${body}[\\p{L}\\p{N}]*)` : `(${body})`, "giu");
  return String(text)
    .split(pattern)
    .map((part, i) => (i % 2 === 1 ? h("mark", {}, part) : part))
    .filter((part) => part !== "");
}

/** Whether highlighting these phrases marks anything in the text. */
export function marks(text, phrases) {
  return highlight(text, phrases).some((part) => part instanceof Node);
}

/**
 * Previous and next buttons with "from–to of total"; onPage(page) is called with the new page.
 * Pages count from 0.
 */
export function pager(total, page, size, onPage, label = "Pages") {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return h("span", { class: "pager-empty" });
  const first = page * size + 1;
  const last = Math.min(total, (page + 1) * size);
  return h(
    "nav",
    { class: "pager", "aria-label": label },
    h("button", { type: "button", disabled: page === 0, onclick: () => onPage(page - 1) }, "← Previous"),
    h("span", { class: "pager-where" }, `${number(first)}–${number(last)} of ${number(total)}`),
    h("button", { type: "button", disabled: page >= pages - 1, onclick: () => onPage(page + 1) }, "Next →"),
  );
}

function compare(a, b) {
  const empty = (v) => v === undefined || v === null || v === "";
  if (empty(a) || empty(b)) return empty(a) - empty(b); // blanks last, whichever way
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "en", { numeric: true, sensitivity: "base" });
}

/**
 * A table sortable by clicking a column header and paged client-side.
 * columns: [{label, cell: row => node or text, sort: row => comparable value (optional)}].
 * After a click the focus stays on the header or pager button that was used.
 */
export function dataTable({ columns, rows, pageSize = 10, caption = null, id = null }) {
  const state = { page: 0, column: null, descending: false };
  const table = h("table", { id, class: "data" });
  const holder = h("div", { class: "table-block" });

  function sorted() {
    if (state.column === null) return rows;
    const key = columns[state.column].sort;
    const order = [...rows].sort((a, b) => compare(key(a), key(b)));
    return state.descending ? order.reverse() : order;
  }

  function sortBy(i) {
    state.descending = state.column === i ? !state.descending : false;
    state.column = i;
    state.page = 0;
    draw();
    table.querySelector(`th:nth-child(${i + 1}) button`).focus();
  }

  function head() {
    return h(
      "thead",
      {},
      h(
        "tr",
        {},
        columns.map((column, i) => {
          if (!column.sort) return h("th", { scope: "col" }, column.label);
          const active = state.column === i;
          const sort = active ? (state.descending ? "descending" : "ascending") : "none";
          const arrow = active ? (state.descending ? " ▼" : " ▲") : "";
          return h(
            "th",
            { scope: "col", "aria-sort": sort },
            h(
              "button",
              { type: "button", class: "sort", onclick: () => sortBy(i) },
              column.label,
              h("span", { class: "sort-mark", "aria-hidden": "true" }, arrow),
            ),
          );
        }),
      ),
    );
  }

  function toPage(page, direction) {
    state.page = page;
    draw();
    const buttons = holder.querySelectorAll(".pager button");
    const next = direction > 0 ? buttons[1] : buttons[0];
    (next && !next.disabled ? next : [...buttons].find((b) => !b.disabled) || table).focus();
  }

  function draw() {
    const page = sorted().slice(state.page * pageSize, (state.page + 1) * pageSize);
    fill(
      table,
      caption ? h("caption", {}, caption) : null,
      head(),
      h(
        "tbody",
        {},
        page.map((row) => h("tr", {}, columns.map((c) => h("td", {}, c.cell(row))))),
      ),
    );
    fill(
      holder,
      h("div", { class: "table-scroll" }, table),
      pager(rows.length, state.page, pageSize, (p) => toPage(p, p - state.page)),
    );
  }

  draw();
  return holder;
}

/** A labelled form field: <label for=id>text</label> followed by the control. */
export function field(label, control, hint = null) {
  return h(
    "div",
    { class: "field" },
    h("label", { for: control.id }, label),
    control,
    hint ? h("small", { class: "muted" }, hint) : null,
  );
}

/** Show a short message in the page's status line; it fades after a while. */
export function flash(message) {
  const line = document.getElementById("flash");
  line.textContent = message;
  line.classList.add("shown");
  clearTimeout(flash.timer);
  flash.timer = setTimeout(() => line.classList.remove("shown"), 6000);
}

/** A view's hash with its non-empty params: viewHref("ask", {q}) is "#/ask?q=...". */
export function viewHref(name, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(key, value);
  }
  const text = query.toString();
  return `#/${name}${text ? `?${text}` : ""}`;
}

/**
 * Record a view's new state in the address bar without re-rendering the view: a new history
 * entry, or with `replace` (a view restoring the state its address gave) the same one.
 */
export function pushHash(hash, { replace = false } = {}) {
  if (location.hash === hash) return;
  if (replace) history.replaceState(null, "", hash);
  else history.pushState(null, "", hash);
}
