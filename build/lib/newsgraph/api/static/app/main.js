// The workspace's router: one page, one view per URL hash (#/ask, #/entity/<id>?depth=2, ...).
//
// Each view module exports `title` and `render(root, route)`. A route is
// {name, arg, params, signal, onLeave}: `arg` is the decoded part after the view's name,
// `params` the hash's query, `signal` aborts when the view is left, and `onLeave(fn)`
// registers a clean-up (stopping a poll, freeing a WebGL canvas).

import { isAbort } from "./api.js";
import { errorLine, h } from "./dom.js";
import * as article from "./views/article.js";
import * as articles from "./views/articles.js";
import * as ask from "./views/ask.js";
import * as entity from "./views/entity.js";
import * as ingest from "./views/ingest.js";
import * as overview from "./views/overview.js";
import * as search from "./views/search.js";
import * as sparql from "./views/sparql.js";

const VIEWS = { "": overview, ask, search, entity, articles, article, ingest, sparql };

/** "#/entity/company%2Fnvidia?depth=2" as {name: "entity", arg: "company/nvidia", params}. */
export function parseHash(hash) {
  const text = hash.replace(/^#\/?/, "");
  const cut = text.indexOf("?");
  const path = cut < 0 ? text : text.slice(0, cut);
  const params = new URLSearchParams(cut < 0 ? "" : text.slice(cut + 1));
  const slash = path.indexOf("/");
  const name = slash < 0 ? path : path.slice(0, slash);
  let arg = slash < 0 ? "" : path.slice(slash + 1);
  try {
    arg = decodeURIComponent(arg);
  } catch {
    // a malformed escape: keep the text as typed, the API will say it is not found
  }
  return { name, arg, params };
}

let leaving = null; // the AbortController of the view on screen
let first = true;

async function show() {
  if (leaving) leaving.abort();
  const controller = new AbortController();
  leaving = controller;
  const cleanups = [];
  controller.signal.addEventListener("abort", () => cleanups.forEach((fn) => fn()));

  const parsed = parseHash(location.hash);
  const view = VIEWS[parsed.name];
  const main = document.getElementById("view");
  const root = h("div", { class: `view view-${parsed.name || "overview"}` });
  main.replaceChildren(root);
  markNav(parsed.name);
  if (!first) main.focus({ preventScroll: true }); // keyboard users start at the new view
  first = false;
  window.scrollTo(0, 0);

  if (!view) {
    document.title = "Not found · Newsgraph";
    root.append(h("h1", {}, "Not found"), errorLine(`there is no view called “${parsed.name}”`));
    return;
  }
  document.title = `${view.title} · Newsgraph`;
  const route = {
    ...parsed,
    signal: controller.signal,
    onLeave(fn) {
      if (controller.signal.aborted) fn();
      else cleanups.push(fn);
    },
  };
  try {
    await view.render(root, route);
  } catch (error) {
    if (isAbort(error) || controller.signal.aborted) return;
    root.append(errorLine(error));
  }
}

function markNav(name) {
  for (const link of document.querySelectorAll("nav a[data-view]")) {
    const names = link.dataset.view.split(" ");
    if (names.includes(name)) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

window.addEventListener("hashchange", show);
show();
