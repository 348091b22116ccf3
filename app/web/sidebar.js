// The sidebar: the reader's sessions, newest first, to reopen, rename or delete.

import { api } from "./api.js";
import { element, words } from "./render.js";

const PAGE = 50;

function label(session) {
  return session.title || "Untitled chat";
}

/** Draw the list; actions is {open(id), renamed(session), deleted(id), failed(error)}. */
export async function refreshSidebar(list, empty, currentId, actions) {
  const page = await api("GET", `/sessions?limit=${PAGE}`);
  list.replaceChildren(...page.sessions.map((s) => entry(s, s.session_id === currentId, actions)));
  empty.hidden = page.sessions.length > 0;
}

function entry(session, current, actions) {
  const item = element("li", "session");
  item.dataset.sessionId = session.session_id;
  const open = words("button", "session-open", label(session));
  open.type = "button";
  if (current) open.setAttribute("aria-current", "true");
  open.addEventListener("click", () => actions.open(session.session_id, label(session)));
  const rename = element("button", "icon-button", "✎");
  rename.type = "button";
  rename.setAttribute("aria-label", `Rename “${label(session)}”`);
  rename.title = "Rename";
  rename.addEventListener("click", () => startRename(item, open, session, actions));
  const remove = element("button", "icon-button", "×");
  remove.type = "button";
  remove.setAttribute("aria-label", `Delete “${label(session)}”`);
  remove.title = "Delete";
  remove.addEventListener("click", async () => {
    if (!confirm(`Delete “${label(session)}” and all its messages?`)) return;
    try {
      await api("DELETE", `/sessions/${session.session_id}`);
      actions.deleted(session.session_id);
    } catch (error) {
      actions.failed(error);
    }
  });
  item.append(open, rename, remove);
  return item;
}

function startRename(item, open, session, actions) {
  const input = words("input", "rename");
  input.value = session.title || "";
  input.maxLength = 200;
  input.setAttribute("aria-label", "New title; Enter saves, Escape cancels");
  open.replaceWith(input);
  input.focus();
  input.select();
  let done = false;
  const finish = async (save) => {
    if (done) return;
    done = true;
    const title = input.value.trim();
    if (save && title && title !== session.title) {
      try {
        actions.renamed(await api("PATCH", `/sessions/${session.session_id}`, { title }));
        return;
      } catch (error) {
        actions.failed(error);
      }
    }
    input.replaceWith(open);
    open.focus();
  };
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") finish(true);
    if (event.key === "Escape") finish(false);
  });
  input.addEventListener("blur", () => finish(true));
}
