// Ingest (#/ingest): paste an article or upload files; each becomes a job whose progress is shown.

import { errorText, getJson, isAbort, request } from "../api.js";
import { articleHref, field, fill, h } from "../dom.js";
import { FINISHED, jobSummary, watchJob } from "../jobs.js";

export const title = "Ingest";

// The jobs started in this tab, newest first, so coming back to the view shows them again.
const JOBS_KEY = "newsgraph.ingest-jobs";
const JOBS_KEPT = 20;
const FORMATS = ".txt,.md,.markdown,.html,.htm,.json,.jsonl,.rss,.atom,.xml";
// New articles a finished job links by title (the rest by id).
const TITLED = 10;

export async function render(root, route) {
  const jobs = h("ul", { id: "jobs", class: "plain jobs", "aria-live": "polite" });

  /** Show a job's row and, unless it is finished, keep it up to date. */
  async function follow(job, label) {
    const row = h("li", { class: "job" });
    jobs.prepend(row);
    drawJob(row, job, label);
    let last = job;
    if (job.job_id && !FINISHED.has(job.state)) {
      try {
        last = await watchJob(job.job_id, (now) => drawJob(row, now, label), route.signal);
      } catch (error) {
        if (!isAbort(error)) drawJob(row, { ...job, state: "failed", error: errorText(error) }, label);
        return;
      }
    }
    const ids = ((last && last.result && last.result.article_ids) || []).slice(0, TITLED);
    if (ids.length) drawJob(row, last, label, await titles(ids, route.signal));
  }

  /**
   * POST one article or file; resolves once the server answered (with whether it took the
   * article), while its job is followed.
   */
  async function send(label, options) {
    try {
      const { data } = await request("POST", "articles", { params: { wait: "false" }, write: true, ...options });
      keep(data.job_id);
      follow(asJob(data, label), label);
      return true;
    } catch (error) {
      if (!isAbort(error)) follow({ job_id: null, kind: "ingest", origin: label, state: "failed", error: errorText(error) }, label);
      return false;
    }
  }

  const text = h("textarea", { id: "ingest-text", rows: 10, required: true });
  const titleInput = h("input", { id: "ingest-title", type: "text" });
  const source = h("input", { id: "ingest-source", type: "text" });
  const published = h("input", { id: "ingest-published", type: "date" });
  const pasteButton = h("button", { id: "ingest-go", type: "submit" }, "Ingest text");
  const paste = h(
    "form",
    {
      class: "ingest-form",
      "aria-labelledby": "paste-title",
      onsubmit: async (event) => {
        event.preventDefault();
        const body = { text: text.value, title: titleInput.value.trim(), source: source.value.trim(), published: published.value };
        for (const key of ["title", "source", "published"]) if (!body[key]) delete body[key];
        pasteButton.disabled = true;
        try {
          if (await send(body.title || "pasted text", { json: body })) {
            text.value = "";
            titleInput.value = "";
          }
        } finally {
          pasteButton.disabled = false;
        }
      },
    },
    h("h2", { id: "paste-title" }, "Paste an article"),
    field("Text", text, "A short first line without a final period is taken as the title when none is given."),
    h("div", { class: "filters" }, field("Title", titleInput), field("Publisher", source), field("Published", published)),
    h("div", { class: "actions" }, pasteButton),
  );

  const files = h("input", { id: "ingest-files", type: "file", multiple: true, accept: FORMATS, required: true });
  const uploadButton = h("button", { id: "ingest-upload", type: "submit" }, "Upload");
  const upload = h(
    "form",
    {
      class: "ingest-form",
      "aria-labelledby": "upload-title",
      onsubmit: async (event) => {
        event.preventDefault();
        const chosen = [...files.files];
        uploadButton.disabled = true;
        try {
          // One request per file, in turn (the server queues them); their jobs run meanwhile.
          for (const file of chosen) {
            const form = new FormData();
            form.append("file", file, file.name);
            await send(file.name, { form });
          }
          files.value = "";
        } finally {
          uploadButton.disabled = false;
        }
      },
    },
    h("h2", { id: "upload-title" }, "Upload files"),
    field(
      "Files",
      files,
      "Plain text, Markdown with front matter, HTML, JSON or JSON Lines, RSS or Atom; each file is one job.",
    ),
    h("div", { class: "actions" }, uploadButton),
  );

  const feedUrl = h("input", { id: "feed-url", type: "url", required: true, placeholder: "https://example.com/rss.xml" });
  const every = h(
    "select",
    { id: "feed-every" },
    ["5m", "15m", "1h", "6h"].map((value) => h("option", { value, selected: value === "15m" }, value)),
  );
  const feedButton = h("button", { id: "feed-add", type: "submit" }, "Poll this feed");
  const feedList = h("ul", { id: "feeds", class: "plain" });
  const feedNote = h("p", { id: "feed-note", class: "muted", "aria-live": "polite" });
  async function listFeeds() {
    const { feeds } = await getJson("feeds", {}, route.signal);
    fill(
      feedList,
      feeds.length
        ? feeds.map((f) => h("li", { class: "feed" }, `${f.url} · every ${Math.round(f.every_seconds / 60) || 1} min`))
        : h("li", { class: "muted" }, "No feed is polled."),
    );
  }
  const feed = h(
    "form",
    {
      class: "ingest-form",
      "aria-labelledby": "feed-title",
      onsubmit: async (event) => {
        event.preventDefault();
        feedButton.disabled = true;
        fill(feedNote, "Reading the feed…");
        try {
          const { data } = await request("POST", "feeds", { json: { url: feedUrl.value.trim(), every: every.value }, write: true });
          fill(feedNote, `${data.queued} new entries queued; the feed is polled every ${every.value}.`);
          feedUrl.value = "";
          await listFeeds();
        } catch (error) {
          if (!isAbort(error)) fill(feedNote, h("span", { class: "error" }, errorText(error)));
        } finally {
          feedButton.disabled = false;
        }
      },
    },
    h("h2", { id: "feed-title" }, "Add a feed"),
    field("RSS or Atom feed", feedUrl, "Its new entries are queued as jobs (the overview lists them); it is polled until the server stops."),
    h("div", { class: "filters" }, field("Every", every)),
    h("div", { class: "actions" }, feedButton),
    feedNote,
    feedList,
  );

  root.append(
    h("h1", {}, "Ingest articles"),
    h("div", { class: "columns" }, paste, upload),
    feed,
    h("section", { "aria-labelledby": "jobs-title" }, h("h2", { id: "jobs-title" }, "Jobs"), jobs),
  );
  listFeeds().catch(() => {});

  // The jobs of earlier visits, oldest first so the newest ends on top.
  for (const id of kept().reverse()) {
    getJson(`jobs/${id}`, {}, route.signal)
      .then((job) => follow(job, job.origin))
      .catch(() => forget(id));
  }
}

/** A POST /articles answer as a job, as GET /jobs/<id> gives it. */
function asJob(posted, label) {
  const { job_id: jobId, state, error, ...result } = posted;
  return { job_id: jobId, kind: "ingest", origin: label, state, error, result };
}

/** The titles of these articles, by id; an article that cannot be read keeps its id. */
async function titles(ids, signal) {
  const read = await Promise.all(
    ids.map((id) => getJson(`articles/${encodeURIComponent(id)}`, {}, signal).catch(() => null)),
  );
  return new Map(read.filter(Boolean).map((a) => [a.id, a.title || a.id]));
}

function drawJob(row, job, label, named = new Map()) {
  row.dataset.state = job.state;
  if (job.job_id) row.dataset.job = job.job_id;
  const result = job.result || {};
  const failures = result.failures || [];
  const ids = result.article_ids || [];
  fill(
    row,
    h("span", { class: "state" }, job.state),
    " ",
    h("strong", {}, label || job.origin),
    job.job_id ? h("span", { class: "muted" }, ` job ${job.job_id}`) : null,
    h("span", { class: "job-summary" }, ` ${jobSummary(job)}`),
    job.state === "pending" && job.job_id
      ? [" ", h("button", { type: "button", class: "link", onclick: () => cancel(row, job, label) }, "Cancel")]
      : null,
    failures.length
      ? h("ul", { class: "failures" }, failures.map((f) => h("li", {}, `${f.origin}: ${f.message}`)))
      : null,
    ids.length
      ? h("ul", { class: "chips new-articles" }, ids.map((id) => h("li", {}, h("a", { href: articleHref(id) }, named.get(id) || id))))
      : null,
  );
}

async function cancel(row, job, label) {
  try {
    const { data } = await request("DELETE", `jobs/${job.job_id}`, { write: true });
    drawJob(row, data, label);
  } catch (error) {
    drawJob(row, { ...job, error: errorText(error) }, label);
  }
}

function kept() {
  try {
    const ids = JSON.parse(sessionStorage.getItem(JOBS_KEY) || "[]");
    return Array.isArray(ids) ? ids.filter(Number.isInteger) : [];
  } catch {
    return [];
  }
}

function keep(id) {
  sessionStorage.setItem(JOBS_KEY, JSON.stringify([id, ...kept().filter((k) => k !== id)].slice(0, JOBS_KEPT)));
}

function forget(id) {
  sessionStorage.setItem(JOBS_KEY, JSON.stringify(kept().filter((k) => k !== id)));
}
