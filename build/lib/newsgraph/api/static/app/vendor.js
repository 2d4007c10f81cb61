// The vendored libraries, loaded on first use as classic scripts (each defines one global).
// Paths are those scripts/vendor.sh writes under newsgraph/api/static/vendor/.

const VENDOR = "static/vendor/";
const loaded = new Map();

function once(url, make) {
  if (!loaded.has(url)) {
    loaded.set(
      url,
      new Promise((resolve, reject) => {
        const element = make(new URL(VENDOR + url, document.baseURI).href);
        element.addEventListener("load", resolve);
        element.addEventListener("error", () => {
          loaded.delete(url); // let a later visit try again
          reject(new Error(`could not load ${VENDOR}${url}`));
        });
        document.head.append(element);
      }),
    );
  }
  return loaded.get(url);
}

function script(url) {
  return once(url, (href) => Object.assign(document.createElement("script"), { src: href }));
}

function style(url) {
  return once(url, (href) => Object.assign(document.createElement("link"), { rel: "stylesheet", href }));
}

/** graphology and sigma: {graphology, Sigma}. */
export async function graphLibraries() {
  await script("graphology/dist/graphology.umd.min.js");
  await script("sigma/dist/sigma.min.js");
  return { graphology: window.graphology, Sigma: window.Sigma };
}

/** vis-timeline (standalone): the `vis` namespace. */
export async function timelineLibrary() {
  await Promise.all([
    script("vis-timeline/standalone/umd/vis-timeline-graph2d.min.js"),
    style("vis-timeline/styles/vis-timeline-graph2d.min.css"),
  ]);
  return window.vis;
}

/** Yasgui (editor and results): the `Yasgui` class. */
export async function yasguiLibrary() {
  await Promise.all([script("yasgui/build/yasgui.min.js"), style("yasgui/build/yasgui.min.css")]);
  return window.Yasgui;
}
