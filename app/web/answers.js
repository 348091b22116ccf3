// Answers that are more than a list: a ranking drawn as bars that refine the search, a count as
// its number, a result list's order control, and the facets of its search as chips. Each sends
// the reader's next message as a phrase the chat understands; only the latest answer's do.

import { element } from "./render.js";

// Orders a list can be put in: [sort key, descending, label, what to send].
export const ORDERS = [
  ["date", false, "Date, oldest first", "sort by date"],
  ["date", true, "Date, newest first", "sort by date descending"],
  ["title", false, "Title, A–Z", "sort by title"],
  ["title", true, "Title, Z–A", "sort by title descending"],
  ["author", false, "Author, A–Z", "sort by author"],
  ["author", true, "Author, Z–A", "sort by author descending"],
];
// The facets offered as chips, with the filter field that, fixed by the search, leaves the
// facet nothing to narrow (scripts/query/facets.py reads each value as a filter on that field).
export const CHIP_FACETS = [
  ["place", "Place", "imprint_place"],
  ["language", "Language", "language"],
  ["century", "Century", "year"],
  ["printer", "Printer", "publisher"],
];
const CHIPS_PER_FACET = 5;

function books(count) {
  return count === 1 ? "1 book" : `${count.toLocaleString("en")} books`;
}

/** A ranking's values as bars, each a button sending its follow-up. */
function rankingChart(answer, send) {
  const figure = element("figure", "ranking");
  const list = element("ol", "bars");
  const most = Math.max(...answer.rows.map((row) => row.count), 1);
  for (const row of answer.rows) {
    const item = element("li");
    const bar = element("button", "bar-button");
    bar.type = "button";
    bar.title = row.refine;
    bar.dataset.refine = row.refine;
    const fill = element("span", "bar-fill");
    fill.style.width = `${(100 * row.count) / most}%`;
    const track = element("span", "bar-track");
    track.appendChild(fill);
    const count = element("span", "bar-count", row.count.toLocaleString("en"));
    count.appendChild(element("span", "visually-hidden", row.count === 1 ? " book" : " books"));
    bar.append(element("span", "bar-label", row.value), track, count);
    bar.addEventListener("click", () => send(row.refine));
    item.appendChild(bar);
    list.appendChild(item);
  }
  figure.append(list, element("figcaption", null, "Choose a value to see its books."));
  return figure;
}

/** A count as its number, then what it counted ("63", "books match: language is Latin."). */
function tally(text, answer, message) {
  const number = answer.total.toLocaleString("en");
  const rest = message.startsWith(`${number} `) ? message.slice(number.length + 1) : message;
  text.replaceChildren(element("span", "tally-number", number), element("span", "tally-what", rest));
  text.classList.add("tally");
}

/** The order a plan lists its books in, as an ORDERS entry; null when ranked by relevance. */
function orderOf(plan) {
  const keywords = plan.filters.some((f) => f.field === "keyword" && !f.negate);
  if (!plan.sort && keywords) return null;
  const key = plan.sort || "date";
  return ORDERS.find(([sort, descending]) => sort === key && descending === plan.descending);
}

/** A select showing the list's order; choosing another sends its phrase. */
function orderControl(plan, send) {
  const label = element("label", "order");
  label.appendChild(element("span", null, "Order: "));
  const select = element("select", "order-select");
  const current = orderOf(plan);
  if (!current) {
    const best = element("option", null, "Best match first");
    best.value = "";
    best.disabled = true;
    best.selected = true;
    select.appendChild(best);
  }
  for (const order of ORDERS) {
    const option = element("option", null, order[2]);
    option.value = order[3];
    option.selected = order === current;
    select.appendChild(option);
  }
  select.addEventListener("change", () => send(select.value));
  label.appendChild(select);
  return label;
}

/** Draw what the typed answer adds to its message's view (a chart, a number, an order). */
export function showAnswer(view, response, send) {
  const text = view.querySelector(".text");
  const answer = response.answer;
  if (answer && answer.kind === "ranking" && answer.rows.length) {
    const lines = response.message.split("\n");
    text.textContent = [lines[0], ...lines.slice(1 + answer.rows.length)].join("\n");
    text.after(rankingChart(answer, send));
  } else if (answer && answer.kind === "count") {
    tally(text, answer, response.message);
  }
  if (isList(view, response)) text.after(orderControl(response.query_plan, send));
}

/** Whether the view shows a list of several books that an order or a facet could change. */
function isList(view, response) {
  const found = response.candidate_set;
  const plan = response.query_plan;
  return Boolean(found && found.total_count > 1 && plan && plan.top == null && view.querySelector(".cards"));
}

/** The facets to offer for a list answer: those its search does not fix already. */
export function facetsToAsk(view, response) {
  if (!isList(view, response)) return [];
  const fixed = new Set(response.query_plan.filters.filter((f) => !f.negate).map((f) => f.field));
  return CHIP_FACETS.filter(([, , field]) => !fixed.has(field)).map(([name]) => name);
}

/** Chips for each facet's values that narrow the results; each sends its follow-up. */
export function facetChips(view, rankings, send) {
  if (view.dataset.retired) return;
  const group = element("div", "facets");
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", "Narrow these results");
  for (const ranking of rankings) {
    const useful = ranking.rows.filter((row) => row.count > 0 && row.count < ranking.total);
    if (!useful.length) continue;
    const [, name] = CHIP_FACETS.find(([facet]) => facet === ranking.facet);
    const values = element("div", "facet-values");
    for (const value of useful) {
      const chip = element("button", "chip facet-chip", `${value.value} `);
      chip.type = "button";
      chip.title = `${value.refine} (${books(value.count)})`;
      chip.appendChild(element("span", "chip-count", value.count.toLocaleString("en")));
      chip.addEventListener("click", () => send(value.refine));
      values.appendChild(chip);
    }
    const row = element("div", "facet");
    row.append(element("span", "facet-name", name), values);
    group.appendChild(row);
  }
  if (group.children.length) view.querySelector(".text").after(group);
}

/** The path of the facets route for the answer ``messageId`` of ``sessionId``. */
export function facetsPath(sessionId, messageId, names) {
  return `/sessions/${sessionId}/messages/${messageId}/facets?names=${names.join(",")}&top=${CHIPS_PER_FACET}`;
}

/** Earlier answers keep their charts and order, but only the latest answer's controls act. */
export function retire(conversation) {
  for (const view of conversation.querySelectorAll(".message.assistant:not([data-retired])")) {
    view.dataset.retired = "true";
    for (const control of view.querySelectorAll(".bar-button, .order-select")) control.disabled = true;
    for (const chips of view.querySelectorAll(".facets")) chips.remove();
  }
}
