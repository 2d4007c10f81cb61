// The ontology's entity classes: one colour each (graph nodes, legends and badges agree).

import { h } from "./dom.js";

export const CLASS_COLOURS = {
  Company: "#2563eb",
  Organization: "#0e7490",
  GovernmentBody: "#b91c1c",
  ResearchFirm: "#7c3aed",
  Person: "#c2410c",
  Country: "#15803d",
  Place: "#4d7c0f",
  Chip: "#a21caf",
  ChipFamily: "#be185d",
  Product: "#9333ea",
  Technology: "#0f766e",
  Policy: "#a16207",
};
const OTHER = "#4b5563";

/** A class's colour; grey for a class this page does not know. */
export function colourOf(type) {
  return CLASS_COLOURS[type] || OTHER;
}

/** A small badge naming an entity's class, in its colour. */
export function classBadge(type) {
  return h("span", { class: "badge", dataset: { type }, style: `--badge: ${colourOf(type)}` }, type);
}
