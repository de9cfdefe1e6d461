// 部门决算公开报告工具: drag and drop, a busy note while the server works, and the live batch table.
// Plain JavaScript, shipped with the package; every value from the server is set as text, never as HTML.
(function () {
  "use strict";

  function describe(files) {
    if (!files || !files.length) return "尚未选择文件";
    var names = [];
    for (var i = 0; i < files.length && i < 5; i++) names.push(files[i].name);
    return "已选择 " + files.length + " 个文件：" + names.join("、") + (files.length > 5 ? "……" : "");
  }

  document.querySelectorAll("[data-dropzone]").forEach(function (zone) {
    var input = zone.querySelector("input[type=file]");
    var chosen = zone.querySelector("[data-chosen]");
    input.addEventListener("change", function () { chosen.textContent = describe(input.files); });
    ["dragenter", "dragover"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      zone.addEventListener(ev, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      if (!e.dataTransfer || !e.dataTransfer.files.length) return;
      input.files = e.dataTransfer.files;
      chosen.textContent = describe(input.files);
    });
  });

  document.querySelectorAll("form[data-busy]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      var note = form.querySelector("[data-busy-text]");
      if (note) { note.textContent = form.getAttribute("data-busy"); note.hidden = false; }
    });
  });

  document.querySelectorAll("[data-back]").forEach(function (a) {
    a.addEventListener("click", function (e) {
      if (history.length > 1) { e.preventDefault(); history.back(); }
    });
  });

  var batch = document.getElementById("batch");
  if (!batch) return;
  var url = batch.getAttribute("data-status-url");
  var job = batch.getAttribute("data-job");
  var KINDS = { docx: "报告", pdf: "PDF", annotated: "标注副本" };

  function cell(tr, text, cls) {
    var td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "" : String(text);
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }

  function render(s) {
    document.getElementById("state").textContent = s.state;
    document.getElementById("done").textContent = s.done;
    document.getElementById("total").textContent = s.total;
    var progress = document.getElementById("progress");
    progress.max = s.total; progress.value = s.done;
    var parts = [];
    Object.keys(s.counts).forEach(function (k) { parts.push(k + " " + s.counts[k]); });
    document.getElementById("counts").textContent = "（" + parts.concat(["用时 " + s.seconds + " 秒"]).join("，") + "）";
    var msg = document.getElementById("message");
    msg.hidden = !s.message; msg.textContent = s.message || "";
    document.getElementById("finished-links").hidden = !s.summary;
    var body = document.querySelector("#rows tbody");
    while (body.firstChild) body.removeChild(body.firstChild);
    s.rows.forEach(function (r) {
      var tr = document.createElement("tr");
      tr.className = "s-" + r.status;
      tr.setAttribute("data-index", r.index);
      cell(tr, r.index + 1); cell(tr, r.file); cell(tr, r.department, "dept"); cell(tr, r.year);
      cell(tr, r.status, "status"); cell(tr, r.errors); cell(tr, r.warnings);
      r.figures.forEach(function (v) { cell(tr, v, "num"); });
      cell(tr, r.problem + (r.notes.length ? "；" + r.notes.join("；") : ""), "problem");
      var links = cell(tr, "");
      r.files.forEach(function (kind) {
        var a = document.createElement("a");
        a.href = "/collect/" + encodeURIComponent(job) + "/download/" + r.index + "/" + kind;
        a.setAttribute("download", "");
        a.textContent = KINDS[kind] || kind;
        links.appendChild(a);
        links.appendChild(document.createTextNode(" "));
      });
      body.appendChild(tr);
    });
    batch.setAttribute("data-finished", s.finished ? "1" : "0");
  }

  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (s) { render(s); if (!s.finished) setTimeout(poll, 1000); })
      .catch(function () {
        var msg = document.getElementById("message");
        msg.hidden = false; msg.textContent = "无法获取进度（服务可能已停止）。请刷新本页。";
      });
  }
  poll();
})();
