// An entity's neighbourhood drawn with sigma over a graphology graph.
//
// Layout is radial: the entity in the middle, the entities one step out on a ring around it
// (grouped by class, so colours cluster), two steps out on an outer ring next to the entity
// that links them in. It is computed at once, needs no layout library and reads the same way
// on every visit.

import { colourOf } from "./classes.js";
import { graphLibraries } from "./vendor.js";

const DIMMED = "#d1d5db";
const EDGE = "#94a3b8";

/** How many steps each node is from the centre, following edges either way. */
function distances(center, nodes, edges) {
  const next = new Map(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    if (next.has(e.source) && next.has(e.target)) {
      next.get(e.source).push(e.target);
      next.get(e.target).push(e.source);
    }
  }
  const depth = new Map([[center, 0]]);
  const parent = new Map();
  const queue = [center];
  while (queue.length) {
    const id = queue.shift();
    for (const other of next.get(id) || []) {
      if (!depth.has(other)) {
        depth.set(other, depth.get(id) + 1);
        parent.set(other, id);
        queue.push(other);
      }
    }
  }
  return { depth, parent };
}

/**
 * x, y for every node: rings by distance, the outer ring ordered by each node's parent. The
 * rings are stretched into ellipses as wide as the box is (sigma keeps the graph's shape).
 */
function radialLayout(center, nodes, edges, aspect) {
  const { depth, parent } = distances(center, nodes, edges);
  const rings = new Map();
  for (const node of nodes) {
    const d = depth.has(node.id) ? depth.get(node.id) : 3; // unlinked nodes (if any) go outside
    if (!rings.has(d)) rings.set(d, []);
    rings.get(d).push(node);
  }
  const angle = new Map([[center, 0]]);
  const position = new Map([[center, { x: 0, y: 0 }]]);
  for (const d of [...rings.keys()].sort((a, b) => a - b)) {
    if (d === 0) continue;
    const ring = rings.get(d);
    ring.sort((a, b) => {
      const byParent = (angle.get(parent.get(a.id)) ?? 0) - (angle.get(parent.get(b.id)) ?? 0);
      return d === 1 ? a.type.localeCompare(b.type) || a.label.localeCompare(b.label) : byParent || a.label.localeCompare(b.label);
    });
    // Rings grow with their crowd, so labels keep apart.
    const radius = Math.max(d * 10, ring.length * 1.6);
    ring.forEach((node, i) => {
      const a = (2 * Math.PI * i) / ring.length + (d % 2 ? 0 : Math.PI / ring.length);
      angle.set(node.id, a);
      position.set(node.id, { x: aspect * radius * Math.cos(a), y: radius * Math.sin(a) });
    });
  }
  return position;
}

/**
 * Draw the neighbourhood in `container`; `onPick(id)` is called when a node is clicked.
 * Returns {order, find(text), kill()}: `find` highlights the first node whose name contains
 * the text and returns its label (or null).
 */
export async function drawNeighbourhood(container, data, onPick) {
  const { graphology, Sigma } = await graphLibraries();
  const graph = new graphology.DirectedGraph();
  const most = Math.max(1, ...data.nodes.map((n) => n.articles));
  const aspect = Math.min(2, Math.max(1, container.clientWidth / Math.max(1, container.clientHeight)));
  const position = radialLayout(data.center, data.nodes, data.edges, aspect);
  for (const node of data.nodes) {
    const centre = node.id === data.center;
    graph.addNode(node.id, {
      label: node.label,
      type: "circle",
      kind: node.type,
      ...position.get(node.id),
      size: centre ? 16 : 5 + 10 * Math.sqrt(node.articles / most),
      color: colourOf(node.type),
      forceLabel: centre,
    });
  }
  // Claims of several relations between the same two entities make one edge, labelled with all.
  for (const e of data.edges) {
    if (!graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
    const key = `${e.source}→${e.target}`;
    if (graph.hasEdge(key)) {
      graph.updateEdgeAttributes(key, (a) => ({ ...a, label: `${a.label}, ${e.relation}`, count: a.count + e.count }));
    } else {
      graph.addEdgeWithKey(key, e.source, e.target, { label: e.relation, count: e.count, type: "arrow" });
    }
  }
  graph.forEachEdge((key, attributes) => {
    graph.setEdgeAttribute(key, "size", Math.min(5, 1 + Math.log2(attributes.count)));
    graph.setEdgeAttribute(key, "color", EDGE);
  });

  let focus = null; // the hovered or found node: the rest fade
  let found = null; // the node the search box found, focused again after a hover
  const renderer = new Sigma(graph, container, {
    renderEdgeLabels: true,
    defaultEdgeType: "arrow",
    labelRenderedSizeThreshold: 5,
    labelFont: "system-ui, sans-serif",
    edgeLabelFont: "system-ui, sans-serif",
    edgeLabelSize: 11,
    edgeLabelColor: { color: "#475569" },
    zIndex: true,
    nodeReducer(node, attributes) {
      if (!focus || node === focus) return node === focus ? { ...attributes, highlighted: true, forceLabel: true, zIndex: 2 } : attributes;
      if (graph.areNeighbors(node, focus)) return { ...attributes, forceLabel: true, zIndex: 1 };
      return { ...attributes, color: DIMMED, label: "", zIndex: 0 };
    },
    edgeReducer(edge, attributes) {
      if (!focus) return attributes;
      if (graph.hasExtremity(edge, focus)) return { ...attributes, color: "#334155", forceLabel: true, zIndex: 1 };
      return { ...attributes, hidden: true };
    },
  });

  const refocus = (node) => {
    focus = node;
    renderer.refresh({ skipIndexation: true });
  };
  renderer.on("enterNode", ({ node }) => {
    container.style.cursor = "pointer";
    refocus(node);
  });
  renderer.on("leaveNode", () => {
    container.style.cursor = "";
    refocus(found);
  });
  renderer.on("clickNode", ({ node }) => onPick(node));

  return {
    order: graph.order,
    find(text) {
      const wanted = text.trim().toLowerCase();
      found = wanted ? graph.findNode((_, a) => a.label.toLowerCase().includes(wanted)) || null : null;
      refocus(found);
      if (found) {
        // Centre it at the present zoom: in a big graph it may be off screen.
        const shown = renderer.getNodeDisplayData(found);
        renderer.getCamera().animate({ x: shown.x, y: shown.y }, { duration: 400 });
      } else {
        renderer.getCamera().animatedReset({ duration: 300 });
      }
      return found ? graph.getNodeAttribute(found, "label") : null;
    },
    kill() {
      renderer.kill();
    },
  };
}
