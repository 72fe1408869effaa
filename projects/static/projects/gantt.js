/* Plan page: draws the WBS table and the SVG Gantt chart from the plan JSON (#plan-data, and later
   GET /api/projects/<id>/plan/) and sends every edit through the REST API, the same path as any API
   client: JSON bodies, If-Match with the task's version (or the plan's ETag for links and outline
   moves), 412 and 428 shown as the stale-edit message. After each write the plan is read again and
   redrawn, so moved successors and the new critical path show at once. Which cells a person may edit,
   which tasks are late and which days are working days come from the server with the plan; this
   script decides none of them.

   Only what is in view is drawn: the table rows and chart rows of the visible window (plus a margin)
   and the days of the visible date range, re-drawn on scroll. Rows are ROW px high in both panes, so
   a row's place follows from its index. The table and the chart are two panes side by side, each
   clipping its own drawing; the chart pane scrolls both ways and the table pane follows it down. */
(function () {
  "use strict";

  var ROW = 28;          // px per row, table and chart alike
  var HEAD = 46;         // px of the header, table and chart alike
  var OVERSCAN = 12;     // rows drawn above and below the visible ones
  var PX_PER_DAY = { day: 26, week: 8, month: 2.6 };
  var BASE_COLUMNS = ["wbs", "name", "duration", "start", "finish", "pct", "assignee", "float"];
  var VARIANCE_COLUMNS = ["var_start", "var_finish", "var_duration", "var_cost"];
  // The task field behind each editable column (projects.services.tasks.TaskChanges).
  var FIELD = { name: "name", duration: "duration_days", start: "start", finish: "finish", pct: "percent_complete" };
  var SVG_NS = "http://www.w3.org/2000/svg";
  var STORE = { zoom: "pmo.plan.zoom", width: "pmo.plan.table_width", hidden: "pmo.plan.hidden_columns" };

  var page = document.getElementById("plan-page");
  if (!page) { return; }
  var strings = JSON.parse(document.getElementById("plan-strings").textContent);
  var rowsBody = document.getElementById("plan-rows");
  var table = document.getElementById("plan-grid");
  var gridPane = document.getElementById("plan-grid-pane");
  var divider = document.getElementById("plan-divider");
  var split = document.getElementById("plan-split");
  var chart = document.getElementById("plan-chart");
  var scroller = document.getElementById("plan-scroll");
  var lang = document.documentElement.lang || "en";

  var state = {
    data: null,
    byId: {},
    zoom: stored(STORE.zoom, "day"),
    hidden: readHidden(),
    columns: [],
    selected: null,
    focus: { id: null, col: "name" },
    editing: null,
    linkEditing: null,
    dragging: null,
    busy: false,
    origin: 0,
    px: PX_PER_DAY.day,
    width: 0,
    rowsDrawn: null,   // {first, last} of the table rows in the DOM
    chartDrawn: null,  // {first, last, x0, x1} of what the chart shows
    frame: 0
  };

  function stored(key, fallback) {
    try { return window.localStorage.getItem(key) || fallback; } catch (e) { return fallback; }
  }
  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }
  function readHidden() {
    try {
      var value = JSON.parse(stored(STORE.hidden, "[]"));
      return Array.isArray(value) ? value : [];
    } catch (e) { return []; }
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
    if (!iso) { return null; }
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

  // The plan finishing after the project's finish date, said again after every edit.
  function showFinishOverrun(overrun) {
    var notice = document.getElementById("plan-finish-overrun");
    if (!notice) { return; }
    notice.hidden = !overrun;
    if (!overrun) { notice.textContent = ""; return; }
    var template = overrun.working_days === 1 ? strings.finish_overrun_one : strings.finish_overrun_many;
    notice.textContent = format(template, {
      plan_finish: overrun.plan_finish, charter_finish: overrun.charter_finish, days: overrun.working_days
    });
  }

  function setData(data) {
    state.data = data;
    state.byId = {};
    state.data.tasks.forEach(function (task, index) {
      task.index = index;
      task.startDay = dayNumber(task.start);
      task.finishDay = dayNumber(task.finish);
      state.byId[task.id] = task;
    });
    state.calendarFirst = dayNumber(state.data.calendar.first);
    showFinishOverrun(data.finish_overrun);
    state.columns = BASE_COLUMNS.concat(state.data.baseline !== null ? VARIANCE_COLUMNS : []);
    if (state.selected !== null && !state.byId[state.selected]) { state.selected = null; }
  }

  // The server sends one flag per day from calendar.first; days beyond them are drawn as working.
  function isWorking(day) {
    var flag = state.data.calendar.working.charAt(day - state.calendarFirst);
    return flag !== "0";
  }
  // The working day reached by stepping from `day` (itself included) in `direction` (+1 or -1).
  function workingFrom(day, direction) {
    for (var step = 0; step < 370; step++) {
      if (isWorking(day)) { return day; }
      day += direction;
    }
    return day;
  }
  // The finish of `count` working days starting on the working day `start`.
  function finishAfter(start, count) {
    var day = start;
    for (var left = Math.max(count, 1) - 1; left > 0; left--) { day = workingFrom(day + 1, 1); }
    return day;
  }

  function editableSet(task) { return state.data.editable_sets[task.edit] || []; }
  function cellEditable(task, col) {
    return !!FIELD[col] && editableSet(task).indexOf(FIELD[col]) >= 0;
  }
  function visibleColumns() {
    return state.columns.filter(function (col) { return col === "name" || state.hidden.indexOf(col) < 0; });
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

  function rowHtml(task, columns) {
    var classes = ["plan-row"];
    if (task.summary) { classes.push("is-summary"); }
    if (task.milestone) { classes.push("is-milestone"); }
    if (task.critical) { classes.push("is-critical"); }
    if (task.late) { classes.push("is-late"); }
    if (task.manual) { classes.push("is-manual"); }
    if (task.id === state.selected) { classes.push("is-selected"); }
    var html = ['<tr class="' + classes.join(" ") + '" data-id="' + task.id + '" aria-rowindex="' +
      (task.index + 2) + '" aria-selected="' + (task.id === state.selected) + '">'];
    columns.forEach(function (col) {
      var editable = cellEditable(task, col);
      var focusable = state.focus.id === task.id && state.focus.col === col;
      var attrs = ' data-col="' + col + '" tabindex="' + (focusable ? 0 : -1) + '"';
      var classNames = "c-" + col + (editable ? " editable" : "");
      if (col === "name") {
        attrs += ' data-indent="' + (6 + (task.level - 1) * 16) + '"';
        var icon = task.summary ? '<span class="tree-mark" aria-hidden="true">▾</span>' :
          (task.milestone ? '<span class="tree-mark ms" aria-hidden="true">◆</span>' : "");
        var marks = "";
        if (task.manual) {
          marks += '<span class="manual-mark" title="' + escapeHtml(strings.manual) + '" role="img" aria-label="' +
            escapeHtml(strings.manual) + '"></span>';
        }
        if (task.late) {
          var lateText = format(strings.late_task, { date: task.finish });
          marks += '<span class="late-mark" title="' + escapeHtml(lateText) + '" role="img" aria-label="' +
            escapeHtml(lateText) + '"></span>';
        }
        var details = format(strings.details, { task: task.wbs + " " + task.name });
        html.push('<td class="' + classNames + '"' + attrs + ' title="' + escapeHtml(task.name) + '">' + icon + marks +
          '<span class="cell-text">' + escapeHtml(task.name) + "</span>" +
          '<a class="row-details" tabindex="-1" href="' + escapeHtml(detailsUrl(task)) + '" title="' +
          escapeHtml(details) + '" aria-label="' + escapeHtml(details) + '"></a></td>');
      } else if (col === "float") {
        html.push('<td class="' + classNames + (task.float < 0 ? " negative" : "") + '"' + attrs + ">" +
          escapeHtml(cellText(task, col)) + "</td>");
      } else if (col === "finish") {
        html.push('<td class="' + classNames + (task.late ? " late" : "") + '"' + attrs + ">" +
          escapeHtml(cellText(task, col)) + "</td>");
      } else if (col.indexOf("var_") === 0) {
        var position = VARIANCE_COLUMNS.indexOf(col);
        var value = (task.var || [null, null, null, null])[position];
        var number = value === null ? 0 : Number(value);
        var cls = number > 0 ? " late" : (number < 0 ? " early" : "");
        var text = value === null ? "—" : (position < 3 ? format(strings.days, { count: signed(value) }) : signed(value));
        html.push('<td class="c-var ' + classNames + cls + '"' + attrs + ">" + escapeHtml(text) + "</td>");
      } else {
        html.push('<td class="' + classNames + '"' + attrs + ">" + escapeHtml(cellText(task, col)) + "</td>");
      }
    });
    html.push("</tr>");
    return html.join("");
  }

  // The Content-Security-Policy refuses style="" in markup, so sizes travel as data-* attributes and are
  // set here through the DOM, which it allows.
  var SIZE_ATTRIBUTES = { indent: "paddingLeft", height: "height", width: "width", left: "left", top: "top" };
  function applyInlineSizes(root) {
    root.querySelectorAll("[data-indent], [data-height], [data-width], [data-left], [data-top]").forEach(function (node) {
      Object.keys(SIZE_ATTRIBUTES).forEach(function (name) {
        if (node.dataset[name] !== undefined) { node.style[SIZE_ATTRIBUTES[name]] = node.dataset[name] + "px"; }
      });
    });
  }

  function spacer(rows, columns) {
    if (rows <= 0) { return ""; }
    return '<tr class="plan-spacer" aria-hidden="true"><td colspan="' + columns + '" data-height="' +
      (rows * ROW) + '"></td></tr>';
  }

  // The rows to draw for the current scroll position: the visible ones and OVERSCAN more each way.
  function rowWindow() {
    var count = state.data.tasks.length;
    var top = scroller.scrollTop;
    var height = Math.max(scroller.clientHeight - HEAD, ROW);
    var first = Math.max(Math.floor(top / ROW) - OVERSCAN, 0);
    var last = Math.min(Math.ceil((top + height) / ROW) + OVERSCAN, count - 1);
    return { first: first, last: last, seenFirst: Math.floor(top / ROW), seenLast: Math.ceil((top + height) / ROW) };
  }

  function covers(drawn, wanted) {
    return drawn && wanted.seenFirst >= drawn.first && Math.min(wanted.seenLast, state.data.tasks.length - 1) <= drawn.last;
  }

  function renderHeader() {
    var columns = visibleColumns();
    table.querySelectorAll("thead th[data-col]").forEach(function (th) {
      th.hidden = columns.indexOf(th.dataset.col) < 0;
    });
    table.setAttribute("aria-rowcount", String(state.data.tasks.length + 1));
  }

  function renderRows(window_) {
    var tasks = state.data.tasks;
    var columns = visibleColumns();
    var span = window_ || rowWindow();
    var hadFocus = rowsBody.contains(document.activeElement);
    var html = [spacer(span.first, columns.length)];
    for (var index = span.first; index <= span.last; index++) { html.push(rowHtml(tasks[index], columns)); }
    html.push(spacer(tasks.length - 1 - span.last, columns.length));
    rowsBody.innerHTML = html.join("");
    applyInlineSizes(rowsBody);
    state.rowsDrawn = { first: span.first, last: span.last };
    if (!rowsBody.querySelector('td[tabindex="0"]')) {
      var firstCell = rowsBody.querySelector('tr.plan-row td[data-col="name"]');
      if (firstCell) { firstCell.tabIndex = 0; }  // the table stays reachable with Tab
    }
    document.getElementById("plan-empty").hidden = tasks.length > 0;
    if (hadFocus) {
      var cell = cellAt(state.focus.id, state.focus.col);
      if (cell) { cell.focus({ preventScroll: true }); }
    }
  }

  // --- chart -----------------------------------------------------------------------------------------

  // The days the chart spans: the plan, its baseline, and today when it is near the plan.
  function range() {
    var first = null;
    var last = null;
    function take(day) {
      if (day === null || day === undefined) { return; }
      if (first === null || day < first) { first = day; }
      if (last === null || day > last) { last = day; }
    }
    take(dayNumber(state.data.anchor));
    state.data.tasks.forEach(function (task) {
      take(task.startDay); take(task.finishDay);
      if (task.base_start) { take(dayNumber(task.base_start)); take(dayNumber(task.base_finish)); }
    });
    var today = dayNumber(state.data.today);
    if (first === null) { first = today; last = today; }
    var plan = { first: first, last: last };
    // Today joins the range when it is near the plan; far away it would squash the bars.
    if (today >= first - 60 && today <= last + 60) { first = Math.min(first, today); last = Math.max(last, today); }
    var pad = state.zoom === "day" ? 3 : (state.zoom === "week" ? 7 : 20);
    first -= pad;
    last += pad * 2;
    if (state.zoom !== "day") {
      first -= (dateOf(first).getUTCDay() + 6) % 7;  // start on a Monday
    }
    return { first: first, last: last, plan: plan };
  }

  function svg(name, attrs, text) {
    var parts = ["<" + name];
    Object.keys(attrs).forEach(function (key) {
      if (attrs[key] !== null && attrs[key] !== undefined) { parts.push(" " + key + '="' + attrs[key] + '"'); }
    });
    if (text === undefined) { return parts.join("") + "/>"; }
    return parts.join("") + ">" + text + "</" + name + ">";
  }

  function x(day) { return Math.round((day - state.origin) * state.px * 10) / 10; }

  // Sizes the chart's canvas for the whole plan; what is drawn on it is left to drawChart.
  function layoutChart() {
    state.px = PX_PER_DAY[state.zoom];
    var span = range();
    state.span = span;
    state.origin = span.first;
    // Fill the visible width even when the plan is short.
    var available = scroller.clientWidth - 2;
    if ((span.last - span.first + 1) * state.px < available) {
      span.last = span.first + Math.ceil(available / state.px) - 1;
    }
    state.width = Math.max(Math.floor((span.last - span.first + 1) * state.px), 200);
    var bodyHeight = Math.max(state.data.tasks.length, 1) * ROW;
    chart.style.width = state.width + "px";
    chart.style.height = (HEAD + bodyHeight) + "px";
    state.chartDrawn = null;
  }

  // The chart's visible box, widened by half a screen each way so short scrolls need no redraw.
  function chartWindow() {
    var rows = rowWindow();
    var view = scroller.clientWidth;
    var left = scroller.scrollLeft;
    return {
      first: rows.first, last: rows.last, seenFirst: rows.seenFirst, seenLast: rows.seenLast,
      x0: Math.max(Math.floor(left - view / 2), 0),
      x1: Math.min(Math.ceil(left + view * 1.5), state.width),
      seenX0: left, seenX1: Math.min(left + view, state.width)
    };
  }

  function chartCovers(drawn, wanted) {
    return covers(drawn, wanted) && wanted.seenX0 >= drawn.x0 && wanted.seenX1 <= drawn.x1;
  }

  // Links that touch rows first..last: by the rows of their two ends.
  function linksThrough(first, last) {
    return state.data.links.filter(function (link) {
      var from = state.byId[link.from];
      var to = state.byId[link.to];
      if (!from || !to) { return false; }
      var top = Math.min(from.index, to.index);
      var bottom = Math.max(from.index, to.index);
      return bottom >= first && top <= last;
    });
  }

  function barEnds(task) {
    if (task.startDay === null) { return null; }
    var left = x(task.startDay);
    var right = task.milestone ? left : x(task.finishDay + 1);
    var top = task.index * ROW;
    return { left: left, right: right, mid: top + ROW / 2, top: top };
  }

  function headMarks(day, px, head, grid, rowsTop, rowsHeight, first) {
    var date = dateOf(day);
    var leading = day === first && date.getUTCDate() !== 1;
    var dayOfMonth = date.getUTCDate();
    var weekday = (date.getUTCDay() + 6) % 7;
    var monthFormat = state.monthFormat;
    // Left of the view's edge, the month (and year) labelled at the edge is not labelled again.
    var lead = dateOf(first);
    var sameYear = day < first && date.getUTCFullYear() === lead.getUTCFullYear();
    var sameMonth = sameYear && date.getUTCMonth() === lead.getUTCMonth();
    // The label at the drawn range's left edge is dropped when the next month (or year) starts too
    // soon after it, so two labels never overlap.
    function leadingLabelFits(untilNextYear, minimumPx) {
      var next = untilNextYear
        ? Date.UTC(date.getUTCFullYear() + 1, 0, 1)
        : Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
      return ((next - date.getTime()) / 86400000) * px >= minimumPx;
    }
    if (state.zoom === "day") {
      if (!isWorking(day)) {
        grid.push(svg("rect", { x: x(day), y: rowsTop, width: px, height: rowsHeight, "class": "g-off" }));
      }
      head.push(svg("text", { x: x(day) + px / 2, y: HEAD - 8, "class": "g-tick" + (isWorking(day) ? "" : " off"),
        "text-anchor": "middle" }, dayOfMonth));
      if (weekday === 0) {
        grid.push(svg("line", { x1: x(day), y1: rowsTop, x2: x(day), y2: rowsTop + rowsHeight, "class": "g-week" }));
      }
      if ((dayOfMonth === 1 && !sameMonth) || (leading && leadingLabelFits(false, 90))) {
        head.push(svg("text", { x: x(day) + 4, y: 16, "class": "g-tier" }, escapeHtml(monthFormat.format(date))));
        head.push(svg("line", { x1: x(day), y1: 0, x2: x(day), y2: HEAD, "class": "g-head-line" }));
      }
    } else if (state.zoom === "week") {
      if (weekday === 0) {
        head.push(svg("text", { x: x(day) + 3, y: HEAD - 8, "class": "g-tick" }, dayOfMonth));
        grid.push(svg("line", { x1: x(day), y1: rowsTop, x2: x(day), y2: rowsTop + rowsHeight, "class": "g-week" }));
        head.push(svg("line", { x1: x(day), y1: HEAD / 2, x2: x(day), y2: HEAD, "class": "g-head-line" }));
      }
      if ((dayOfMonth === 1 && !sameMonth) || (leading && leadingLabelFits(false, 90))) {
        head.push(svg("text", { x: x(day) + 4, y: 16, "class": "g-tier" }, escapeHtml(monthFormat.format(date))));
        head.push(svg("line", { x1: x(day), y1: 0, x2: x(day), y2: HEAD / 2, "class": "g-head-line" }));
      }
    } else {
      if ((dayOfMonth === 1 && !sameMonth) || (leading && leadingLabelFits(false, 40))) {
        head.push(svg("text", { x: x(day) + 4, y: HEAD - 8, "class": "g-tick" }, escapeHtml(state.monthOnly.format(date))));
        head.push(svg("line", { x1: x(day), y1: HEAD / 2, x2: x(day), y2: HEAD, "class": "g-head-line" }));
        grid.push(svg("line", { x1: x(day), y1: rowsTop, x2: x(day), y2: rowsTop + rowsHeight, "class": "g-week" }));
      }
      var newYear = date.getUTCMonth() === 0 && dayOfMonth === 1;
      if ((newYear && !sameYear) || (day === first && !newYear && leadingLabelFits(true, 40))) {
        head.push(svg("text", { x: x(day) + 4, y: 16, "class": "g-tier" }, date.getUTCFullYear()));
        head.push(svg("line", { x1: x(day), y1: 0, x2: x(day), y2: HEAD / 2, "class": "g-head-line" }));
      }
    }
  }

  function taskShapes(task, px, bars) {
    var ends = barEnds(task);
    if (!ends) { return; }
    var top = ends.top;
    var left = ends.left;
    var right = ends.right;
    var mid = ends.mid;
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
    var classes = (task.critical ? " critical" : "") + (task.late ? " late" : "") + (task.manual ? " manual" : "");
    var notes = [task.start + " → " + task.finish];
    if (task.critical) { notes.push(strings.critical); }
    if (task.late) { notes.push(strings.late); }
    if (task.manual) { notes.push(strings.manual); }
    var title = "<title>" + escapeHtml(label + " · " + notes.join(" · ")) + "</title>";
    var movable = cellEditable(task, "start");
    var draggable = movable ? " draggable" : "";
    if (task.summary) {
      bars.push(svg("g", { "class": "g-summary" + classes, "data-id": task.id },
        title + svg("path", { d: bracket(left, right, top + 7) })));
    } else if (task.milestone) {
      bars.push(svg("g", { "class": "g-milestone" + classes + draggable, "data-id": task.id },
        title + svg("path", { d: diamond(left, mid - 2, 7) })));
      bars.push(svg("text", { x: left + 11, y: mid + 2, "class": "g-label" }, escapeHtml(task.start)));
    } else {
      var barWidth = Math.max(right - left, 3);
      var inner = svg("rect", { x: left, y: top + 6, width: barWidth, height: 13, rx: task.manual ? 0 : 3,
        "class": "g-bar" });
      if (task.pct > 0) {
        inner += svg("rect", { x: left, y: top + 6, width: Math.max(barWidth * task.pct / 100, 1), height: 13,
          rx: task.manual ? 0 : 3, "class": "g-progress" });
      }
      if (task.manual) {
        // As MS Project draws a manually scheduled task: a hatched bar between two brackets.
        inner += svg("path", { d: "M" + (left + 3) + "," + (top + 4) + " H" + left + " V" + (top + 21) + " H" + (left + 3) +
          " M" + (left + barWidth - 3) + "," + (top + 4) + " H" + (left + barWidth) + " V" + (top + 21) + " H" +
          (left + barWidth - 3), "class": "g-manual-ends" });
      }
      if (task.late) {
        inner += svg("rect", { x: left - 1, y: top + 5, width: barWidth + 2, height: 15, rx: 3, "class": "g-late-ring" });
      }
      if (cellEditable(task, "finish")) {
        inner += svg("rect", { x: left + barWidth - 5, y: top + 4, width: 8, height: 17, "class": "g-handle",
          "data-handle": "finish" });
      }
      bars.push(svg("g", { "class": "g-task" + classes + draggable, "data-id": task.id }, title + inner));
      if (task.assignee && px >= 8) {
        bars.push(svg("text", { x: left + barWidth + 5, y: mid + 2, "class": "g-label" }, escapeHtml(task.assignee)));
      }
    }
  }

  function linkShape(link) {
    var predecessor = state.byId[link.from];
    var successor = state.byId[link.to];
    var from = barEnds(predecessor);
    var to = barEnds(successor);
    if (!from || !to) { return ""; }
    var fromFinish = link.type.charAt(0) === "F";
    var toStart = link.type.charAt(1) === "S";
    var critical = predecessor.critical && successor.critical;
    var x1 = fromFinish ? from.right : from.left;
    var y1 = from.mid;
    var x2 = toStart ? to.left : to.right;
    var y2 = to.mid;
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
    var title = "<title>" + escapeHtml(predecessor.wbs + " → " + successor.wbs + " " + link.type +
      (link.lag ? " " + format(strings.days, { count: signed(link.lag) }) : "")) + "</title>";
    return svg("g", { "class": "g-link-group", "data-link": link.id },
      title + svg("path", { d: d, "class": "g-link-hit" }) +
      svg("path", { d: d, "class": "g-link" + (critical ? " critical" : ""),
        "marker-end": critical ? "url(#g-arrow-critical)" : "url(#g-arrow)" }));
  }

  var DEFS = "<defs>" +
    '<marker id="g-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">' +
    '<path d="M0,0 L8,4 L0,8 z" class="g-arrowhead"/></marker>' +
    '<marker id="g-arrow-critical" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">' +
    '<path d="M0,0 L8,4 L0,8 z" class="g-arrowhead critical"/></marker>' +
    '<pattern id="g-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
    '<rect width="6" height="6" class="g-hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="g-hatch-line"/></pattern></defs>';

  // Draws the rows and days in the chart's window: an SVG of the window's size placed where the window
  // is on the canvas, so the browser holds a few hundred shapes whatever the size of the plan.
  function drawChart(window_) {
    var view = window_ || chartWindow();
    var px = state.px;
    var count = state.data.tasks.length;
    var firstDay = state.origin + Math.floor(view.x0 / px);
    var lastDay = Math.min(state.origin + Math.ceil(view.x1 / px), state.span.last);
    var rowsTop = view.first * ROW;
    var rowsHeight = Math.max(view.last - view.first + 1, 1) * ROW;
    var head = [svg("rect", { x: view.x0, y: 0, width: view.x1 - view.x0, height: HEAD, "class": "g-head-bg" }),
      svg("line", { x1: view.x0, y1: HEAD / 2, x2: view.x1, y2: HEAD / 2, "class": "g-head-line" }),
      svg("line", { x1: view.x0, y1: HEAD - 0.5, x2: view.x1, y2: HEAD - 0.5, "class": "g-head-line" })];
    var grid = [];
    // The month (or year) already under way at the view's left edge is labelled there.
    var leadDay = Math.max(state.origin + Math.ceil(scroller.scrollLeft / px), firstDay);
    for (var day = firstDay; day <= lastDay; day++) { headMarks(day, px, head, grid, rowsTop, rowsHeight, leadDay); }

    var bars = [];
    var band = "";
    for (var index = view.first; index <= view.last && index < count; index++) {
      var task = state.data.tasks[index];
      if (task.id === state.selected) {
        band = svg("rect", { x: view.x0, y: index * ROW, width: view.x1 - view.x0, height: ROW, "class": "g-row selected" });
      }
      taskShapes(task, px, bars);
    }
    var arrows = linksThrough(view.first, view.last).map(linkShape);

    var today = dayNumber(state.data.today);
    var todayLine = "";
    var todayHead = "";
    if (today >= state.span.first && today <= state.span.last) {
      todayLine = svg("line", { x1: x(today) + px / 2, y1: rowsTop, x2: x(today) + px / 2, y2: rowsTop + rowsHeight,
        "class": "g-today" });
      todayHead = svg("rect", { x: x(today), y: HEAD / 2, width: Math.max(px, 2), height: HEAD / 2, "class": "g-today-head" });
    }
    var width = view.x1 - view.x0;
    var shift = ' transform="translate(' + (-view.x0) + "," + (-rowsTop) + ')"';
    chart.innerHTML =
      '<div class="g-head" data-width="' + state.width + '">' +
      '<svg xmlns="' + SVG_NS + '" width="' + width + '" height="' + HEAD + '" data-left="' + view.x0 +
      '" aria-hidden="true"><g transform="translate(' + (-view.x0) + ',0)">' +
      // today's shading goes under the day labels (after the header's background and lines), not over them
      head.slice(0, 3).join("") + todayHead + head.slice(3).join("") +
      "</g></svg></div>" +
      '<svg xmlns="' + SVG_NS + '" class="g-body" width="' + width + '" height="' + rowsHeight + '" data-left="' +
      view.x0 + '" data-top="' + (HEAD + rowsTop) + '">' + DEFS + "<g" + shift + ">" + band + "<g>" + grid.join("") +
      "</g>" + todayLine + '<g class="g-links">' + arrows.join("") + '</g><g class="g-bars">' + bars.join("") +
      "</g></g></svg>";
    applyInlineSizes(chart);
    state.chartDrawn = { first: view.first, last: view.last, x0: view.x0, x1: view.x1 };
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

  // The two panes are as tall as the plan needs, up to most of the window.
  function sizePanes() {
    var wanted = HEAD + Math.max(state.data.tasks.length, 1) * ROW + scrollbarHeight();
    var most = Math.max(Math.round(window.innerHeight * 0.72), 240);
    split.style.height = Math.min(wanted, most) + "px";
    applyTableWidth();
  }
  function scrollbarHeight() { return Math.max(scroller.offsetHeight - scroller.clientHeight, 0); }

  function render() {
    renderHeader();
    sizePanes();
    layoutChart();
    syncRows();
    renderRows();
    drawChart();
    renderSelection();
    page.dataset.drawn = String(Date.now());
  }

  // Drawn again on scroll, in the next frame, only when the view left what is drawn.
  function syncRows() {
    if (gridPane.scrollTop !== scroller.scrollTop) { gridPane.scrollTop = scroller.scrollTop; }
  }
  function refreshView(force) {
    if (!state.data) { return; }
    var rowsInView = covers(state.rowsDrawn, rowWindow());
    // A cell being edited that is scrolled far out of view is saved, as when it loses the focus.
    if (state.editing && !rowsInView && !state.editing.done) { finishEdit(true, null, true); }
    if (!state.editing && (force || !rowsInView)) { renderRows(); }
    if (!state.dragging && (force || !chartCovers(state.chartDrawn, chartWindow()))) { drawChart(); }
  }
  function scheduleRefresh() {
    if (state.frame) { return; }
    state.frame = window.requestAnimationFrame(function () { state.frame = 0; refreshView(false); });
  }
  scroller.addEventListener("scroll", function () { syncRows(); scheduleRefresh(); }, { passive: true });
  // The table pane follows the chart pane down; a wheel over the table scrolls the chart pane.
  gridPane.addEventListener("wheel", function (event) {
    if (Math.abs(event.deltaY) <= Math.abs(event.deltaX)) { return; }
    event.preventDefault();
    var unit = event.deltaMode === 1 ? ROW : (event.deltaMode === 2 ? scroller.clientHeight : 1);
    scroller.scrollTop += event.deltaY * unit;
  }, { passive: false });
  // Focus moving into a row at the table's edge scrolls the table pane; the chart pane follows it.
  gridPane.addEventListener("scroll", function () {
    if (gridPane.scrollTop !== scroller.scrollTop) { scroller.scrollTop = gridPane.scrollTop; }
  }, { passive: true });
  window.addEventListener("resize", function () { if (state.data) { sizePanes(); layoutChart(); refreshView(true); } });

  // Brings row `index` into view and draws it at once, so its cells can take the focus.
  function revealRow(index) {
    var top = index * ROW;
    var height = scroller.clientHeight - HEAD;
    if (top < scroller.scrollTop) { scroller.scrollTop = top; }
    else if (top + ROW > scroller.scrollTop + height) { scroller.scrollTop = top + ROW - height; }
    syncRows();
    refreshView(false);
  }

  // --- selection and the links panel ------------------------------------------------------------------

  function select(id) {
    if (id !== state.selected) { state.linkEditing = null; }
    state.selected = id;
    rowsBody.querySelectorAll("tr.is-selected").forEach(function (row) {
      row.classList.remove("is-selected");
      row.setAttribute("aria-selected", "false");
    });
    if (id !== null) {
      var row = rowsBody.querySelector('tr[data-id="' + id + '"]');
      if (row) { row.classList.add("is-selected"); row.setAttribute("aria-selected", "true"); }
    }
    drawChart();
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

  function linkEditorHtml(link, text) {
    var types = ["FS", "SS", "FF", "SF"].map(function (type) {
      return '<option value="' + type + '"' + (type === link.type ? " selected" : "") + ">" + type + "</option>";
    }).join("");
    return '<form class="link-edit" data-link-form="' + link.id + '" aria-label="' +
      escapeHtml(format(strings.edit_link_label, { link: text })) + '">' +
      '<span class="link-edit-name">' + escapeHtml(text.split(" · ")[0]) + "</span>" +
      '<label>' + escapeHtml(strings.type) + ' <select name="type">' + types + "</select></label>" +
      '<label>' + escapeHtml(strings.lag_days) + ' <input type="number" name="lag" step="1" class="narrow" value="' +
      escapeHtml(link.lag) + '"></label>' +
      '<button type="submit" class="btn btn-small btn-primary">' + escapeHtml(strings.save) + "</button>" +
      '<button type="button" class="btn btn-small" data-cancel-link="' + link.id + '">' + escapeHtml(strings.cancel) +
      "</button></form>";
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
        if (state.linkEditing === link.id && state.data.may_edit) {
          return '<li class="is-editing">' + linkEditorHtml(link, text) + "</li>";
        }
        var buttons = state.data.may_edit ?
          ' <span class="link-actions"><button type="button" class="btn btn-small btn-link" data-edit-link="' + link.id +
          '" aria-label="' + escapeHtml(format(strings.edit_link_label, { link: text })) + '">' +
          escapeHtml(strings.edit_link) + '</button><button type="button" class="btn btn-small btn-link" data-remove-link="' +
          link.id + '" aria-label="' + escapeHtml(format(strings.remove_link, { link: text })) + '">' +
          escapeHtml(strings.remove) + "</button></span>" : "";
        return '<li data-link="' + link.id + '"><span>' + escapeHtml(text) + "</span>" + buttons + "</li>";
      }).join("") + "</ul>";
    }
    body.innerHTML = '<div class="link-columns"><div><h3>' + escapeHtml(strings.predecessors) + "</h3>" +
      list(predecessors, "from") + "</div><div><h3>" + escapeHtml(strings.successors) + "</h3>" +
      list(successors, "to") + "</div></div>";
    var editor = body.querySelector("form.link-edit select");
    if (editor) { editor.focus(); }
    if (form) {
      form.hidden = false;
      form.querySelector('input[name="successor"]').value = task.id;
      var choice = form.querySelector('select[name="predecessor"]');
      // Every task but the selected one (summaries link too; not to their own subtasks: the API says
      // so). The list is built once per plan read: rebuilt on every selection it cost a keystroke
      // tens of milliseconds on a 2,000-task plan.
      if (state.predecessorsFor !== state.data) {
        var options = ['<option value="">' + escapeHtml(strings.choose_predecessor) + "</option>"];
        state.data.tasks.forEach(function (other) {
          options.push('<option value="' + other.id + '">' + escapeHtml(other.wbs + " " + other.name) + "</option>");
        });
        choice.innerHTML = options.join("");
        state.predecessorsFor = state.data;
        state.predecessorHidden = null;
      }
      if (state.predecessorHidden) { state.predecessorHidden.hidden = state.predecessorHidden.disabled = false; }
      var own = choice.options[task.index + 1];
      own.hidden = own.disabled = true;
      state.predecessorHidden = own;
      choice.value = "";
    }
  }

  // --- focus and keyboard ------------------------------------------------------------------------------

  function cellAt(id, col) {
    return rowsBody.querySelector('tr[data-id="' + id + '"] td[data-col="' + col + '"]');
  }

  // The cell `id`/`col` with its row drawn and in view.
  function revealCell(id, col) {
    var task = state.byId[id];
    if (!task) { return null; }
    revealRow(task.index);
    return cellAt(id, col) || cellAt(id, "name");
  }

  function focusCell(cell) {
    rowsBody.querySelectorAll('td[tabindex="0"]').forEach(function (other) { other.tabIndex = -1; });
    cell.tabIndex = 0;
    cell.focus({ preventScroll: true });
    // Sideways the table pane scrolls to the cell; down, revealRow already brought its row into view.
    var left = cell.offsetLeft;
    if (left < gridPane.scrollLeft) { gridPane.scrollLeft = left; }
    else if (left + cell.offsetWidth > gridPane.scrollLeft + gridPane.clientWidth) {
      gridPane.scrollLeft = left + cell.offsetWidth - gridPane.clientWidth;
    }
    var row = cell.parentNode;
    state.focus = { id: +row.dataset.id, col: cell.dataset.col };
    if (state.selected !== +row.dataset.id) { select(+row.dataset.id); }
  }

  // The cell `rowStep` rows or `colStep` columns away, as {id, col}; by index, so rows need not be drawn.
  function neighbour(id, col, rowStep, colStep, editableOnly) {
    var tasks = state.data.tasks;
    var columns = visibleColumns();
    var index = state.byId[id].index;
    if (colStep) {
      var task = tasks[index];
      for (var next = columns.indexOf(col) + colStep; next >= 0 && next < columns.length; next += colStep) {
        if (!editableOnly || cellEditable(task, columns[next])) { return { id: id, col: columns[next] }; }
      }
      // Past the row's last editable cell: on to the next (or previous) row.
      var order = colStep > 0 ? columns : columns.slice().reverse();
      for (var other = index + colStep; other >= 0 && other < tasks.length; other += colStep) {
        for (var i = 0; i < order.length; i++) {
          if (!editableOnly || cellEditable(tasks[other], order[i])) { return { id: tasks[other].id, col: order[i] }; }
        }
      }
      return null;
    }
    var target = tasks[index + rowStep];
    return target ? { id: target.id, col: col } : null;
  }

  function goTo(target) {
    if (!target) { return null; }
    var cell = revealCell(target.id, target.col);
    if (cell) { focusCell(cell); }
    return cell;
  }

  rowsBody.addEventListener("click", function (event) {
    if (event.target.closest("a.row-details")) { return; }  // the details link just navigates
    var cell = event.target.closest("td");
    if (!cell || !cell.dataset.col || state.editing) { return; }
    focusCell(cell);
    var task = state.byId[+cell.parentNode.dataset.id];
    if (cellEditable(task, cell.dataset.col)) { openEditor(cell); }
  });

  rowsBody.addEventListener("keydown", function (event) {
    var cell = event.target.closest("td");
    if (!cell || !cell.dataset.col || state.editing) { return; }
    var task = state.byId[+cell.parentNode.dataset.id];
    var col = cell.dataset.col;
    var columns = visibleColumns();
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
    var pageRows = Math.max(Math.floor((scroller.clientHeight - HEAD) / ROW) - 1, 1);
    switch (event.key) {
      case "ArrowDown": target = neighbour(task.id, col, 1, 0); break;
      case "ArrowUp": target = neighbour(task.id, col, -1, 0); break;
      case "PageDown": target = { id: state.data.tasks[Math.min(task.index + pageRows, state.data.tasks.length - 1)].id, col: col }; break;
      case "PageUp": target = { id: state.data.tasks[Math.max(task.index - pageRows, 0)].id, col: col }; break;
      case "ArrowRight": target = neighbour(task.id, col, 0, 1, false); break;
      case "ArrowLeft": target = neighbour(task.id, col, 0, -1, false); break;
      case "Home": target = { id: task.id, col: columns[0] }; break;
      case "End": target = { id: task.id, col: columns[columns.length - 1] }; break;
      case "Enter":
      case "F2":
        if (cellEditable(task, col)) { event.preventDefault(); openEditor(cell); }
        return;
      default: return;
    }
    event.preventDefault();
    if (target && target.id === task.id && target.col !== col && !cellAt(target.id, target.col)) { return; }
    goTo(target);
  });

  // A click on the chart selects the task of the row under it; a click on a link opens it for editing.
  chart.addEventListener("click", function (event) {
    if (state.dragSuppressClick) { state.dragSuppressClick = false; return; }
    var linkNode = event.target.closest("[data-link]");
    if (linkNode) {
      var link = linkById(+linkNode.getAttribute("data-link"));
      if (link) { openLinkEditor(link); }
      return;
    }
    var body = chart.querySelector("svg.g-body");
    if (!body || !body.contains(event.target)) { return; }
    var index = Math.floor((event.clientY - chart.getBoundingClientRect().top - HEAD) / ROW);
    var task = state.data.tasks[index];
    if (!task) { return; }
    var cell = revealCell(task.id, "name");
    if (cell) { focusCell(cell); }
  });

  function linkById(id) {
    for (var i = 0; i < state.data.links.length; i++) { if (state.data.links[i].id === id) { return state.data.links[i]; } }
    return null;
  }

  function openLinkEditor(link) {
    if (!state.data.may_edit) {
      var cell = revealCell(link.to, "name");
      if (cell) { focusCell(cell); }
      return;
    }
    var successorCell = revealCell(link.to, "name");
    if (successorCell) { focusCell(successorCell); }
    state.selected = link.to;
    state.linkEditing = link.id;
    renderSelection();
    var form = document.querySelector('form[data-link-form="' + link.id + '"]');
    if (form) { form.scrollIntoView({ block: "nearest" }); form.querySelector("select").focus(); }
  }

  // --- editing in place -----------------------------------------------------------------------------------

  function columnLabel(col) {
    var th = table.querySelector('thead th[data-col="' + col + '"]');
    return th ? th.textContent.trim() : col;
  }

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
    input.setAttribute("aria-label", format(strings.edit_cell, { column: columnLabel(col), task: task.wbs + " " + task.name }));
    state.editing = { cell: cell, task: task, col: col, input: input, original: value, done: false };
    cell.classList.add("editing");
    cell.textContent = "";
    cell.appendChild(input);
    input.focus({ preventScroll: true });
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
    var nextTarget = move ? neighbour(editing.task.id, editing.col, 0, move, true) : null;
    if (!changed) {
      state.editing = null;
      renderRows();
      if (!fromBlur) { afterEdit(nextTarget || { id: editing.task.id, col: editing.col }, !!nextTarget); }
      return;
    }
    var body = {};
    body[FIELD[editing.col]] = value;
    editing.input.disabled = true;
    editing.cell.setAttribute("aria-busy", "true");
    var task = editing.task;
    send("PATCH", urlFor(state.data.urls.task, task.id), body, taskTag(task),
      format(strings.saved, { task: editing.col === "name" ? value : task.name }), function () {
        state.editing = null;
        afterEdit(nextTarget || { id: task.id, col: editing.col }, !!nextTarget && !fromBlur, !fromBlur);
      }, function () { state.editing = null; });
  }

  function afterEdit(target, openNext, focus) {
    state.focus = target;
    if (!state.byId[target.id]) { return; }
    var cell = revealCell(target.id, target.col);
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

  function quoted(tag) {
    tag = String(tag);
    return tag.charAt(0) === '"' || tag.indexOf("W/") === 0 ? tag : '"' + tag + '"';
  }
  // If-Match for a task edit: the task's version.
  function taskTag(task) { return quoted(task.version); }
  // If-Match for links and outline moves: the plan's ETag.
  function planTag() { return quoted(state.data.plan_etag); }

  function call(method, url, body, ifMatch) {
    var headers = { "Accept": "application/json", "X-CSRFToken": csrfToken() };
    if (body !== null) { headers["Content-Type"] = "application/json"; }
    if (ifMatch) { headers["If-Match"] = ifMatch; }
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: headers,
      body: body === null ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (response.status === 204) { return { ok: true, status: 204, body: null }; }
      return response.json().then(function (answer) {
        return { ok: response.ok, status: response.status, body: answer };
      }, function () {
        return { ok: response.ok, status: response.status, body: null };
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

  // A write through the API, then the fresh plan (with its new plan_etag); `success` is the notice
  // shown when it worked. A stale or missing version (412, 428) shows the stale-edit notice.
  function send(method, url, body, ifMatch, success, done, refused) {
    if (state.busy) { if (refused) { refused(); } return; }
    state.busy = true;
    page.classList.add("is-busy");
    var result = null;
    call(method, url, body, ifMatch).then(function (answer) {
      result = answer;
      return answer.ok || answer.status === 412 || answer.status === 428 ? reload() : null;
    }).then(function () {
      if (result.ok) {
        showNotice("success", success);
      } else if (result.status === 412 || result.status === 428) {
        var extra = (result.body && result.body.extra) || {};
        // A stale task comes with its fresh values; a stale plan (412 without a task) with the server's
        // message saying so. A missing version (428) reads as stale: the plan is reloaded either way.
        var planMessage = result.status === 412 && !extra.task && result.body && result.body.message;
        var message = planMessage || strings.stale;
        showNotice("warning", message, [], extra.task);
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
      if (done) { done(result && result.ok ? result.body : null, result ? result.status : 0); }
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
    // An outline move changes the plan's structure: it is checked against the plan's ETag; a delete
    // is checked against the task's version.
    var ifMatch = action === "delete" ? taskTag(task) : planTag();
    var success = { indent: strings.indented, outdent: strings.outdented, "delete": strings.deleted }[action];
    send(method, url, null, ifMatch, format(success, { task: task.name }), function () {
      if (state.byId[task.id]) { var cell = revealCell(task.id, state.focus.col); if (cell) { focusCell(cell); } }
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
          var cell = revealCell(added.id, "name");
          if (cell) { focusCell(cell); }
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
      }, planTag(), strings.link_added);
    });
  }
  var linksBody = document.getElementById("plan-links-body");
  linksBody.addEventListener("click", function (event) {
    var remove = event.target.closest("[data-remove-link]");
    if (remove) {
      send("DELETE", urlFor(state.data.urls.dependency, remove.dataset.removeLink), null, planTag(), strings.link_removed);
      return;
    }
    var edit = event.target.closest("[data-edit-link]");
    if (edit) {
      state.linkEditing = +edit.dataset.editLink;
      renderSelection();
      return;
    }
    var cancel = event.target.closest("[data-cancel-link]");
    if (cancel) {
      state.linkEditing = null;
      renderSelection();
    }
  });
  linksBody.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-link-form]");
    if (!form) { return; }
    event.preventDefault();
    var fields = formFields(form);
    var id = +form.dataset.linkForm;
    send("PATCH", urlFor(state.data.urls.dependency, id), { type: fields.type, lag_days: fields.lag === "" ? null : Number(fields.lag) },
      planTag(), strings.link_changed, function (answer, status) {
        // Kept open only when the values were refused, so they can be corrected.
        if (answer || status === 412 || status === 428) { state.linkEditing = null; renderSelection(); }
      });
  });
  linksBody.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && event.target.closest("form[data-link-form]")) {
      state.linkEditing = null;
      renderSelection();
    }
  });

  // --- dragging bars ---------------------------------------------------------------------------------------

  // A bar dragged by its middle moves the task (a typed start), by its right end changes its finish
  // (a typed finish); both snap to working days of the plan calendar and are sent as the same PATCH as
  // a typed edit. Only tasks whose editable set holds the field can be dragged.
  function dragTip() {
    var tip = document.getElementById("plan-drag-tip");
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "plan-drag-tip";
      tip.className = "g-drag-tip";
      tip.setAttribute("role", "status");
      scroller.parentNode.appendChild(tip);
    }
    return tip;
  }

  chart.addEventListener("pointerdown", function (event) {
    if (event.button !== 0 || state.busy || state.editing) { return; }
    var group = event.target.closest(".g-task, .g-milestone");
    if (!group) { return; }
    var task = state.byId[+group.getAttribute("data-id")];
    var mode = event.target.closest("[data-handle]") ? "finish" : "start";
    if (!task || !cellEditable(task, mode)) { return; }
    event.preventDefault();
    state.dragging = { task: task, mode: mode, group: group, startX: event.clientX, delta: 0, day: null,
      pointer: event.pointerId };
    group.classList.add("dragging");
    try { chart.setPointerCapture(event.pointerId); } catch (e) { /* synthetic pointer */ }
  });

  function dragTarget(drag, clientX) {
    var moved = Math.round((clientX - drag.startX) / state.px);
    var task = drag.task;
    if (drag.mode === "start") {
      if (!moved) { return { day: task.startDay, shift: 0 }; }
      var start = workingFrom(task.startDay + moved, moved > 0 ? 1 : -1);
      return { day: start, shift: start - task.startDay };
    }
    var finish = Math.max(task.finishDay + moved, task.startDay);
    finish = workingFrom(finish, -1);
    if (finish < task.startDay) { finish = workingFrom(task.startDay, 1); }
    return { day: finish, shift: finish - task.finishDay };
  }

  chart.addEventListener("pointermove", function (event) {
    var drag = state.dragging;
    if (!drag || event.pointerId !== drag.pointer) { return; }
    var target = dragTarget(drag, event.clientX);
    drag.day = target.day;
    drag.moved = drag.moved || Math.abs(event.clientX - drag.startX) > 3;
    var task = drag.task;
    var tip = dragTip();
    if (drag.mode === "start") {
      drag.group.setAttribute("transform", "translate(" + (target.shift * state.px) + ",0)");
      var finish = task.milestone ? target.day : finishAfter(target.day, task.duration);
      tip.textContent = format(strings.drag_move, { start: isoOf(target.day), finish: isoOf(finish) });
    } else {
      var bar = drag.group.querySelector(".g-bar");
      var width = Math.max(x(target.day + 1) - x(task.startDay), 3);
      bar.setAttribute("width", width);
      tip.textContent = format(strings.drag_finish, { finish: isoOf(target.day) });
    }
    tip.style.left = (event.clientX + 14) + "px";
    tip.style.top = (event.clientY + 18) + "px";
    tip.hidden = !drag.moved;
  });

  function endDrag(event, cancelled) {
    var drag = state.dragging;
    if (!drag || event.pointerId !== drag.pointer) { return; }
    state.dragging = null;
    dragTip().hidden = true;
    drag.group.classList.remove("dragging");
    var task = drag.task;
    var original = drag.mode === "start" ? task.startDay : task.finishDay;
    if (!drag.moved) { return; }  // a click: the chart's click handler selects the task
    try { chart.releasePointerCapture(drag.pointer); } catch (e) { /* already released */ }
    state.dragSuppressClick = true;
    window.setTimeout(function () { state.dragSuppressClick = false; }, 0);
    if (cancelled || drag.day === null || drag.day === original) { drawChart(); return; }
    var body = {};
    body[drag.mode] = isoOf(drag.day);
    var message = drag.mode === "start" ? strings.moved : strings.resized;
    state.focus = { id: task.id, col: drag.mode };
    send("PATCH", urlFor(state.data.urls.task, task.id), body, taskTag(task),
      format(message, { task: task.name, date: isoOf(drag.day) }));
  }
  document.addEventListener("keydown", function (event) {
    var drag = state.dragging;
    if (!drag || event.key !== "Escape") { return; }
    event.preventDefault();
    endDrag({ pointerId: drag.pointer }, true);  // Escape puts the bar back; nothing is sent
  });
  chart.addEventListener("pointerup", function (event) { endDrag(event, false); });
  chart.addEventListener("pointercancel", function (event) { endDrag(event, true); });
  chart.addEventListener("lostpointercapture", function (event) { if (state.dragging) { endDrag(event, false); } });

  // --- the divider between table and chart -----------------------------------------------------------------

  function tableNaturalWidth() { return table.offsetWidth + 2; }
  function clampWidth(width) {
    var most = Math.max(split.clientWidth - divider.offsetWidth - 160, 160);
    return Math.round(Math.min(Math.max(width, 120), most));
  }
  function applyTableWidth() {
    var saved = parseInt(stored(STORE.width, ""), 10);
    var width = saved > 0 ? saved : Math.min(tableNaturalWidth(), split.clientWidth * 0.5);
    gridPane.style.width = clampWidth(width) + "px";
    divider.setAttribute("aria-valuenow", String(gridPane.offsetWidth));
  }
  function setTableWidth(width) {
    width = clampWidth(width);
    gridPane.style.width = width + "px";
    store(STORE.width, String(width));
    divider.setAttribute("aria-valuenow", String(width));
    layoutChart();
    refreshView(true);
  }
  divider.addEventListener("pointerdown", function (event) {
    if (event.button !== 0) { return; }
    event.preventDefault();
    var startX = event.clientX;
    var startWidth = gridPane.offsetWidth;
    divider.classList.add("dragging");
    try { divider.setPointerCapture(event.pointerId); } catch (e) { /* synthetic pointer */ }
    function move(moveEvent) { gridPane.style.width = clampWidth(startWidth + moveEvent.clientX - startX) + "px"; }
    function up(upEvent) {
      divider.removeEventListener("pointermove", move);
      divider.removeEventListener("pointerup", up);
      divider.classList.remove("dragging");
      setTableWidth(startWidth + upEvent.clientX - startX);
    }
    divider.addEventListener("pointermove", move);
    divider.addEventListener("pointerup", up);
  });
  divider.addEventListener("keydown", function (event) {
    var step = event.shiftKey ? 80 : 20;
    if (event.key === "ArrowLeft") { event.preventDefault(); setTableWidth(gridPane.offsetWidth - step); }
    else if (event.key === "ArrowRight") { event.preventDefault(); setTableWidth(gridPane.offsetWidth + step); }
  });

  // --- the columns menu ------------------------------------------------------------------------------------

  var columnsMenu = document.getElementById("plan-columns");
  function renderColumnsMenu() {
    if (!columnsMenu) { return; }
    var list = columnsMenu.querySelector(".columns-list");
    list.innerHTML = state.columns.filter(function (col) { return col !== "name"; }).map(function (col) {
      return '<label class="check"><input type="checkbox" data-column="' + col + '"' +
        (state.hidden.indexOf(col) < 0 ? " checked" : "") + "> " + escapeHtml(columnLabel(col)) + "</label>";
    }).join("");
  }
  if (columnsMenu) {
    columnsMenu.addEventListener("change", function (event) {
      var box = event.target.closest("[data-column]");
      if (!box) { return; }
      var col = box.dataset.column;
      state.hidden = state.hidden.filter(function (other) { return other !== col; });
      if (!box.checked) { state.hidden.push(col); }
      store(STORE.hidden, JSON.stringify(state.hidden));
      if (visibleColumns().indexOf(state.focus.col) < 0) { state.focus.col = "name"; }
      renderHeader();
      renderRows();
    });
  }

  // --- toolbar ---------------------------------------------------------------------------------------

  function setZoom(zoom) {
    if (!PX_PER_DAY[zoom]) { zoom = "day"; }
    state.zoom = zoom;
    store(STORE.zoom, zoom);
    page.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.zoom === zoom));
    });
  }
  page.querySelectorAll("[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () {
      setZoom(button.dataset.zoom);
      layoutChart();
      scrollToToday();
      refreshView(true);
    });
  });

  function scrollToDay(day) {
    scroller.scrollLeft = Math.max(x(day) - scroller.clientWidth / 3, 0);
  }
  function scrollToToday() { scrollToDay(dayNumber(state.data.today)); }
  // The chart opens around today when today lies within the plan, else at the project's start.
  function openingScroll() {
    var today = dayNumber(state.data.today);
    var plan = state.span.plan;
    if (today >= plan.first && today <= plan.last) { scrollToToday(); }
    else { scroller.scrollLeft = Math.max(x(plan.first) - 3 * state.px, 0); }
  }
  document.getElementById("scroll-today").addEventListener("click", function () { scrollToToday(); refreshView(false); });

  var baselineSelect = document.getElementById("baseline-select");
  baselineSelect.addEventListener("change", function () { baselineSelect.form.submit(); });

  state.monthFormat = new Intl.DateTimeFormat(lang, { month: "short", year: "numeric", timeZone: "UTC" });
  state.monthOnly = new Intl.DateTimeFormat(lang, { month: "short", timeZone: "UTC" });
  setData(JSON.parse(document.getElementById("plan-data").textContent));
  setZoom(state.zoom);
  if (state.data.tasks.length) { state.focus = { id: state.data.tasks[0].id, col: "name" }; }
  renderColumnsMenu();
  render();
  openingScroll();
  refreshView(false);
  page.dataset.ready = "true";
  // For bench/bench_gantt.py: when the page was drawn and editable, and when that reached the screen,
  // and a way to time one redraw of what is in view.
  if (window.performance && window.performance.mark) {
    window.performance.mark("gantt-ready");
    window.requestAnimationFrame(function () {
      window.setTimeout(function () { window.performance.mark("gantt-painted"); }, 0);
    });
  }
  page.redrawView = function () { refreshView(true); };
})();
