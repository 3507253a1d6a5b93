// eenvoudig serve: a little script for the review page. Without it the page works too (buttons post the form).
// A choice shows at once in the letter; the level is measured again on the server from the text with the
// accepted changes, and the answer (a piece of HTML made by the server) replaces the level band.
"use strict";
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", function () {
  const form = document.getElementById("keuzes");
  const meter = document.getElementById("meter");
  if (!form || !meter) {
    return;
  }
  let asked = 0;
  let waiting = null;

  function measureSoon() {  // a few quick choices in a row are measured once
    clearTimeout(waiting);
    meter.setAttribute("aria-busy", "true");
    waiting = setTimeout(measure, 150);
  }

  function show(number, state) {
    document.querySelectorAll('[data-voorstel="' + number + '"]').forEach(function (el) {
      el.classList.remove("open", "ja", "nee");
      el.classList.add(state);
    });
  }

  async function measure() {
    const mine = ++asked;
    meter.setAttribute("aria-busy", "true");
    try {
      const answer = await fetch("/brief/meten?deel=meter", {method: "POST", body: new FormData(form),
                                                           credentials: "same-origin"});
      const html = await answer.text();
      if (mine === asked) {
        if (answer.ok) {
          meter.innerHTML = html;
        } else {
          meter.textContent = meter.dataset.fout;
        }
      }
    } catch (err) {
      if (mine === asked) {
        meter.textContent = meter.dataset.fout;
      }
    } finally {
      if (mine === asked) {
        meter.removeAttribute("aria-busy");
      }
    }
  }

  const allSafe = document.getElementById("alles-veilig");

  // The button says how many safe changes are still open; with none open it says so and does nothing.
  function countSafe() {
    if (!allSafe) {
      return;
    }
    let open = 0;
    document.querySelectorAll('input[data-veilig][value="ja"]').forEach(function (radio) {
      if (!radio.checked) {
        open += 1;
      }
    });
    allSafe.disabled = open === 0;
    allSafe.textContent = open === 0 ? allSafe.dataset.klaar
      : "Alle veilige verbeteringen overnemen (" + open + ")";
  }

  document.addEventListener("change", function (event) {
    const input = event.target;
    if (input.matches('input[type="radio"][name^="keuze-"]')) {
      show(input.name.slice("keuze-".length), input.value);
      countSafe();
      measureSoon();
    }
  });

  if (allSafe) {
    allSafe.addEventListener("click", function (event) {
      event.preventDefault();
      document.querySelectorAll('input[data-veilig][value="ja"]').forEach(function (radio) {
        radio.checked = true;
        show(radio.name.slice("keuze-".length), "ja");
      });
      countSafe();
      measureSoon();
    });
  }
});
