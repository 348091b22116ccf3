// The chat page: send messages, show answers, switch between the reader's sessions, download
// and share what a conversation found.

import { facetChips, facetsPath, facetsToAsk, retire, showAnswer } from "./answers.js";
import { adoptTokenFromUrl, api, download } from "./api.js";
import { RECORD_FORMATS, chips, downloadMenu, element, messageView } from "./render.js";
import { refreshSidebar } from "./sidebar.js";

const $ = (id) => document.getElementById(id);
const state = { sessionId: null, busy: false };

function say(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
}

function failed(error) {
  say(error.message, true);
}

function showTitle(title) {
  $("session-title").textContent = title || "";
  document.title = title ? `${title} · Colophon` : "Colophon";
  $("conversation-actions").hidden = !state.sessionId;
  closeSharePanel();
}

function downloadAnswer(messageId, format) {
  say("Preparing the download…");
  download(`/sessions/${state.sessionId}/messages/${messageId}/export?format=${format}`)
    .then(() => say(""), failed);
}

function downloadConversation(format) {
  say("Preparing the download…");
  download(`/sessions/${state.sessionId}/export?format=${format}`).then(() => say(""), failed);
}

function closeSharePanel() {
  $("share-panel").hidden = true;
  $("share").setAttribute("aria-expanded", "false");
}

async function toggleShare() {
  if (!$("share-panel").hidden) {
    closeSharePanel();
    return;
  }
  try {
    const link = await api("POST", `/sessions/${state.sessionId}/share`);
    $("share-link").value = link.url;
    $("share-panel").hidden = false;
    $("share").setAttribute("aria-expanded", "true");
    $("share-link").select();
    say("Anyone with the link can read this conversation.");
  } catch (error) {
    failed(error);
  }
}

async function copyShare() {
  $("share-link").select();
  try {
    await navigator.clipboard.writeText($("share-link").value);
    say("Link copied.");
  } catch {
    say("Select the link and copy it (Ctrl+C or ⌘C).");
  }
}

async function revokeShare() {
  try {
    await api("DELETE", `/sessions/${state.sessionId}/share`);
    closeSharePanel();
    $("share").focus();
    say("Sharing stopped: the link no longer opens this conversation.");
  } catch (error) {
    failed(error);
  }
}

function append(node) {
  $("welcome").hidden = true;
  $("conversation").appendChild(node);
  node.scrollIntoView({ block: "start", behavior: "smooth" });
}

const actions = {
  open: openSession,
  renamed(session) {
    if (session.session_id === state.sessionId) showTitle(session.title);
    sidebar().then(() => focusSession(session.session_id));
  },
  deleted(id) {
    if (id === state.sessionId) newChat();
    sidebar();
    say("Conversation deleted.");
  },
  failed,
};

function sidebar() {
  return refreshSidebar($("session-list"), $("no-sessions"), state.sessionId, actions).catch(failed);
}

function focusSession(id) {
  const button = document.querySelector(`[data-session-id="${CSS.escape(id)}"] .session-open`);
  if (button) button.focus();
}

async function send(text) {
  const message = text.trim();
  if (!message || state.busy) return;
  state.busy = true;
  $("send").disabled = true;
  $("followups").replaceChildren();
  say("Searching the catalogue…");
  append(messageView({ role: "user", content: message }));
  try {
    const body = state.sessionId ? { session_id: state.sessionId, message } : { message };
    const response = await api("POST", "/chat", body);
    const opened = response.session_id !== state.sessionId;
    state.sessionId = response.session_id;
    const view = messageView(
      {
        role: "assistant",
        content: response.message,
        candidate_set: response.candidate_set,
        message_id: response.metadata.message_id,
      },
      response.metadata.year_counts,
      downloadAnswer,
    );
    showAnswer(view, response, send);
    retire($("conversation"));
    append(view);
    chips($("followups"), response.suggested_followups, send);
    showFacets(view, response);
    say("");
    if (opened) {
      showTitle(message);
      await sidebar();
    }
  } catch (error) {
    failed(error);
  } finally {
    state.busy = false;
    $("send").disabled = false;
    $("message").focus();
  }
}

/** The facets of a list answer's search, fetched once it is drawn, as chips in it. */
function showFacets(view, response) {
  const names = facetsToAsk(view, response);
  if (!names.length) return;
  api("GET", facetsPath(state.sessionId, response.metadata.message_id, names))
    .then((rankings) => facetChips(view, rankings, send), failed);
}

async function openSession(id, title, before) {
  try {
    const query = before ? `?limit=50&before=${before}` : "?limit=50";
    const page = await api("GET", `/sessions/${id}/messages${query}`);
    if (!before) {
      state.sessionId = id;
      $("conversation").replaceChildren($("welcome"));
      $("followups").replaceChildren();
      showTitle(title);
      closeSidebarOnPhone();
    }
    const views = page.messages.map((m) => messageView(m, undefined, downloadAnswer));
    $("welcome").hidden = true;
    const earlier = $("conversation").querySelector(".earlier");
    if (earlier) earlier.remove();
    $("welcome").after(...views);
    if (page.next_before) {
      const more = element("button", "earlier", "Show earlier messages");
      more.type = "button";
      more.addEventListener("click", () => openSession(id, title, page.next_before));
      $("welcome").after(more);
    }
    if (!before && views.length) views[views.length - 1].scrollIntoView({ block: "end" });
    await sidebar();
    say("");
    $("message").focus();
  } catch (error) {
    failed(error);
  }
}

function newChat() {
  state.sessionId = null;
  $("conversation").replaceChildren($("welcome"));
  $("welcome").hidden = false;
  $("followups").replaceChildren();
  showTitle("");
  say("");
  sidebar();
  closeSidebarOnPhone();
  $("message").focus();
}

function setSidebarOpen(open) {
  document.body.classList.toggle("sidebar-open", open);
  if (open) $("new-chat").focus();
  $("toggle-sidebar").setAttribute("aria-expanded", String(open));
  $("toggle-sidebar").setAttribute("aria-label", open ? "Hide conversations" : "Show conversations");
}

function closeSidebarOnPhone() {
  if (document.body.classList.contains("sidebar-open")) setSidebarOpen(false);
}

function wire() {
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("message").value;
    $("message").value = "";
    send(text);
  });
  $("message").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
  $("new-chat").addEventListener("click", newChat);
  const formats = [...RECORD_FORMATS, ["markdown", "Conversation (Markdown)"], ["json", "Conversation (JSON)"]];
  $("conversation-actions").prepend(downloadMenu("Download", formats, downloadConversation));
  $("share").addEventListener("click", toggleShare);
  $("copy-share").addEventListener("click", copyShare);
  $("revoke-share").addEventListener("click", revokeShare);
  $("close-sidebar").addEventListener("click", () => {
    setSidebarOpen(false);
    $("toggle-sidebar").focus();
  });
  $("toggle-sidebar").addEventListener("click", () => {
    setSidebarOpen(!document.body.classList.contains("sidebar-open"));
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeSidebarOnPhone();
  });
  for (const chip of document.querySelectorAll("#welcome [data-say]")) {
    chip.addEventListener("click", () => send(chip.dataset.say));
  }
}

adoptTokenFromUrl();
wire();
sidebar();
$("message").focus();
