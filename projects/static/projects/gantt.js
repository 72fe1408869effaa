/* Plan page: draws the WBS table and the SVG Gantt chart from the plan JSON (#plan-data, and later
   GET /api/projects/<id>/plan/) and sends every edit through the REST API, the same path as any API
   client: JSON bodies, If-Match with the task's version (the plan's ETag, plan_etag, for links and
   indent/outdent), 412 shown as the stale-edit message with the fresh values. After each write the plan is read again and redrawn, so moved successors and the new
   critical path show at once. Which cells a person may edit and which days are working days come
   from the server with the plan; this script decides neither. */
(function () {
  "use strict";

  var ROW = 28;          // px per row, table and chart alike
  var HEAD = 46;         // px of the header, table and chart alike
  var PX_PER_DAY = { day: 26, week: 8, month: 2.6 };
  var COLUMNS = ["wbs", "name", "duration", "start", "finish", "pct", "assignee", "float"];
  // The task field behind each editable column (projects.services.tasks.TaskChanges).
  var FIELD = { name: "name", duration: "duration_days", start: "start", finish: "finish", pct: "percent_complete" };
  var SVG_NS = "http://www.w3.org/2000/svg";

  var page = document.getElementById("plan-page");
  if (!page) { return; }
  var strings = JSON.parse(document.getElementById("plan-strings").textContent);
  var rowsBody = document.getElementById("plan-rows");
  var chart = document.getElementById("plan-chart");
  var scroller = document.getElementById("plan-scroll");
  var lang = document.documentElement.lang || "en";

  var state = {
    data: null,
    byId: {},
    zoom: readZoom(),
    selected: null,
    focus: { id: null, col: "name" },
    editing: null,
    busy: false,
    origin: 0
  };

  function readZoom() {
    try { return window.localStorage.getItem("pmo.plan.zoom") || "day"; } catch (e) { return "day"; }
  }
  function saveZoom(zoom) {
    try { window.localStorage.setItem("pmo.plan.zoom", zoom); } catch (e) { /* private mode */ }
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }
  function escapeHtml(text) {
    return String(text == null ? "" : text)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  // Dates as whole days since the epoch (UTC), so arithmetic never meets daylight saving.
  function dayNumber(iso) {
    var parts = iso.split("-");
    return Math.round(Date.UTC(+parts[0], +parts[1] - 1, +parts[2]) / 86400000);
  }
  function dateOf(day) { return new Date(day * 86400000); }
  function isoOf(day) { return dateOf(day).toISOString().slice(0, 10); }
  function signed(value) {
    if (value === null || value === undefined) { return ""; }
    var number = Number(value);
    return number > 0 ? "+" + value : String(value);
  }

  // --- data ------------------------------------------------------------------------------------------

  function setData(data) {
    state.data = data;
    state.byId = {};
    state.data.tasks.forEach(function (task, index) {
      task.index = index;
      state.byId[task.id] = task;
    });
    state.calendarFirst = dayNumber(state.data.calendar.first);
    if (state.selected !== null && !state.byId[state.selected]) { state.selected = null; }
  }

  // The server sends one flag per day from calendar.first; days beyond them are drawn as working.
  function isWorking(day) {
    var flag = state.data.calendar.working.charAt(day - state.calendarFirst);
    return flag !== "0";
  }

  function cellEditable(task, col) {
    return !!FIELD[col] && state.data.editable_sets[task.edit].indexOf(FIELD[col]) >= 0;
  }

  // --- table -----------------------------------------------------------------------------------------

  function cellText(task, col) {
    switch (col) {
      case "wbs": return task.wbs;
      case "name": return task.name;
      case "duration": return format(strings.days, { count: task.milestone ? 0 : task.duration });
      case "start": return task.start || "";
      case "finish": return task.finish || "";
      case "pct": return task.pct + " %";
      case "assignee": return task.assignee;
      case "float": return format(strings.days, { count: task.float });
      default: return "";
    }
  }

  function urlFor(template, id) { return template.replace("{id}", id); }
  function detailsUrl(task) { return urlFor(state.data.urls.details, task.id); }

  function renderRows() {
    var withBaseline = state.data.baseline !== null;
    var html = [];
    state.data.tasks.forEach(function (task) {
      var classes = ["plan-row"];
      if (task.summary) { classes.push("is-summary"); }
      if (task.milestone) { classes.push("is-milestone"); }
      if (task.critical) { classes.push("is-critical"); }
      if (task.id === state.selected) { classes.push("is-selected"); }
      html.push('<tr class="' + classes.join(" ") + '" data-id="' + task.id + '" aria-selected="' +
        (task.id === state.selected) + '">');
      COLUMNS.forEach(function (col) {
        var editable = cellEditable(task, col);
        var attrs = ' data-col="' + col + '" tabindex="-1" class="c-' + col + (editable ? " editable" : "") + '"';
        if (col === "name") {
          attrs += ' style="padding-left:' + (6 + (task.level - 1) * 16) + 'px"';
          var icon = task.summary ? '<span class="tree-mark" aria-hidden="true">▾</span>' :
            (task.milestone ? '<span class="tree-mark ms" aria-hidden="true">◆</span>' : "");
          var details = format(strings.details, { task: task.wbs + " " + task.name });
          html.push("<td" + attrs + ' title="' + escapeHtml(task.name) + '">' + icon +
            '<span class="cell-text">' + escapeHtml(task.name) + "</span>" +
            '<a class="row-details" tabindex="-1" href="' + escapeHtml(detailsUrl(task)) + '" title="' +
            escapeHtml(details) + '" aria-label="' + escapeHtml(details) + '"></a></td>');
        } else if (col === "float") {
          html.push("<td" + attrs.replace('class="', 'class="' + (task.float < 0 ? "negative " : "")) + ">" +
            escapeHtml(cellText(task, col)) + "</td>");
        } else {
          html.push("<td" + attrs + ">" + escapeHtml(cellText(task, col)) + "</td>");
        }
      });
      if (withBaseline) {
        var variance = task.var || [null, null, null, null];
        variance.forEach(function (value, position) {
          var number = value === null ? 0 : Number(value);
          var cls = number > 0 ? "late" : (number < 0 ? "early" : "");
          var text = value === null ? "—" : (position < 3 ? format(strings.days, { count: signed(value) }) : signed(value));
          html.push('<td class="c-var ' + cls + '">' + escapeHtml(text) + "</td>");
        });
      }
      html.push("</tr>");
    });
    rowsBody.innerHTML = html.join("");
    document.getElementById("plan-empty").hidden = state.data.tasks.length > 0;
    restoreFocusTarget(false);
  }

  // --- chart -----------------------------------------------------------------------------------------

  function range() {
    var first = null;
    var last = null;
    function take(iso) {
      if (!iso) { return; }
      var day = dayNumber(iso);
      if (first === null || day < first) { first = day; }
      if (last === null || day > last) { last = day; }
    }
    take(state.data.anchor);
    state.data.tasks.forEach(function (task) {
      take(task.start); take(task.finish); take(task.base_start); take(task.base_finish);
    });
    var today = dayNumber(state.data.today);
    if (first === null) { first = today; last = today; }
    // Today joins the range when it is near the plan; far away it would squash the bars.
    if (today >= first - 60 && today <= last + 60) { first = Math.min(first, today); last = Math.max(last, today); }
    var pad = state.zoom === "day" ? 3 : (state.zoom === "week" ? 7 : 20);
    first -= pad;
    last += pad * 2;
    if (state.zoom !== "day") {
      first -= (dateOf(first).getUTCDay() + 6) % 7;  // start on a Monday
    }
    return { first: first, last: last };
  }

  function svg(name, attrs, text) {
    var parts = ["<" + name];
    Object.keys(attrs).forEach(function (key) {
      if (attrs[key] !== null && attrs[key] !== undefined) { parts.push(" " + key + '="' + attrs[key] + '"'); }
    });
    if (text === undefined) { return parts.join("") + "/>"; }
    return parts.join("") + ">" + text + "</" + name + ">";
  }

  function renderChart() {
    var px = PX_PER_DAY[state.zoom];
    var span = range();
    var origin = span.first;
    state.origin = origin;
    // Fill the visible width even when the plan is short.
    var gridPane = document.querySelector(".plan-grid-pane");
    var available = scroller.clientWidth - (gridPane ? gridPane.offsetWidth : 0) - 2;
    if ((span.last - span.first + 1) * px < available) {
      span.last = span.first + Math.ceil(available / px) - 1;
    }
    var days = span.last - span.first + 1;
    var width = Math.max(Math.floor(days * px), 200);
    var bodyHeight = Math.max(state.data.tasks.length, 1) * ROW;
    function x(day) { return Math.round((day - origin) * px * 10) / 10; }

    var head = [];
    var grid = [];
    var monthFormat = new Intl.DateTimeFormat(lang, { month: "short", year: "numeric", timeZone: "UTC" });
    var monthOnly = new Intl.DateTimeFormat(lang, { month: "short", timeZone: "UTC" });
    head.push(svg("rect", { x: 0, y: 0, width: width, height: HEAD, "class": "g-head-bg" }));
    head.push(svg("line", { x1: 0, y1: HEAD / 2, x2: width, y2: HEAD / 2, "class": "g-head-line" }));
    head.push(svg("line", { x1: 0, y1: HEAD - 0.5, x2: width, y2: HEAD - 0.5, "class": "g-head-line" }));
    // The label at the chart's left edge is dropped when the next month (or year) starts too soon
    // after it, so two labels never overlap.
    function leadingLabelFits(date, untilNextYear, minimumPx) {
      var next = untilNextYear
        ? Date.UTC(date.getUTCFullYear() + 1, 0, 1)
        : Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
      return ((next - date.getTime()) / 86400000) * px >= minimumPx;
    }

    for (var day = span.first; day <= span.last; day++) {
      var date = dateOf(day);
      var leading = day === span.first && date.getUTCDate() !== 1;
      var dayOfMonth = date.getUTCDate();
      var weekday = (date.getUTCDay() + 6) % 7;
      if (state.zoom === "day") {
        if (!isWorking(day)) {
          grid.push(svg("rect", { x: x(day), y: 0, width: px, height: bodyHeight, "class": "g-off" }));
        }
        head.push(svg("text", { x: x(day) + px / 2, y: HEAD - 8, "class": "g-tick" + (isWorking(day) ? "" : " off"),
          "text-anchor": "middle" }, dayOfMonth));
        if (weekday === 0) {
          grid.push(svg("line", { x1: x(day), y1: 0, x2: x(day), y2: bodyHeight, "class": "g-week" }));
        }
        if (dayOfMonth === 1 || (leading && leadingLabelFits(date, false, 90))) {
          head.push(svg("text", { x: x(day) + 4, y: 16, "class": "g-tier" }, escapeHtml(monthFormat.format(date))));
          head.push(svg("line", { x1: x(day), y1: 0, x2: x(day), y2: HEAD, "class": "g-head-line" }));
        }
      } else if (state.zoom === "week") {
        if (weekday === 0) {
          head.push(svg("text", { x: x(day) + 3, y: HEAD - 8, "class": "g-tick" }, dayOfMonth));
          grid.push(svg("line", { x1: x(day), y1: 0, x2: x(day), y2: bodyHeight, "class": "g-week" }));
          head.push(svg("line", { x1: x(day), y1: HEAD / 2, x2: x(day), y2: HEAD, "class": "g-head-line" }));
        }
        if (dayOfMonth === 1 || (leading && leadingLabelFits(date, false, 90))) {
          head.push(svg("text", { x: x(day) + 4, y: 16, "class": "g-tier" }, escapeHtml(monthFormat.format(date))));
          head.push(svg("line", { x1: x(day), y1: 0, x2: x(day), y2: HEAD / 2, "class": "g-head-line" }));
        }
      } else {
        if (dayOfMonth === 1 || (leading && leadingLabelFits(date, false, 40))) {
          head.push(svg("text", { x: x(day) + 4, y: HEAD - 8, "class": "g-tick" }, escapeHtml(monthOnly.format(date))));
          head.push(svg("line", { x1: x(day), y1: HEAD / 2, x2: x(day), y2: HEAD, "class": "g-head-line" }));
          grid.push(svg("line", { x1: x(day), y1: 0, x2: x(day), y2: bodyHeight, "class": "g-week" }));
        }
        var newYear = date.getUTCMonth() === 0 && dayOfMonth === 1;
        if (newYear || (day === span.first && !newYear && leadingLabelFits(date, true, 40))) {
          head.push(svg("text", { x: x(day) + 4, y: 16, "class": "g-tier" }, date.getUTCFullYear()));
          head.push(svg("line", { x1: x(day), y1: 0, x2: x(day), y2: HEAD / 2, "class": "g-head-line" }));
        }
      }
    }

    var rows = [];
    var bars = [];
    var ends = {};
    state.data.tasks.forEach(function (task, index) {
      var top = index * ROW;
      rows.push(svg("rect", { x: 0, y: top, width: width, height: ROW,
        "class": "g-row" + (task.id === state.selected ? " selected" : ""), "data-id": task.id }));
      if (!task.start) { return; }
      var start = dayNumber(task.start);
      var finish = dayNumber(task.finish);
      var left = x(start);
      var right = task.milestone ? left : x(finish + 1);
      var mid = top + ROW / 2;
      ends[task.id] = { left: left, right: right, mid: mid, top: top };
      var label = task.wbs + " " + task.name;
      if (task.base_start && task.base_finish) {
        var baseLeft = x(dayNumber(task.base_start));
        var baseRight = x(dayNumber(task.base_finish) + 1);
        if (task.milestone && task.base_start === task.base_finish && task.duration === 0) {
          bars.push(svg("path", { d: diamond(baseLeft, top + ROW - 6, 4), "class": "g-baseline" }));
        } else {
          bars.push(svg("rect", { x: baseLeft, y: top + ROW - 8, width: Math.max(baseRight - baseLeft, 2),
            height: 4, rx: 1, "class": "g-baseline" }));
        }
      }
      var critical = task.critical ? " critical" : "";
      var title = "<title>" + escapeHtml(label + " · " + task.start + " → " + task.finish +
        (task.critical ? " · " + strings.critical : "")) + "</title>";
      if (task.summary) {
        bars.push(svg("g", { "class": "g-summary" + critical, "data-id": task.id },
          title + svg("path", { d: bracket(left, right, top + 7) })));
      } else if (task.milestone) {
        bars.push(svg("g", { "class": "g-milestone" + critical, "data-id": task.id },
          title + svg("path", { d: diamond(left, mid - 2, 7) })));
        bars.push(svg("text", { x: left + 11, y: mid + 2, "class": "g-label" }, escapeHtml(task.start)));
      } else {
        var barWidth = Math.max(right - left, 3);
        var inner = svg("rect", { x: left, y: top + 6, width: barWidth, height: 13, rx: 3, "class": "g-bar" });
        if (task.pct > 0) {
          inner += svg("rect", { x: left, y: top + 6, width: Math.max(barWidth * task.pct / 100, 1), height: 13,
            rx: 3, "class": "g-progress" });
        }
        bars.push(svg("g", { "class": "g-task" + critical, "data-id": task.id }, title + inner));
        if (task.assignee && px >= 8) {
          bars.push(svg("text", { x: left + barWidth + 5, y: mid + 2, "class": "g-label" }, escapeHtml(task.assignee)));
        }
      }
    });

    var arrows = [];
    state.data.links.forEach(function (link) {
      var from = ends[link.from];
      var to = ends[link.to];
      if (!from || !to) { return; }
      var fromFinish = link.type.charAt(0) === "F";
      var toStart = link.type.charAt(1) === "S";
      var predecessor = state.byId[link.from];
      var successor = state.byId[link.to];
      var critical = predecessor.critical && successor.critical;
      var x1 = fromFinish ? from.right : from.left;
      var y1 = from.mid;
      var x2 = toStart ? to.left : to.right;
      var y2 = to.mid - (successor.milestone ? 0 : 0);
      var out = x1 + (fromFinish ? 8 : -8);
      var into = x2 + (toStart ? -8 : 8);
      var d = "M" + x1 + "," + y1 + " H" + out;
      var canGoStraight = toStart ? out <= into : out >= into;
      if (canGoStraight) {
        d += " V" + y2 + " H" + x2;
      } else {
        var lane = y2 > y1 ? to.top : to.top + ROW;
        d += " V" + lane + " H" + into + " V" + y2 + " H" + x2;
      }
      arrows.push(svg("path", { d: d, "class": "g-link" + (critical ? " critical" : ""),
        "marker-end": critical ? "url(#g-arrow-critical)" : "url(#g-arrow)" },
        "<title>" + escapeHtml(predecessor.wbs + " → " + successor.wbs + " " + link.type +
          (link.lag ? " " + format(strings.days, { count: signed(link.lag) }) : "")) + "</title>"));
    });

    var today = dayNumber(state.data.today);
    var todayLine = today >= span.first && today <= span.last ?
      svg("line", { x1: x(today) + px / 2, y1: 0, x2: x(today) + px / 2, y2: bodyHeight, "class": "g-today" }) : "";
    var todayHead = todayLine ? svg("rect", { x: x(today), y: HEAD / 2, width: Math.max(px, 2), height: HEAD / 2,
      "class": "g-today-head" }) : "";

    var defs = "<defs>" +
      '<marker id="g-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">' +
      '<path d="M0,0 L8,4 L0,8 z" class="g-arrowhead"/></marker>' +
      '<marker id="g-arrow-critical" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">' +
      '<path d="M0,0 L8,4 L0,8 z" class="g-arrowhead critical"/></marker></defs>';

    chart.innerHTML =
      '<div class="g-head" style="width:' + width + 'px">' +
      '<svg xmlns="' + SVG_NS + '" width="' + width + '" height="' + HEAD + '" aria-hidden="true">' +
      head.join("") + todayHead + "</svg></div>" +
      '<svg xmlns="' + SVG_NS + '" class="g-body" width="' + width + '" height="' + bodyHeight + '">' +
      defs + "<g>" + rows.join("") + "</g><g>" + grid.join("") + "</g>" + todayLine +
      '<g class="g-links">' + arrows.join("") + "</g><g>" + bars.join("") + "</g></svg>";
    chart.style.width = width + "px";
  }

  function diamond(cx, cy, r) {
    return "M" + cx + "," + (cy - r) + " L" + (cx + r) + "," + cy + " L" + cx + "," + (cy + r) + " L" + (cx - r) + "," + cy + " Z";
  }
  function bracket(left, right, top) {
    var width = Math.max(right - left, 4);
    var end = left + width;
    return "M" + left + "," + (top + 12) + " L" + left + "," + top + " L" + end + "," + top + " L" + end + "," + (top + 12) +
      " L" + (end - 5) + "," + (top + 6) + " L" + (left + 5) + "," + (top + 6) + " Z";
  }

  function render() {
    renderRows();
    renderChart();
    renderSelection();
  }

  // --- selection and the links panel ------------------------------------------------------------------

  function select(id) {
    state.selected = id;
    rowsBody.querySelectorAll("tr.is-selected").forEach(function (row) {
      row.classList.remove("is-selected");
      row.setAttribute("aria-selected", "false");
    });
    chart.querySelectorAll(".g-row.selected").forEach(function (row) { row.classList.remove("selected"); });
    if (id !== null) {
      var row = rowsBody.querySelector('tr[data-id="' + id + '"]');
      if (row) { row.classList.add("is-selected"); row.setAttribute("aria-selected", "true"); }
      var band = chart.querySelector('.g-row[data-id="' + id + '"]');
      if (band) { band.classList.add("selected"); }
    }
    renderSelection();
  }

  function renderSelection() {
    var task = state.selected !== null ? state.byId[state.selected] : null;
    var label = document.getElementById("selected-label");
    if (label) {
      label.textContent = task ? format(strings.selected, { task: task.wbs + " " + task.name }) : strings.no_task_selected;
    }
    page.querySelectorAll("[data-row-action]").forEach(function (button) { button.disabled = !task; });
    renderLinks(task);
  }

  function linkText(link, other) {
    return other.wbs + " " + other.name + " · " + link.type + (link.lag ? " " + format(strings.lag, { days: signed(link.lag) }) : "");
  }

  function renderLinks(task) {
    var body = document.getElementById("plan-links-body");
    var form = document.getElementById("link-add-form");
    if (!task) {
      body.innerHTML = '<p class="muted">' + escapeHtml(strings.select_task) + "</p>";
      if (form) { form.hidden = true; }
      return;
    }
    var predecessors = state.data.links.filter(function (link) { return link.to === task.id; });
    var successors = state.data.links.filter(function (link) { return link.from === task.id; });
    function list(links, otherEnd) {
      if (!links.length) { return '<p class="muted">' + escapeHtml(strings.none) + "</p>"; }
      return "<ul class=\"link-list\">" + links.map(function (link) {
        var other = state.byId[link[otherEnd]];
        var text = linkText(link, other);
        var button = state.data.may_edit ?
          ' <button type="button" class="btn btn-small btn-link" data-remove-link="' + link.id + '" aria-label="' +
          escapeHtml(format(strings.remove_link, { link: text })) + '">' + escapeHtml(strings.remove) + "</button>" : "";
        return "<li><span>" + escapeHtml(text) + "</span>" + button + "</li>";
      }).join("") + "</ul>";
    }
    body.innerHTML = '<div class="link-columns"><div><h3>' + escapeHtml(strings.predecessors) + "</h3>" +
      list(predecessors, "from") + "</div><div><h3>" + escapeHtml(strings.successors) + "</h3>" +
      list(successors, "to") + "</div></div>";
    if (form) {
      form.hidden = false;
      form.querySelector('input[name="successor"]').value = task.id;
      var select = form.querySelector('select[name="predecessor"]');
      var options = ['<option value="">' + escapeHtml(strings.choose_predecessor) + "</option>"];
      state.data.tasks.forEach(function (other) {
        if (other.id === task.id) { return; }  // summaries link too (not to their own subtasks: the API says so)
        options.push('<option value="' + other.id + '">' + escapeHtml(other.wbs + " " + other.name) + "</option>");
      });
      select.innerHTML = options.join("");
    }
  }

  // --- focus and keyboard ------------------------------------------------------------------------------

  function cellAt(id, col) {
    return rowsBody.querySelector('tr[data-id="' + id + '"] td[data-col="' + col + '"]');
  }

  function restoreFocusTarget(moveFocus) {
    var id = state.focus.id;
    if (id === null || !state.byId[id]) {
      id = state.data.tasks.length ? state.data.tasks[0].id : null;
    }
    if (id === null) { return; }
    var cell = cellAt(id, state.focus.col) || cellAt(id, "name");
    if (!cell) { return; }
    cell.tabIndex = 0;
    if (moveFocus) { cell.focus({ preventScroll: false }); }
  }

  function focusCell(cell) {
    rowsBody.querySelectorAll('td[tabindex="0"]').forEach(function (other) { other.tabIndex = -1; });
    cell.tabIndex = 0;
    cell.focus();
    var row = cell.parentNode;
    state.focus = { id: +row.dataset.id, col: cell.dataset.col };
    if (state.selected !== +row.dataset.id) { select(+row.dataset.id); }
  }

  function neighbourCell(cell, rowStep, colStep, editableOnly) {
    var row = cell.parentNode;
    var col = COLUMNS.indexOf(cell.dataset.col);
    if (colStep) {
      var task = state.byId[+row.dataset.id];
      for (var next = col + colStep; next >= 0 && next < COLUMNS.length; next += colStep) {
        if (!editableOnly || cellEditable(task, COLUMNS[next])) { return row.querySelector('td[data-col="' + COLUMNS[next] + '"]'); }
      }
      // Past the row's last editable cell: on to the next (or previous) row.
      var otherRow = colStep > 0 ? row.nextElementSibling : row.previousElementSibling;
      while (otherRow) {
        var otherTask = state.byId[+otherRow.dataset.id];
        var order = colStep > 0 ? COLUMNS : COLUMNS.slice().reverse();
        for (var i = 0; i < order.length; i++) {
          if (!editableOnly || cellEditable(otherTask, order[i])) { return otherRow.querySelector('td[data-col="' + order[i] + '"]'); }
        }
        otherRow = colStep > 0 ? otherRow.nextElementSibling : otherRow.previousElementSibling;
      }
      return null;
    }
    var target = rowStep > 0 ? row.nextElementSibling : row.previousElementSibling;
    return target ? target.querySelector('td[data-col="' + cell.dataset.col + '"]') : null;
  }

  rowsBody.addEventListener("click", function (event) {
    if (event.target.closest("a.row-details")) { return; }  // the details link just navigates
    var cell = event.target.closest("td");
    if (!cell || state.editing) { return; }
    focusCell(cell);
    var task = state.byId[+cell.parentNode.dataset.id];
    if (cellEditable(task, cell.dataset.col)) { openEditor(cell); }
  });

  rowsBody.addEventListener("keydown", function (event) {
    var cell = event.target.closest("td");
    if (!cell || state.editing) { return; }
    var task = state.byId[+cell.parentNode.dataset.id];
    var target = null;
    if (event.altKey && event.shiftKey && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
      event.preventDefault();
      rowAction(event.key === "ArrowRight" ? "indent" : "outdent");
      return;
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      window.location.href = detailsUrl(task);
      return;
    }
    switch (event.key) {
      case "ArrowDown": target = neighbourCell(cell, 1, 0); break;
      case "ArrowUp": target = neighbourCell(cell, -1, 0); break;
      case "ArrowRight": target = neighbourCell(cell, 0, 1, false); break;
      case "ArrowLeft": target = neighbourCell(cell, 0, -1, false); break;
      case "Home": target = cell.parentNode.firstElementChild; break;
      case "End": target = cell.parentNode.querySelector('td[data-col="float"]'); break;
      case "Enter":
      case "F2":
        if (cellEditable(task, cell.dataset.col)) { event.preventDefault(); openEditor(cell); }
        return;
      default: return;
    }
    event.preventDefault();
    if (target) { focusCell(target); }
  });

  chart.addEventListener("click", function (event) {
    var node = event.target.closest("[data-id]");
    if (!node) { return; }
    var cell = cellAt(+node.getAttribute("data-id"), "name");
    if (cell) { focusCell(cell); }
  });

  // --- editing in place -----------------------------------------------------------------------------------

  function openEditor(cell) {
    var task = state.byId[+cell.parentNode.dataset.id];
    var col = cell.dataset.col;
    var input = document.createElement("input");
    input.className = "cell-input";
    var value;
    if (col === "name") { input.type = "text"; input.maxLength = 200; value = task.name; }
    else if (col === "duration") { input.type = "number"; input.min = "0"; value = String(task.duration); }
    else if (col === "pct") { input.type = "number"; input.min = "0"; input.max = "100"; value = String(task.pct); }
    else { input.type = "date"; value = task[col] || ""; }
    input.value = value;
    input.setAttribute("aria-label", format(strings.edit_cell, {
      column: document.querySelector("#plan-grid thead th:nth-child(" + (COLUMNS.indexOf(col) + 1) + ")").textContent.trim(),
      task: task.wbs + " " + task.name
    }));
    state.editing = { cell: cell, task: task, col: col, input: input, original: value, done: false };
    cell.classList.add("editing");
    cell.textContent = "";
    cell.appendChild(input);
    input.focus();
    if (input.select && input.type !== "date") { input.select(); }
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); finishEdit(true, null); }
      else if (event.key === "Escape") { event.preventDefault(); finishEdit(false, null); }
      else if (event.key === "Tab") { event.preventDefault(); finishEdit(true, event.shiftKey ? -1 : 1); }
    });
    input.addEventListener("blur", function () {
      if (state.editing && state.editing.input === input && !state.editing.done) { finishEdit(true, null, true); }
    });
  }

  function finishEdit(save, move, fromBlur) {
    var editing = state.editing;
    if (!editing || editing.done) { return; }
    editing.done = true;
    var value = editing.input.value.trim();
    var changed = save && value !== editing.original;
    var next = move ? neighbourCell(editing.cell, 0, move, true) : null;
    var nextTarget = next ? { id: +next.parentNode.dataset.id, col: next.dataset.col } : null;
    if (!changed) {
      state.editing = null;
      editing.cell.classList.remove("editing");
      editing.cell.textContent = "";
      renderRows();
      if (!fromBlur) { afterEdit(nextTarget || { id: editing.task.id, col: editing.col }, !!nextTarget); }
      return;
    }
    var body = {};
    body[FIELD[editing.col]] = value;
    editing.input.disabled = true;
    editing.cell.setAttribute("aria-busy", "true");
    var task = editing.task;
    send("PATCH", urlFor(state.data.urls.task, task.id), body, task.version,
      format(strings.saved, { task: editing.col === "name" ? value : task.name }), function () {
        state.editing = null;
        afterEdit(nextTarget || { id: task.id, col: editing.col }, !!nextTarget && !fromBlur, !fromBlur);
      });
  }

  function afterEdit(target, openNext, focus) {
    state.focus = target;
    var cell = cellAt(target.id, target.col);
    if (!cell) { return; }
    if (focus !== false) { focusCell(cell); }
    if (openNext && cellEditable(state.byId[target.id], target.col)) { openEditor(cell); }
  }

  // --- talking to the server ---------------------------------------------------------------------------------

  function csrfToken() {
    var field = document.querySelector('input[name="csrfmiddlewaretoken"]');
    if (field) { return field.value; }
    var headers = document.body.getAttribute("hx-headers");
    try { return JSON.parse(headers)["X-CSRFToken"]; } catch (e) { return ""; }
  }

  function planUrl() {
    var url = state.data.urls.plan;
    return state.data.baseline ? url + "?baseline=" + encodeURIComponent(state.data.baseline) : url;
  }

  function call(method, url, body, version) {
    var headers = { "Accept": "application/json", "X-CSRFToken": csrfToken() };
    if (body !== null) { headers["Content-Type"] = "application/json"; }
    if (version !== null) {
      headers["If-Match"] = typeof version === "string" ? version : '"' + version + '"';  // a plan ETag is quoted
    }
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: headers,
      body: body === null ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (response.status === 204) { return { ok: true, status: 204, body: null }; }
      return response.json().then(function (answer) {
        return { ok: response.ok, status: response.status, body: answer };
      });
    });
  }

  function reload() {
    return call("GET", planUrl(), null, null).then(function (answer) {
      if (!answer.ok) { throw new Error("the plan could not be read again (" + answer.status + ")"); }
      setData(answer.body);
      render();
    });
  }

  // A write through the API, then the fresh plan; `success` is the notice shown when it worked.
  function send(method, url, body, version, success, done) {
    if (state.busy) { return; }
    state.busy = true;
    page.classList.add("is-busy");
    var result = null;
    call(method, url, body, version).then(function (answer) {
      result = answer;
      return answer.ok || answer.status === 412 ? reload() : null;
    }).then(function () {
      if (result.ok) {
        showNotice("success", success);
      } else if (result.status === 412) {
        var staleTask = result.body.extra.task;
        showNotice("warning", staleTask ? strings.stale : result.body.message, [], staleTask);
      } else {
        render();  // the refused value leaves its cell; the plan is as it was
        showError(result.body);
      }
    }).catch(function () {
      showNotice("error", strings.network_error);
      render();
    }).then(function () {
      state.busy = false;
      page.classList.remove("is-busy");
      if (done) { done(result && result.ok ? result.body : null); }
    });
  }

  function showError(answer) {
    var fields = (answer && answer.extra && answer.extra.fields) || {};
    var details = [];
    Object.keys(fields).forEach(function (name) {
      fields[name].forEach(function (text) {
        details.push(strings[name] && name !== "non_field_errors" ? strings[name] + ": " + text : text);
      });
    });
    if (!details.length) {
      showNotice("error", (answer && answer.message) || strings.network_error);
    } else {
      showNotice("error", strings.nothing_saved, details);
    }
  }

  function days(count) {
    return format(Number(count) === 1 ? strings.day_one : strings.day_other, { count: count });
  }

  function staleValues(task) {
    var values = [
      [strings.task, task.wbs_code + " " + task.name],
      [strings.duration, days(task.duration_days)],
      [strings.start, task.planned_start || "—"],
      [strings.finish, task.planned_finish || "—"],
      [strings.percent_complete, task.percent_complete + " %"],
      [strings.assignee, task.assignee_name || "—"],
      [strings.version, String(task.version)]
    ];
    var list = document.createElement("dl");
    list.className = "stale-values";
    values.forEach(function (pair) {
      var term = document.createElement("dt");
      term.textContent = pair[0];
      var value = document.createElement("dd");
      value.textContent = pair[1];
      list.appendChild(term);
      list.appendChild(value);
    });
    return list;
  }

  function showNotice(level, text, details, staleTask) {
    var holder = document.getElementById("plan-notices");
    holder.textContent = "";
    var notice = document.createElement("div");
    notice.className = "alert alert-" + level + " plan-notice";
    notice.setAttribute("role", level === "success" ? "status" : "alert");
    notice.dataset.notice = level;
    var message = document.createElement("div");
    message.textContent = text;
    notice.appendChild(message);
    if (details && details.length) {
      var list = document.createElement("ul");
      list.className = "notice-details";
      details.forEach(function (detail) {
        var item = document.createElement("li");
        item.textContent = detail;
        list.appendChild(item);
      });
      notice.appendChild(list);
    }
    if (staleTask) { notice.appendChild(staleValues(staleTask)); }
    holder.appendChild(notice);
    if (level === "success") {
      window.setTimeout(function () { notice.classList.add("fading"); }, 3000);
      window.setTimeout(function () { notice.remove(); }, 3700);
    } else {
      notice.scrollIntoView({ block: "nearest" });
    }
  }

  function rowAction(action) {
    var task = state.selected !== null ? state.byId[state.selected] : null;
    if (!task || !state.data.may_edit) { return; }
    var label = task.wbs + " " + task.name;
    if (action === "delete" && !window.confirm(format(strings.confirm_delete, { task: label }))) { return; }
    state.focus = { id: task.id, col: state.focus.col || "name" };
    var url = urlFor(state.data.urls.task, task.id);
    var method = action === "delete" ? "DELETE" : "POST";
    if (action !== "delete") { url += action + "/"; }
    var success = { indent: strings.indented, outdent: strings.outdented, "delete": strings.deleted }[action];
    var version = action === "delete" ? task.version : state.data.plan_etag;
    send(method, url, null, version, format(success, { task: task.name }), function () {
      if (state.byId[task.id]) { var cell = cellAt(task.id, state.focus.col); if (cell) { focusCell(cell); } }
    });
  }

  page.querySelectorAll("[data-row-action]").forEach(function (button) {
    button.addEventListener("click", function () { rowAction(button.dataset.rowAction); });
  });

  function formFields(form) {
    var fields = {};
    new FormData(form).forEach(function (value, key) { if (key !== "csrfmiddlewaretoken") { fields[key] = value; } });
    return fields;
  }

  var addForm = document.getElementById("task-add-form");
  if (addForm) {
    addForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var fields = formFields(addForm);
      var body = { name: fields.name || "", is_milestone: fields.is_milestone === "on" };
      if (!body.is_milestone && fields.duration_days) { body.duration_days = fields.duration_days; }
      var after = state.selected !== null ? state.byId[state.selected] : null;
      if (after) {
        body.parent = after.parent;
        body.position = after.position + 1;
      }
      send("POST", state.data.urls.tasks, body, null, format(strings.added, { task: body.name.trim() }), function (created) {
        var added = created ? state.byId[created.id] : null;
        if (added) {
          addForm.reset();
          var cell = cellAt(added.id, "name");
          if (cell) { focusCell(cell); cell.scrollIntoView({ block: "nearest" }); }
        }
      });
    });
    addForm.querySelector('input[name="is_milestone"]').addEventListener("change", function (event) {
      var duration = addForm.querySelector('input[name="duration_days"]');
      duration.disabled = event.target.checked;
    });
  }

  var linkForm = document.getElementById("link-add-form");
  if (linkForm) {
    linkForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var fields = formFields(linkForm);
      send("POST", state.data.urls.dependencies, {
        predecessor: fields.predecessor ? Number(fields.predecessor) : null,
        successor: Number(fields.successor),
        type: fields.type,
        lag_days: fields.lag_days
      }, state.data.plan_etag, strings.link_added);
    });
  }
  document.getElementById("plan-links-body").addEventListener("click", function (event) {
    var button = event.target.closest("[data-remove-link]");
    if (!button) { return; }
    send("DELETE", urlFor(state.data.urls.dependency, button.dataset.removeLink), null, state.data.plan_etag,
      strings.link_removed);
  });

  // --- toolbar ---------------------------------------------------------------------------------------

  function setZoom(zoom) {
    if (!PX_PER_DAY[zoom]) { zoom = "day"; }
    state.zoom = zoom;
    saveZoom(zoom);
    page.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.zoom === zoom));
    });
    renderChart();
  }
  page.querySelectorAll("[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () { setZoom(button.dataset.zoom); scrollToToday(); });
  });

  function scrollToToday() {
    var today = dayNumber(state.data.today);
    var left = (today - state.origin) * PX_PER_DAY[state.zoom];
    var gridWidth = document.querySelector(".plan-grid-pane").offsetWidth;
    scroller.scrollLeft = Math.max(left - (scroller.clientWidth - gridWidth) / 3, 0);
  }
  document.getElementById("scroll-today").addEventListener("click", scrollToToday);

  var baselineSelect = document.getElementById("baseline-select");
  baselineSelect.addEventListener("change", function () { baselineSelect.form.submit(); });

  setData(JSON.parse(document.getElementById("plan-data").textContent));
  setZoom(state.zoom);
  render();
})();
