/* Two-lives lesson page: drives the embedded map of Lenin and Trotsky as the reader scrolls.
 *
 * Each <section class="chapter"> names what the map should show:
 *   data-person="ID" (or "" for both lives) and data-period="ID" (or "" for the whole time):
 *     sent as postMessage {type: "itinerary:setPerson", person} then "itinerary:setPeriod";
 *   data-meeting="ID": a meeting of the two; the protocol has no message for it, so the frame's
 *     #hash is changed instead (#embed&person=&period=&meeting=ID, read by the map on hashchange),
 *     which shows both lives at the day they met.
 * The map sends {type: "itinerary:ready", persons: [...]} once and "itinerary:stop" on each
 * change. Loaded in <head> so the listener exists before the frame can say "ready".
 */
(function () {
  'use strict';

  var BASE = '../output/two-lives.html';
  var frame = null;
  var ready = false;
  var queued = []; // what was asked for before the map was ready: [section]
  var asked = 0; // makes each meeting hash new, so asking again moves the map again

  function mapFrame() { return frame || (frame = document.getElementById('map-frame')); }
  function targetOrigin() { // file:// pages have opaque origins that cannot be named
    return /^https?:$/.test(location.protocol) ? location.origin : '*';
  }
  function post(message) {
    var f = mapFrame();
    if (f && f.contentWindow) f.contentWindow.postMessage(message, targetOrigin());
  }
  function orNull(value) { return value ? value : null; }

  function show(section) {
    if (!ready) { queued = [section]; return; } // only the latest matters
    var meeting = section.getAttribute('data-meeting');
    if (meeting) {
      asked += 1;
      var f = mapFrame();
      if (f) f.src = BASE + '#embed&person=&period=&meeting=' + encodeURIComponent(meeting) +
        '&n=' + asked;
      return;
    }
    if (section.hasAttribute('data-person')) {
      post({ type: 'itinerary:setPerson', person: orNull(section.getAttribute('data-person')) });
    }
    post({ type: 'itinerary:setPeriod', period: orNull(section.getAttribute('data-period')) });
  }

  function setText(id, text) {
    var node = document.getElementById(id);
    if (node) node.textContent = text; // map text is data, never markup
  }

  window.addEventListener('message', function (event) {
    var f = mapFrame();
    if (!f || event.source !== f.contentWindow) return; // only our own map frame
    var m = event.data;
    if (!m || typeof m !== 'object' || typeof m.type !== 'string') return;
    if (m.type === 'itinerary:ready') {
      if (ready) return; // a second "ready" would only follow a reload of the frame
      ready = true;
      var missing = document.getElementById('map-missing');
      if (missing) missing.hidden = true;
      var pending = queued;
      queued = [];
      pending.forEach(show);
    } else if (m.type === 'itinerary:stop' && m.stop && typeof m.stop === 'object') {
      setText('now-showing', 'The map shows: ' + String(m.stop.place || '') +
        (m.stop.label ? ', ' + String(m.stop.label) : ''));
    }
  });

  function start() {
    var chapters = Array.prototype.slice.call(document.querySelectorAll('.chapter'));
    var active = null;
    function activate(section) {
      if (section === active) return;
      if (active) { active.classList.remove('active'); active.removeAttribute('aria-current'); }
      active = section;
      section.classList.add('active');
      section.setAttribute('aria-current', 'step');
      show(section);
    }
    if ('IntersectionObserver' in window) {
      // A thin band just above the middle of the screen: the section crossing it is "current".
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (e) { if (e.isIntersecting) activate(e.target); });
      }, { rootMargin: '-45% 0px -50% 0px' });
      chapters.forEach(function (c) { observer.observe(c); });
    }
    Array.prototype.forEach.call(document.querySelectorAll('button.play'), function (b) {
      b.addEventListener('click', function () {
        var section = b.closest('.chapter');
        if (section) show(section);
        if (ready) post({ type: 'itinerary:play' });
      });
    });
    window.setTimeout(function () { // no "ready": most likely the map was not built
      if (ready) return;
      var missing = document.getElementById('map-missing');
      if (missing) missing.hidden = false;
      setText('now-showing', 'The map did not load.');
    }, 8000);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
