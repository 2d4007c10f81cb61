// A small horizontal bar chart (SVG) of a SPARQL result's first numeric column, labelled by the
// other columns: Yasr's chart plugin is not in the vendored build.

const SVG = "http://www.w3.org/2000/svg";
const NUMERIC_TYPES = /#(decimal|integer|int|long|short|byte|double|float|nonNegativeInteger|positiveInteger|unsignedInt|unsignedLong)$/;
const MAX_BARS = 40;
const BAR = 20;
const LABEL_WIDTH = 320;
const LABEL_CHARS = 44; // what fits LABEL_WIDTH at the chart's 12 px
const WIDTH = 760;

function isNumeric(term) {
  if (!term) return true; // an unbound cell does not make a column non-numeric
  if (term.type !== "literal" && term.type !== "typed-literal") return false;
  if (term.datatype && NUMERIC_TYPES.test(term.datatype)) return true;
  return !term.datatype && term.value.trim() !== "" && Number.isFinite(Number(term.value));
}

/**
 * The chart's data for SPARQL JSON results, or null when there is nothing to chart: the first
 * column whose every value is a number, each row labelled by the columns before it (by the
 * others when it is the first). Bars that would all be equal say nothing: no chart then either.
 */
export function chartData(results) {
  const vars = (results && results.head && results.head.vars) || [];
  const rows = (results && results.results && results.results.bindings) || [];
  if (!rows.length) return null;
  const column = vars.find((v) => rows.some((r) => r[v]) && rows.every((r) => isNumeric(r[v])));
  if (!column) return null;
  const before = vars.slice(0, vars.indexOf(column));
  const labels = before.length ? before : vars.filter((v) => v !== column);
  const bars = rows.slice(0, MAX_BARS).map((row) => ({
    label:
      labels
        .map((v) => row[v])
        .filter((t) => t && t.type !== "bnode")
        .map((t) => (t.type === "uri" ? t.value.split(/[/#]/).pop() : t.value))
        .join(" · ") || "(no label)",
    value: row[column] ? Number(row[column].value) : 0,
  }));
  if (bars.every((bar) => bar.value === bars[0].value)) return null;
  return { column, bars, more: rows.length - bars.length };
}

function svg(tag, attrs = {}, text = null) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  if (text !== null) element.textContent = text;
  return element;
}

function shorten(text, chars) {
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

/** The chart as an <svg> element. */
export function barChart({ column, bars }) {
  const height = bars.length * BAR + 24;
  const most = Math.max(...bars.map((b) => Math.abs(b.value)), 1e-9);
  const room = WIDTH - LABEL_WIDTH - 90;
  const chart = svg("svg", { viewBox: `0 0 ${WIDTH} ${height}`, role: "img", class: "bar-chart", "aria-label": `${column} by row` });
  chart.append(svg("title", {}, `${column} by row`));
  bars.forEach((bar, i) => {
    const y = i * BAR + 4;
    const width = Math.max(1, (Math.abs(bar.value) / most) * room);
    const row = svg("g", { class: "bar" });
    row.append(
      svg("title", {}, `${bar.label}: ${bar.value}`),
      svg("text", { x: LABEL_WIDTH - 8, y: y + BAR * 0.65, "text-anchor": "end" }, shorten(bar.label, LABEL_CHARS)),
      svg("rect", { x: LABEL_WIDTH, y: y + 2, width, height: BAR - 6, rx: 2, class: bar.value < 0 ? "negative" : "" }),
      svg("text", { x: LABEL_WIDTH + width + 6, y: y + BAR * 0.65, class: "value" }, new Intl.NumberFormat("en").format(bar.value)),
    );
    chart.append(row);
  });
  chart.append(svg("text", { x: LABEL_WIDTH, y: height - 4, class: "axis" }, column));
  return chart;
}
