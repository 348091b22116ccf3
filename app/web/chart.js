// The date chart: publication years binned by century, or by decade when they span < 150 years.

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 320;
const HEIGHT = 120;
const AXIS = 18;
const MARGIN = 14; // room for the first and last axis labels

function ordinal(n) {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : { 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th";
  return `${n}${suffix}`;
}

/** [[year, count], ...] -> {unit, bins: [{label, count}]}, with empty bins between. */
export function binYears(yearCounts) {
  const years = yearCounts.map(([year]) => year);
  const byDecade = Math.max(...years) - Math.min(...years) < 150;
  const key = (year) => (byDecade ? Math.floor(year / 10) : Math.floor(year / 100) + 1);
  const counts = new Map();
  for (const [year, count] of yearCounts) counts.set(key(year), (counts.get(key(year)) || 0) + count);
  const first = key(Math.min(...years));
  const last = key(Math.max(...years));
  const bins = [];
  for (let k = first; k <= last; k += 1) {
    bins.push({ label: byDecade ? `${k * 10}s` : `${ordinal(k)} c.`, count: counts.get(k) || 0 });
  }
  return { unit: byDecade ? "decade" : "century", bins };
}

function svg(name, attributes, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

/** A <figure> with a bar chart of yearCounts, or null when there are no dates. */
export function dateChart(yearCounts, what) {
  if (!yearCounts || yearCounts.length === 0) return null;
  const { unit, bins } = binYears(yearCounts);
  const dated = bins.reduce((sum, bin) => sum + bin.count, 0);
  const most = Math.max(...bins.map((bin) => bin.count));
  const step = WIDTH / bins.length;
  const figure = document.createElement("figure");
  figure.className = "chart";
  const summary = bins.filter((b) => b.count).map((b) => `${b.label}: ${b.count}`).join(", ");
  const chart = svg("svg", {
    viewBox: `-${MARGIN} 0 ${WIDTH + 2 * MARGIN} ${HEIGHT}`,
    role: "img",
    "aria-label": `Publication dates by ${unit}: ${summary}`,
  });
  const labelEvery = Math.ceil(bins.length / 8);
  bins.forEach((bin, i) => {
    const height = bin.count ? Math.max(2, ((HEIGHT - AXIS - 12) * bin.count) / most) : 0;
    const x = i * step + step * 0.1;
    const bar = svg("rect", {
      x, y: HEIGHT - AXIS - height, width: step * 0.8, height, class: "bar",
    });
    bar.appendChild(svg("title", {}, `${bin.label}: ${bin.count}`));
    chart.appendChild(bar);
    if (bin.count) {
      chart.appendChild(svg("text", {
        x: x + step * 0.4, y: HEIGHT - AXIS - height - 3, class: "count", "text-anchor": "middle",
      }, String(bin.count)));
    }
    if (i % labelEvery === 0) {
      chart.appendChild(svg("text", {
        x: x + step * 0.4, y: HEIGHT - 5, class: "axis", "text-anchor": "middle",
      }, bin.label));
    }
  });
  const caption = document.createElement("figcaption");
  caption.textContent = `Publication dates of ${what} (${dated} dated), by ${unit}`;
  figure.append(chart, caption);
  return figure;
}
