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
