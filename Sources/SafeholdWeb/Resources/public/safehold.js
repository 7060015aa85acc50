// Moves keyboard focus to the error summary when a form comes back with problems.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});

// Police protection clocks: hours since removal, counted live from the instant the server gave
// (data-removed-at, UTC). Due soon from 48 hours; overdue after 72 (Children Act 1989 s46(6)).
function safeholdClocks() {
  var clocks = document.querySelectorAll("[data-removed-at]:not([data-ended])");
  for (var i = 0; i < clocks.length; i++) {
    var removed = Date.parse(clocks[i].getAttribute("data-removed-at"));
    if (isNaN(removed)) { continue; }
    var elapsed = Math.max(0, Date.now() - removed) / 3600000;
    var hours = Math.floor(elapsed);
    var state = elapsed > 72 ? "overdue" : (elapsed >= 48 ? "due_soon" : "running");
    clocks[i].textContent = state === "overdue"
      ? "Overdue: " + hours + " hours, more than the 72 the law allows"
      : (state === "due_soon" ? "Due soon: " : "") + hours + " of 72 hours";
    clocks[i].className = "clock clock-" + state;
  }
}
document.addEventListener("DOMContentLoaded", function () {
  safeholdClocks();
  setInterval(safeholdClocks, 60000);
});

// The idle-session warning: two minutes before a session left idle would end (data-idle-seconds), the
// banner asks whether to stay signed in; the button asks the server (data-check), which counts as activity.
// A session that already ended answers with the sign-in page, not JSON: the banner then says so, so the
// worker can copy what they typed before signing in again.
function safeholdSessionWarning() {
  var banner = document.getElementById("session-warning");
  if (!banner) { return; }
  var idle = parseInt(banner.getAttribute("data-idle-seconds"), 10);
  if (!(idle > 180)) { return; }
  var text = banner.querySelector("p"), button = banner.querySelector("button"), timer = null;
  function arm() {
    clearTimeout(timer);
    banner.hidden = true;
    timer = setTimeout(function () { banner.hidden = false; button.focus(); }, (idle - 120) * 1000);
  }
  function ended() {
    text.textContent = "Your session has ended. Copy anything you typed and have not saved, then sign in again.";
    button.hidden = true;
  }
  button.addEventListener("click", function () {
    fetch(banner.getAttribute("data-check"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.ok && type.indexOf("application/json") === 0) { arm(); } else { ended(); }
      })
      .catch(ended);
  });
  arm();
}
document.addEventListener("DOMContentLoaded", safeholdSessionWarning);
