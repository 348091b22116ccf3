// Drawing the conversation: messages, result cards with their evidence and record links, the
// date chart, and download menus.

import { dateChart } from "./chart.js";

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/** An element holding a reader's or a catalogue's words, in whatever script: its direction
 * follows its text (dir="auto"), so Hebrew reads right to left beside Latin. */
function words(tag, className, text) {
  const node = element(tag, className, text);
  node.dir = "auto";
  return node;
}

function titleCase(text) {
  return text.replace(/\b\p{L}/gu, (letter) => letter.toUpperCase());
}

function dates(candidate) {
  const { date_start: start, date_end: end } = candidate;
  if (start == null) return "undated";
  return end == null || end === start ? String(start) : `${start}–${end}`;
}

function place(candidate) {
  const { place_raw: raw, place_norm: norm } = candidate;
  if (raw && norm && !raw.toLowerCase().includes(norm.toLowerCase())) return `${raw} [${titleCase(norm)}]`;
  return raw || (norm ? titleCase(norm) : null);
}

function evidenceTable(evidence) {
  const details = element("details", "evidence");
  details.appendChild(element("summary", null, `Why it matched (${evidence.length})`));
  const table = element("table");
  const head = table.createTHead().insertRow();
  for (const name of ["Field", "Matched value", "MARC source"]) {
    const cell = element("th", null, name);
    cell.scope = "col";
    head.appendChild(cell);
  }
  const body = table.createTBody();
  for (const fact of evidence) {
    const row = body.insertRow();
    row.insertCell().textContent = fact.label ?? fact.field.replaceAll("_", " ");
    const matched = row.insertCell();
    matched.dir = "auto";
    matched.textContent = fact.matched_against ?? String(fact.value ?? "");
    row.insertCell().textContent = fact.source ?? "—";
  }
  details.appendChild(table);
  return details;
}

/** The record page's address (scripts/records/view.py address()). */
export function recordAddress(recordId) {
  return `/records/${encodeURIComponent(recordId)}`;
}

function card(candidate, number) {
  const item = element("li", "card");
  const title = element("h3", "card-title");
  if (number) title.appendChild(element("span", "card-number", `${number}. `));
  const link = words("a", "record-link", candidate.title || "[untitled]");
  link.href = recordAddress(candidate.record_id);
  link.target = "_blank";
  link.rel = "noopener";
  title.appendChild(link);
  item.appendChild(title);
  const facts = element("dl", "card-facts");
  const rows = [
    ["Author", candidate.author],
    ["Date", dates(candidate)],
    ["Place", place(candidate)],
    ["Printer", candidate.publisher],
  ];
  for (const [label, value] of rows) {
    if (!value) continue;
    facts.append(element("dt", null, label), words("dd", null, value));
  }
  item.appendChild(facts);
  if (candidate.evidence && candidate.evidence.length) item.appendChild(evidenceTable(candidate.evidence));
  return item;
}

/** The first result number on the page: "Showing 11–20" or "#2 Title". */
function firstNumber(text) {
  const match = /Showing (\d+)/.exec(text) || /^#(\d+)/.exec(text);
  return match ? Number(match[1]) : null;
}

/** Formats of records, as the export routes name them, in a reader's words. */
export const RECORD_FORMATS = [
  ["ris", "RIS (EndNote, Zotero, Mendeley)"],
  ["bibtex", "BibTeX"],
  ["csl-json", "CSL-JSON"],
  ["csv", "CSV (spreadsheet)"],
  ["marcxml", "MARCXML"],
];

/** A "Download" menu: one button per [format, name]; picking one calls pick(format). */
export function downloadMenu(label, formats, pick) {
  const menu = element("details", "downloads");
  menu.appendChild(element("summary", null, label));
  const list = element("div", "download-menu");
  for (const [format, name] of formats) {
    const button = element("button", "download", name);
    button.type = "button";
    button.dataset.format = format;
    button.addEventListener("click", () => {
      menu.open = false;
      pick(format);
    });
    list.appendChild(button);
  }
  menu.appendChild(list);
  return menu;
}

/** A user or assistant message as a list item; yearCounts (all matches) feed the chart; with
 * downloadAnswer(messageId, format), an answer with results offers them for download. */
export function messageView(message, yearCounts, downloadAnswer) {
  const item = element("article", `message ${message.role}`);
  item.setAttribute("aria-label", message.role === "user" ? "You said" : "Colophon answered");
  const results = message.candidate_set;
  const candidates = results ? results.candidates : [];
  const lines = message.content.split("\n");
  const isList = candidates.length > 0 && /^\d+\. /.test(lines[1] || "");
  item.appendChild(words("div", "text", isList ? lines[0] : message.content));
  if (!candidates.length) return item;
  if (isList) {
    const counts = yearCounts || candidates.filter((c) => c.date_start != null).map((c) => [c.date_start, 1]);
    const what = yearCounts ? `all ${results.total_count} matches` : "the results shown";
    const chart = dateChart(counts, what);
    if (chart) item.appendChild(chart);
  }
  const start = firstNumber(message.content);
  const list = element("ol", "cards");
  candidates.forEach((candidate, i) => list.appendChild(card(candidate, start && start + i)));
  item.appendChild(list);
  if (downloadAnswer && message.message_id) {
    const count = results.total_count === 1 ? "the result" : `all ${results.total_count} results`;
    item.appendChild(downloadMenu(`Download ${count}`, RECORD_FORMATS, (format) => downloadAnswer(message.message_id, format)));
  }
  return item;
}

/** Follow-up chips; clicking one calls send(text). */
export function chips(container, suggestions, send) {
  container.replaceChildren();
  for (const text of suggestions) {
    const chip = words("button", "chip", text);
    chip.type = "button";
    chip.addEventListener("click", () => send(text));
    container.appendChild(chip);
  }
}

export { element, words };
