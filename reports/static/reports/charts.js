// The dashboards' charts: each `.chart[data-chart]` names a json_script block (reports/charts.py) that holds
// the chart's kind, series and labels, already translated by the server; this file holds no words.
// ECharts draws with its SVG renderer, so a printed page gets sharp vector charts; charts follow the size
// of their container (window resizes, the print layout).
(function () {
  "use strict";

  var charts = [];

  function guideLines(guides, axis) {
    return (guides || []).map(function (guide) {
      var line = { name: guide.label, lineStyle: { color: guide.colour, type: "dashed" }, label: { formatter: guide.label, color: guide.colour, position: "end" } };
      line[axis] = guide.value;
      return line;
    });
  }

  function legend() {
    return { top: 0, type: "scroll" };
  }

  function grid(right) {
    return { left: 56, right: right || 24, top: 40, bottom: 40, containLabel: true };
  }

  function scatter(data) {
    var xs = data.points.map(function (point) { return point.value[0]; }).concat(data.x_guides.map(function (g) { return g.value; }));
    var ys = data.points.map(function (point) { return point.value[1]; }).concat(data.y_guides.map(function (g) { return g.value; }));
    function bounds(values) {
      return { min: Math.max(0, Math.floor((Math.min.apply(null, values) - 0.1) * 10) / 10), max: Math.ceil((Math.max.apply(null, values) + 0.1) * 10) / 10 };
    }
    var xBounds = bounds(xs);
    var yBounds = bounds(ys);
    return {
      grid: grid(72),
      tooltip: { trigger: "item", formatter: function (item) { return item.name + "<br>" + data.x_name + ": " + item.value[0] + "<br>" + data.y_name + ": " + item.value[1]; } },
      xAxis: { type: "value", name: data.x_name, nameLocation: "middle", nameGap: 28, min: xBounds.min, max: xBounds.max },
      yAxis: { type: "value", name: data.y_name, nameLocation: "middle", nameGap: 40, min: yBounds.min, max: yBounds.max },
      series: [{
        type: "scatter",
        symbolSize: 12,
        data: data.points.map(function (point) {
          return { name: point.name, value: point.value, url: point.url, itemStyle: { color: point.colour } };
        }),
        markLine: { symbol: "none", silent: true, data: guideLines(data.x_guides, "xAxis").concat(guideLines(data.y_guides, "yAxis")) }
      }]
    };
  }

  function categorySeries(data, type, extra) {
    return data.series.map(function (series) {
      return Object.assign({ type: type, name: series.name, data: series.data, itemStyle: { color: series.colour }, lineStyle: { color: series.colour } }, extra || {});
    });
  }

  function bars(data) {
    // Past four groups the names no longer fit side by side: slanted, and cut to a width.
    var slanted = data.categories.length > 4;
    var options = {
      grid: grid(), legend: legend(), tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.categories, axisLabel: { interval: 0, overflow: "truncate", width: slanted ? 90 : 120, rotate: slanted ? 30 : 0 } },
      yAxis: { type: "value", name: data.unit },
      series: categorySeries(data, "bar")
    };
    options.grid.top = 56;  // room for the unit under the legend
    return options;
  }

  function stacked(data) {
    return {
      grid: grid(), legend: legend(), tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.categories },
      yAxis: { type: "value", name: data.y_name, minInterval: 1 },
      series: categorySeries(data, "bar", { stack: "bands", barMaxWidth: 24 })
    };
  }

  function lines(data) {
    var series = categorySeries(data, "line", { connectNulls: false, showSymbol: data.categories.length < 20 });
    if (series.length && data.y_guides) {
      series[0].markLine = { symbol: "none", silent: true, data: guideLines(data.y_guides, "yAxis") };
    }
    return {
      grid: grid(96), legend: legend(), tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.categories },
      yAxis: { type: "value", scale: true },
      series: series
    };
  }

  function timeLines(data) {
    var series = data.series.filter(function (s) { return s.data.length; }).map(function (s) {
      return {
        type: "line", name: s.name, data: s.data, showSymbol: s.data.length < 3,
        itemStyle: { color: s.colour }, lineStyle: { color: s.colour, type: s.dashed ? "dashed" : "solid" }
      };
    });
    if (series.length && data.markers.length) {
      series[0].markLine = {
        symbol: "none", silent: true,
        data: data.markers.map(function (marker) { return { xAxis: marker.value, label: { formatter: marker.label } }; })
      };
    }
    return {
      grid: grid(), legend: legend(), tooltip: { trigger: "axis" },
      xAxis: { type: "time" },
      yAxis: { type: "value", name: data.unit },
      series: series
    };
  }

  // The schedule-risk page (risks/charts.py): a histogram of the finish dates, the cumulative chance of
  // finishing by each date (the S-curve) and a horizontal tornado of the tasks that drive the finish.
  function categoryMarkers(markers) {
    return (markers || []).map(function (marker) {
      return { xAxis: marker.value, lineStyle: { color: marker.colour, type: "dashed" }, label: { formatter: marker.label, color: marker.colour, position: "end" } };
    });
  }

  function histogram(data) {
    return {
      grid: grid(), tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.categories, name: data.x_name, nameLocation: "middle", nameGap: 32 },
      yAxis: { type: "value", name: data.y_name, minInterval: 1 },
      series: [{
        type: "bar", name: data.y_name, data: data.counts, barCategoryGap: "2%", itemStyle: { color: data.colour },
        markLine: { symbol: "none", silent: true, data: categoryMarkers(data.markers) }
      }]
    };
  }

  function cumulative(data) {
    return {
      grid: grid(), tooltip: { trigger: "axis", valueFormatter: function (value) { return value + "%"; } },
      xAxis: { type: "category", data: data.categories, boundaryGap: false, name: data.x_name, nameLocation: "middle", nameGap: 32 },
      yAxis: { type: "value", name: data.y_name, min: 0, max: 100 },
      series: [{
        type: "line", step: "end", name: data.y_name, data: data.values, showSymbol: false,
        itemStyle: { color: data.colour }, lineStyle: { color: data.colour }, areaStyle: { opacity: 0.1 },
        markLine: { symbol: "none", silent: true, data: categoryMarkers(data.markers) }
      }]
    };
  }

  function tornado(data) {
    var options = {
      grid: grid(), tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", name: data.x_name, nameLocation: "middle", nameGap: 28, min: -1, max: 1 },
      yAxis: { type: "category", data: data.categories, axisLabel: { overflow: "truncate", width: 180 } },
      series: [{
        type: "bar", name: data.x_name,
        data: data.values.map(function (value) { return { value: value, itemStyle: { color: value < 0 ? data.negative_colour : data.colour } }; })
      }]
    };
    options.grid.left = 16;
    return options;
  }

  var BUILDERS = {
    scatter: scatter, bars: bars, stacked: stacked, lines: lines, time_lines: timeLines,
    histogram: histogram, cumulative: cumulative, tornado: tornado
  };

  function isEmpty(data) {
    if (data.kind === "scatter") return !data.points.length;
    if (data.kind === "time_lines") return !data.series.some(function (s) { return s.data.length; });
    return !data.categories.length;
  }

  function draw(container) {
    var source = document.getElementById(container.dataset.chart);
    if (!source) return;
    var data = JSON.parse(source.textContent);
    if (isEmpty(data)) {
      var note = document.createElement("p");
      note.className = "muted chart-empty";
      note.textContent = data.empty;
      container.replaceWith(note);
      return;
    }
    var chart = window.echarts.init(container, null, { renderer: "svg" });
    chart.setOption(Object.assign({ animation: false, textStyle: { fontFamily: "inherit" } }, BUILDERS[data.kind](data)));
    if (data.kind === "scatter") {
      chart.on("click", function (item) {
        if (item.data && item.data.url) window.location.href = item.data.url;
      });
    }
    container.dataset.drawn = "true";
    charts.push(chart);
  }

  function resizeAll() {
    charts.forEach(function (chart) { chart.resize(); });
  }

  function start() {
    if (!window.echarts) return;
    document.querySelectorAll(".chart[data-chart]").forEach(draw);
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(resizeAll);
      document.querySelectorAll(".chart[data-drawn]").forEach(function (element) { observer.observe(element); });
    } else {
      window.addEventListener("resize", resizeAll);
    }
    window.addEventListener("beforeprint", resizeAll);
    if (window.matchMedia) window.matchMedia("print").addEventListener("change", resizeAll);
    window.addEventListener("afterprint", resizeAll);
    document.body.dataset.chartsReady = "true";
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
