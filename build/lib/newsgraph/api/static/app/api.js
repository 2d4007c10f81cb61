// The JSON API: one fetch wrapper, the write token, and every error as one line.

const TOKEN_KEY = "newsgraph.token";
// How often a rejected token is asked for again before the request gives up.
const TOKEN_TRIES = 2;
const LINE_LIMIT = 300;

/** An API error: the HTTP status (0 when the server cannot be reached) and its one-line detail. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.name = "ApiError";
    this.status = status;
  }
}

/** The error's message as one line, for the page. */
export function errorText(error) {
  const text = String(error && error.message ? error.message : error).replace(/\s+/g, " ").trim();
  return text.length > LINE_LIMIT ? `${text.slice(0, LINE_LIMIT - 1)}…` : text;
}

/** True for the error a fetch throws when the view that started it was left. */
export function isAbort(error) {
  return error && error.name === "AbortError";
}

/** An API URL relative to the page (so a proxy prefix is kept), with the non-empty params. */
export function apiUrl(path, params = {}) {
  const url = new URL(path, document.baseURI);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(name, value);
  }
  return url;
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The Authorization header for the kept token, if any. */
export function authHeaders() {
  const kept = token();
  return kept ? { Authorization: `Bearer ${kept}` } : {};
}

/**
 * Send a request and read its JSON: `{status, data}`; throws ApiError with the server's detail.
 * `json` is sent as a JSON body, `form` as multipart. A write asks for the write token first
 * when the tab has none (every server has one), and again when the server refuses it.
 */
export async function request(method, path, { params, json, form, write = false, signal } = {}) {
  if (write && !token()) await askToken("Changing the store needs this server's write token.");
  for (let tries = 0; ; tries += 1) {
    const headers = { Accept: "application/json", ...authHeaders() };
    let body;
    if (json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(json);
    } else if (form !== undefined) {
      body = form;
    }
    let response;
    try {
      response = await fetch(apiUrl(path, params), { method, headers, body, signal });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiError(0, `the server cannot be reached (${errorText(error)})`);
    }
    const refused = response.status === 401 || (write && response.status === 403);
    if (refused && tries < TOKEN_TRIES) {
      await askToken(await detailOf(response));
      continue;
    }
    if (!response.ok) throw new ApiError(response.status, await detailOf(response));
    return { status: response.status, data: await response.json() };
  }
}

/** GET a JSON resource. */
export async function getJson(path, params = {}, signal = undefined) {
  return (await request("GET", path, { params, signal })).data;
}

/** The one-line detail of an error response: its JSON `detail`, else its text or status. */
async function detailOf(response) {
  const text = await response.text();
  let detail = text;
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed.detail === "string") detail = parsed.detail;
  } catch {
    // not JSON: the text itself, as a proxy or a crash would send it
  }
  return errorText(detail || `${response.status} ${response.statusText}`);
}

let asking = null; // the open token dialog's promise: requests refused together share it

/** Ask for the write token in the page's dialog; keeps it for this tab. Throws when cancelled. */
export function askToken(reason) {
  if (asking) return asking;
  const dialog = document.getElementById("token-dialog");
  const input = document.getElementById("token-input");
  document.getElementById("token-reason").textContent = reason;
  input.value = "";
  asking = new Promise((resolve, reject) => {
    dialog.addEventListener(
      "close",
      () => {
        asking = null;
        const given = input.value.trim();
        input.value = "";
        if (dialog.returnValue === "save" && given) {
          sessionStorage.setItem(TOKEN_KEY, given);
          resolve(given);
        } else {
          reject(new ApiError(401, "no write token was given; nothing was changed"));
        }
      },
      { once: true },
    );
    dialog.returnValue = "";
    dialog.showModal();
  });
  return asking;
}
