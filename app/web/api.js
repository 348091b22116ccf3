// Talking to the Colophon API: the bearer token (if any), JSON errors, and downloads.

const TOKEN_KEY = "colophon.token";

/** Keep a token passed as #token=... once, then drop it from the address bar. */
export function adoptTokenFromUrl() {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get("token");
  if (token) {
    localStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, "", location.pathname + location.search);
  }
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Send a request; resolves to the Response when it is ok, rejects with ApiError. */
async function send(method, path, body) {
  const headers = { Accept: "application/json" };
  const token = localStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "offline", "The server cannot be reached. Is colophon serve running?");
  }
  if (response.ok) return response;
  const data = await response.json().catch(() => null);
  const error = data && data.error ? data.error : { code: "http_error", message: response.statusText };
  if (response.status === 401) {
    localStorage.removeItem(TOKEN_KEY);
    error.message += " — open this page with #token=… from `colophon token --user NAME`.";
  }
  throw new ApiError(response.status, error.code, error.message);
}

/** Call the API; resolves to the parsed JSON (null for 204), rejects with ApiError. */
export async function api(method, path, body) {
  const response = await send(method, path, body);
  return response.status === 204 ? null : response.json();
}

/** The file name a response's Content-Disposition gives (filename*, else filename). */
function fileName(response) {
  const header = response.headers.get("Content-Disposition") || "";
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (encoded) return decodeURIComponent(encoded[1]);
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain ? plain[1] : "colophon-export";
}

/** Fetch a file the API makes (with the token) and save it under the server's name. */
export async function download(path) {
  const response = await send("GET", path);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName(response);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
