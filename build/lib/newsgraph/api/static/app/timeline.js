// An entity's dated facts on a vis-timeline: each at the start of its stated time ("2025-Q3" is
// 1 July 2025), or at its article's publication day when it states none.

import { h } from "./dom.js";
import { factLine, startOf } from "./facts.js";
import { timelineLibrary } from "./vendor.js";

const LABEL_CHARS = 48;

function shorten(text) {
  return text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;
}

/** The facts as timeline items; facts with no date at all are left out. */
export function timelineItems(facts) {
  const items = [];
  facts.forEach((fact, i) => {
    const stated = startOf(fact.when);
    const start = stated || startOf(fact.published);
    if (!start) return;
    const line = factLine(fact);
    const when = stated ? `${fact.when} (stated)` : `published ${fact.published}`;
    items.push({
      id: i,
      start,
      type: "point",
      // An element, not HTML: fact text comes from articles.
      content: h("span", {}, shorten(line)),
      title: `${when}: ${line}`.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`),
      className: stated ? "stated" : "published",
      fact,
    });
  });
  return items;
}

/**
 * Draw the items in `container`; `onPick(fact)` is called when one is chosen.
 * Returns the vis Timeline (call destroy() when leaving).
 */
export async function drawTimeline(container, items, onPick) {
  const vis = await timelineLibrary();
  const data = new vis.DataSet(items.map(({ fact, ...item }) => item));
  const timeline = new vis.Timeline(container, data, {
    stack: true,
    maxHeight: 420,
    verticalScroll: true,
    minHeight: 160,
    zoomable: true,
    zoomMin: 1000 * 60 * 60 * 24 * 7, // a week
    showCurrentTime: false,
    tooltip: { followMouse: true },
    margin: { item: { horizontal: 4, vertical: 4 } },
  });
  const facts = new Map(items.map((item) => [item.id, item.fact]));
  timeline.on("select", ({ items: chosen }) => {
    if (chosen.length) onPick(facts.get(chosen[0]));
  });
  return timeline;
}
