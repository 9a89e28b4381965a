/* Lesson page: drives the embedded itinerary map with postMessage as the reader scrolls.
 *
 * Protocol (see the project README, "Lesson pages and embedding"): the map frame sends
 * {type: "itinerary:ready"} once and {type: "itinerary:stop", stop: {...}} when the stop shown
 * changes; we send it {type: "itinerary:setPeriod", period: ID | null}, "itinerary:goToStop",
 * "itinerary:play" ... Loaded in <head> so the listener exists before the frame can say "ready".
 */
(function () {
  'use strict';

  var frame = null;
  var ready = false;
  var queued = []; // commands asked for before the map was ready
  var lastPeriod; // the period last asked for (undefined: none yet)

  function mapFrame() { return frame || (frame = document.getElementById('map-frame')); }

  /* Pages opened from disk have opaque origins that cannot be named, so "*" there; on a web
     server the map is on our own origin (the frame's src is relative). */
  function targetOrigin() {
    return /^https?:$/.test(location.protocol) ? location.origin : '*';
  }
  function send(message) {
    if (!ready) { queued.push(message); return; }
    var f = mapFrame();
    if (f && f.contentWindow) f.contentWindow.postMessage(message, targetOrigin());
  }
  function periodOf(node) {
    var id = node.getAttribute('data-period');
    return id ? id : null; // "" means the whole life
  }
  function showPeriod(period, stop) {
    if (period !== lastPeriod) {
      lastPeriod = period;
      send({ type: 'itinerary:setPeriod', period: period });
    }
    if (stop) send({ type: 'itinerary:goToStop', stop: stop });
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
      ready = true;
      var missing = document.getElementById('map-missing');
      if (missing) missing.hidden = true;
      var pending = queued;
      queued = [];
      pending.forEach(send);
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
      showPeriod(periodOf(section), section.getAttribute('data-stop'));
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
        lastPeriod = undefined; // start the chapter from its beginning
        showPeriod(periodOf(b), null);
        send({ type: 'itinerary:play' });
      });
    });
    // No "ready" after a while: most likely the map was not built (or the path is wrong).
    window.setTimeout(function () {
      if (ready) return;
      var missing = document.getElementById('map-missing');
      if (missing) missing.hidden = false;
      setText('now-showing', 'The map did not load.');
    }, 8000);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
