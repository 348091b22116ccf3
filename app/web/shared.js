// A shared conversation, read-only: its messages and results, fetched from this same address.

import { api } from "./api.js";
import { messageView } from "./render.js";

const $ = (id) => document.getElementById(id);

async function show() {
  try {
    const shared = await api("GET", location.pathname);
    if (shared.title) {
      $("session-title").textContent = shared.title;
      document.title = `${shared.title} · Colophon`;
    }
    $("conversation").replaceChildren(...shared.messages.map((m) => messageView(m)));
  } catch (error) {
    $("status").textContent = error.message;
    $("status").classList.add("error");
  }
}

show();
