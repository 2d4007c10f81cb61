// Ingest jobs: what they did, and waiting for one to finish.

import { getJson } from "./api.js";
import { number } from "./dom.js";

/** The states a job does not leave. */
export const FINISHED = new Set(["done", "failed", "cancelled"]);
const POLL_MS = 800;

/** A job's result in a few words: "1 article, 12 sentences, …" or its error. */
export function jobSummary(job) {
  if (job.error) return job.error;
  const result = job.result || {};
  if (job.kind === "delete") return job.state === "done" ? "deleted" : "";
  const counts = [
    ["articles", "article"],
    ["sentences", "sentence"],
    ["mentions", "mention"],
    ["entities", "entity"],
  ]
    .filter(([key]) => typeof result[key] === "number")
    .map(([key, one]) => `${number(result[key])} ${result[key] === 1 ? one : key}`);
  const failures = (result.failures || []).length;
  if (failures) counts.push(`${failures} failed`);
  return counts.join(", ");
}

/**
 * Poll a job until it is finished, calling onUpdate with each new reading; resolves with the
 * last one. Stops (resolving with the last reading) when the signal aborts.
 */
export async function watchJob(jobId, onUpdate, signal) {
  let job = null;
  for (;;) {
    if (signal && signal.aborted) return job;
    job = await getJson(`jobs/${jobId}`, {}, signal);
    onUpdate(job);
    if (FINISHED.has(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
