// The progress page of a running job: ask the server for the job's state twice a second (a small JSON answer from
// /jobs/<id>/status, on this server only) and show it; when the job has ended, load the page again for its answer.
// Without JavaScript the page refreshes itself every second instead (<noscript> in its head).
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (!box || !box.dataset.job) {
    return;
  }
  var bar = document.getElementById("progress-bar");
  var url = "/jobs/" + encodeURIComponent(box.dataset.job) + "/status";

  function poll() {
    fetch(url, {credentials: "same-origin", cache: "no-store", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : {state: "unknown"}; })
      .then(function (s) {
        if (s.state === "queued" || s.state === "running") {
          box.textContent = s.text;
          if (bar && typeof s.elapsed === "number") {
            bar.value = s.elapsed;
          }
          window.setTimeout(poll, 500);
        } else {
          window.location.reload();  // done, failed, cancelled elsewhere or forgotten: the page itself says which
        }
      })
      .catch(function () { window.setTimeout(poll, 1000); });  // the server is busy or restarting: ask again
  }
  window.setTimeout(poll, 500);
}());
