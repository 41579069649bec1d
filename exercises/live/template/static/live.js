/* The live course's page: nothing the learner does is lost in silence.
   Loaded in <head>, before Voilà's own scripts, so that the kernel's
   websocket is followed from its first connection.

   - A lost connection to the kernel (the server stopped, the network gone)
     shows a banner at once; a button clicked then says, next to the button,
     that it did not reach the course. A click the kernel does not answer
     within a few seconds says so too.
   - Leaving the page while an exercise holds unsaved changes (its widget
     has the class kurs-ulagret, set by exercises/views/unsaved.py) asks first.
   - Feedback under a control (class kurs-svar) is a live region, so screen
     readers read it when it changes; a list of check boxes is a named group.
   - Voilà draws the chapter in its own shell at the end of <body>, with an
     inner scrolling area: the shell is moved into <main>, after the
     header and before «Forrige/Neste», and scrolls with the page.
   - Voilà's loading text is in bokmål. */
(function () {
  'use strict';
  var NO_ANSWER_MS = 8000;
  var lost = false, leaving = false, discard = false, lastMessage = 0;

  // -- the kernel's connection --------------------------------------------------
  var Native = window.WebSocket;
  function Followed(url, protocols) {
    var socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    if (/\/api\/kernels\/[^/]+\/channels/.test(String(url))) {
      socket.addEventListener('open', function () { setLost(false); });
      socket.addEventListener('message', function () { lastMessage = Date.now(); });
      socket.addEventListener('close', function () { if (!leaving) setLost(true); });
    }
    return socket;
  }
  Followed.prototype = Native.prototype;
  ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'].forEach(function (k) { Followed[k] = Native[k]; });
  window.WebSocket = Followed;
  window.addEventListener('pagehide', function () { leaving = true; });

  function banner() {
    var found = document.getElementById('kurs-brudd');
    if (found) return found;
    var div = document.createElement('div');
    div.id = 'kurs-brudd';
    div.className = 'kurs-brudd';
    div.setAttribute('role', 'alert');
    div.hidden = true;
    document.body.insertBefore(div, document.body.firstChild);
    return div;
  }

  function setLost(now) {
    lost = now;
    window.kursForbindelseBrutt = now;
    var div = banner();
    if (now) {
      div.textContent = 'Forbindelsen til kurset er brutt. Ingenting du gjør på denne siden, blir lagret nå. ' +
        'Det du har lagret før, er i behold. Kopier det du ikke har lagret (for eksempel til et dokument), ' +
        'start kurset på nytt (python3 kurs.py start) og last inn siden igjen.';
      div.hidden = false;
    } else {
      div.hidden = true;
      div.textContent = '';
    }
  }

  function sayNextTo(button, text) {
    var holder = button.closest('.widget-button') || button;
    var next = holder.nextElementSibling;
    if (!next || !next.classList.contains('kurs-uten-svar')) {
      next = document.createElement('div');
      next.className = 'kurs-uten-svar';
      next.setAttribute('role', 'alert');
      holder.parentNode.insertBefore(next, holder.nextSibling);
    }
    next.textContent = text;
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('#rendered_cells button, #rendered_cells .jupyter-button');
    if (!button) return;
    var upload = button.closest('.widget-upload');  // opens the file chooser; the kernel hears of it later
    var name = (button.textContent || '').trim() || 'Knappen';
    if (lost) {
      sayNextTo(button, '«' + name + '» nådde ikke fram: forbindelsen til kurset er brutt, så ingenting er lagret. ' +
        'Det du har skrevet, står fortsatt i skjemaet.');
      return;
    }
    if (upload) return;
    var clicked = Date.now();
    setTimeout(function () {
      if (lastMessage < clicked) {
        sayNextTo(button, '«' + name + '» har ikke fått svar fra kurset på ' + NO_ANSWER_MS / 1000 + ' sekunder, ' +
          'så det er ikke sikkert at noe er lagret. Vent litt og se etter en melding, eller trykk igjen.');
      }
    }, NO_ANSWER_MS);
  }, true);

  // -- leaving with unsaved changes ----------------------------------------------
  window.addEventListener('beforeunload', function (event) {
    if (discard || !document.querySelector('.kurs-ulagret')) return undefined;
    event.preventDefault();
    event.returnValue = '';
    return '';
  });
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a.kurs-last-pa-nytt');
    if (!link) return;
    event.preventDefault();
    discard = true;
    window.location.reload();
  });

  // -- live regions, groups, the shell in <main> ---------------------------------
  function tidy() {
    document.querySelectorAll('.kurs-svar:not([aria-live])').forEach(function (el) {
      el.setAttribute('aria-live', 'polite');
    });
    document.querySelectorAll('.kurs-avkrysning:not([role])').forEach(function (el) {
      var title = el.querySelector('.kurs-valg-tittel');
      el.setAttribute('role', 'group');
      if (title) {
        if (!title.id) title.id = 'kurs-gruppe-' + Math.random().toString(36).slice(2);
        el.setAttribute('aria-labelledby', title.id);
      }
    });
    var shell = document.querySelector('body > .jp-LabShell');
    var main = document.getElementById('innhold');
    if (shell && main) main.appendChild(shell);
  }
  function start() {
    banner();
    tidy();
    new MutationObserver(tidy).observe(document.body, {childList: true, subtree: true});
  }
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);

  // -- Voilà's loading text, in bokmål ------------------------------------------------
  window.kursLasteTekst = function (cellIndex, cellCount, text) {
    var el = document.getElementById('loading_text');
    if (el) el.textContent = text || ('Kjører del ' + cellIndex + ' av ' + cellCount + ' …');
  };
})();
