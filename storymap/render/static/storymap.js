/*
 * storymap.js: links the article text and the Leaflet map of a story map page, both ways.
 *
 * Plain ES2017, no framework, no build step: the page inlines it after folium's map script.
 * What it knows comes from the JSON in #storymap-data (places, mentions, passages, bounds) and
 * from the page; the Leaflet map and its markers are the globals folium declared. The only
 * global it adds is `StoryMap`.
 */
(function () {
  'use strict';

  const FLIGHT_DELAY = 250;   // ms of calm scrolling before the map follows the text
  const QUIET_TIME = 1200;    // ms in which scroll events are ours, not the reader's
  const POINT_ZOOM = 10;      // a town, a mountain
  const AREA_ZOOM = 5;        // an area whose outline is not on the map
  const MAX_FIT_ZOOM = 10;    // fitting a few close towns should not zoom to street level
  const PADDING = [30, 30];
  const DURATION = 0.8;       // seconds per flight

  const state = {
    data: null,
    map: null,                  // the Leaflet map, or null (no places, or Leaflet failed)
    panel: null,                // #storymap-text, the scroll container of the text
    live: null,                 // #storymap-live
    places: new Map(),          // place id → place from the JSON
    mentions: new Map(),        // mention index → mention from the JSON
    passagePlaces: new Map(),   // passage index → ids of its places
    layers: new Map(),          // place id → its Leaflet marker or circle
    mentionLinks: new Map(),    // mention index → its link in the text
    placeElements: new Map(),   // place id → page elements marked with it
    passages: [],               // passage elements in reading order
    passagePosition: new Map(), // passage index → position in `passages`
    active: -1,                 // position of the active passage
    visible: new Set(),         // positions of the passages in the observer's band
    highlighted: [],
    userScrolled: false,
    quietUntil: 0,
    flightTimer: 0,
    pendingMoveEnd: null,
    reducedMotion: null
  };

  function init() {
    state.data = readData();
    state.panel = document.getElementById('storymap-text');
    state.live = document.getElementById('storymap-live');
    if (!state.data || !state.panel) return;
    state.reducedMotion = window.matchMedia ?
      window.matchMedia('(prefers-reduced-motion: reduce)') : null;

    indexPage();
    state.map = findMap();
    bindText();
    bindKeys();
    observePassages();
    if (state.map) {
      bindMarkers();
      bindControls();
      keepMapSized();
    }
  }

  function readData() {
    const element = document.getElementById('storymap-data');
    if (!element) return null;
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  // Lookup tables, built once so that events need no searching. Keys are strings, as in
  // data-* attributes.
  function indexPage() {
    const data = state.data;
    for (const place of data.places || []) state.places.set(String(place.id), place);
    for (const mention of data.mentions || []) state.mentions.set(String(mention.index), mention);
    for (const passage of data.passages || []) {
      state.passagePlaces.set(String(passage.index), (passage.places || []).map(String));
    }
    for (const link of state.panel.querySelectorAll('a.mention[data-mention]')) {
      state.mentionLinks.set(link.dataset.mention, link);
    }
    for (const element of document.querySelectorAll('[data-place]')) {
      const id = element.dataset.place;
      if (!state.placeElements.has(id)) state.placeElements.set(id, []);
      state.placeElements.get(id).push(element);
    }
    state.passages = Array.from(state.panel.querySelectorAll('[data-passage]'));
    state.passages.forEach((element, position) => {
      state.passagePosition.set(element.dataset.passage, position);
    });
  }

  // folium declares the map with `var`, so it is a property of window once its script ran.
  function findMap() {
    const map = state.data.map ? window[state.data.map] : null;
    return map && typeof map.flyTo === 'function' ? map : null;
  }

  function animate() {
    return !(state.reducedMotion && state.reducedMotion.matches);
  }

  // Text → map

  function bindText() {
    // One listener for all mentions; Enter on a focused link fires `click` as well.
    state.panel.addEventListener('click', (event) => {
      const link = event.target.closest('a.mention[data-place]');
      if (!link) return;
      event.preventDefault();
      const mention = state.mentions.get(link.dataset.mention);
      const position = mention && state.passagePosition.get(String(mention.passage));
      if (position !== undefined) setActive(position);
      showPlace(link.dataset.place);
    });
    state.panel.addEventListener('scroll', () => {
      if (Date.now() > state.quietUntil) state.userScrolled = true;
    }, {passive: true});
  }

  function showPlace(id) {
    const place = state.places.get(String(id));
    if (!place) return;
    highlight(place.id);
    announce(place.name);
    if (!state.map) return;
    // The reader chose this place: a passage-following flight (say, from the scroll that
    // focusing the link caused) must not take the map elsewhere.
    cancelFollow();
    quiet();
    const layer = state.layers.get(String(place.id));
    // A popup opened mid-flight pans the map and cuts the flight short: open it on arrival.
    afterMove(() => {
      if (layer && layer.getPopup && layer.getPopup()) layer.openPopup();
    });
    moveTo([place]);
  }

  // Map → text

  function bindMarkers() {
    for (const [id, place] of state.places) {
      const layer = window[place.marker];
      if (!layer || typeof layer.on !== 'function') continue;
      state.layers.set(id, layer);
      layer.on('click', () => showMentions(id));
    }
  }

  function showMentions(id) {
    const place = state.places.get(String(id));
    if (!place) return;
    highlight(place.id);
    announce(place.name);
    const first = (place.mentions || []).find((index) => state.mentionLinks.has(String(index)));
    if (first === undefined) return;
    const link = state.mentionLinks.get(String(first));
    const mention = state.mentions.get(String(first));
    const position = mention && state.passagePosition.get(String(mention.passage));
    if (position !== undefined) setActive(position);
    quiet();
    scrollIntoPanel(link);
    link.focus({preventScroll: true});
  }

  // Scrolling the text → map

  function observePassages() {
    if (!state.passages.length || !('IntersectionObserver' in window)) return;
    // A thin band a little above the middle of the panel: the passage crossing it is active.
    const observer = new IntersectionObserver(onIntersect, {
      root: state.panel,
      rootMargin: '-35% 0px -60% 0px',
      threshold: 0
    });
    for (const element of state.passages) observer.observe(element);
  }

  function onIntersect(entries) {
    for (const entry of entries) {
      const position = state.passagePosition.get(entry.target.dataset.passage);
      if (entry.isIntersecting) state.visible.add(position);
      else state.visible.delete(position);
    }
    if (!state.visible.size || Date.now() < state.quietUntil) return;
    const position = Math.min(...state.visible);
    if (position === state.active) return;
    setActive(position);
    // The first report comes on load: the overview stays until the reader scrolls.
    if (state.userScrolled) followPassage(position, FLIGHT_DELAY);
  }

  function setActive(position) {
    const previous = state.passages[state.active];
    if (previous) previous.classList.remove('is-active');
    state.active = position;
    state.passages[position].classList.add('is-active');
  }

  // Fly to a passage's places after `delay` ms. A newer call replaces a waiting one, so fast
  // scrolling starts one flight at the end, not a queue of them.
  function followPassage(position, delay) {
    cancelFollow();
    if (!state.map) return;
    state.flightTimer = window.setTimeout(() => {
      const index = state.passages[position].dataset.passage;
      const places = (state.passagePlaces.get(index) || [])
        .map((id) => state.places.get(id))
        .filter(Boolean);
      if (!places.length) return;
      state.map.closePopup();  // it belongs to a place the reader has moved on from
      moveTo(places);
    }, delay);
  }

  function cancelFollow() {
    window.clearTimeout(state.flightTimer);
  }

  // Keyboard

  function bindKeys() {
    document.addEventListener('keydown', (event) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (isTyping(target)) return;
      // Leaflet pans with the arrow keys while the map has focus: those stay with it.
      const inMap = Boolean(target.closest && target.closest('.leaflet-container'));
      const key = event.key;
      if (key === 'Escape' || key === 'Esc') {
        resetView();
      } else if (key === 'j' || (key === 'ArrowRight' && !inMap)) {
        event.preventDefault();
        goToPassage(state.active + 1);
      } else if (key === 'k' || (key === 'ArrowLeft' && !inMap)) {
        event.preventDefault();
        goToPassage(state.active - 1);
      }
    });
  }

  function isTyping(element) {
    if (!element || !element.tagName) return false;
    const tag = element.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || element.isContentEditable;
  }

  function goToPassage(position) {
    if (!state.passages.length) return;
    position = Math.min(Math.max(position, 0), state.passages.length - 1);
    const element = state.passages[position];
    setActive(position);
    quiet();
    scrollIntoPanel(element);
    element.focus({preventScroll: true});
    followPassage(position, 0);
  }

  // Reset

  function bindControls() {
    const controls = document.querySelector('.storymap-controls');
    if (controls) controls.hidden = false;  // hidden in the markup: useless without this file
    const button = document.getElementById('storymap-reset');
    if (button) button.addEventListener('click', resetView);
  }

  function resetView() {
    clearHighlight();
    if (!state.map) return;
    cancelFollow();
    state.map.closePopup();
    const bounds = state.data.bounds || (state.data.route || {}).bounds;
    if (bounds) fit(L.latLngBounds(bounds));
    if (state.live) announce(state.live.dataset.viewReset || '');
  }

  // Highlighting and announcing

  function highlight(id) {
    clearHighlight();
    state.highlighted = state.placeElements.get(String(id)) || [];
    for (const element of state.highlighted) element.classList.add('is-highlighted');
  }

  function clearHighlight() {
    for (const element of state.highlighted) element.classList.remove('is-highlighted');
    state.highlighted = [];
  }

  function announce(text) {
    if (!state.live) return;
    // Emptied first, so that the same name twice in a row is read out twice.
    state.live.textContent = '';
    window.setTimeout(() => {
      state.live.textContent = text;
    }, 50);
  }

  // Map movement

  // One place: fly to it, an area to its drawn circle. Several: fit them all in.
  function moveTo(places) {
    if (places.length === 1) {
      const place = places[0];
      const outline = areaBounds(place);
      if (outline) {
        fit(outline);
      } else {
        const zoom = place.area ? AREA_ZOOM : Math.max(state.map.getZoom(), POINT_ZOOM);
        flyTo([place.lat, place.lon], zoom);
      }
      return;
    }
    const bounds = L.latLngBounds([]);
    for (const place of places) bounds.extend(areaBounds(place) || [place.lat, place.lon]);
    fit(bounds);
  }

  // The bounds of an area's circle; null for a point, or a circle that is not on the map
  // (a circle measures itself through its map).
  function areaBounds(place) {
    const layer = state.layers.get(String(place.id));
    if (!place.area || !layer || !layer.getBounds || !state.map.hasLayer(layer)) return null;
    return layer.getBounds();
  }

  function flyTo(center, zoom) {
    if (animate()) state.map.flyTo(center, zoom, {duration: DURATION});
    else state.map.setView(center, zoom, {animate: false});
  }

  function fit(bounds) {
    if (!bounds.isValid()) return;
    if (animate()) {
      state.map.flyToBounds(bounds, {padding: PADDING, maxZoom: MAX_FIT_ZOOM, duration: DURATION});
    } else {
      state.map.fitBounds(bounds, {padding: PADDING, maxZoom: MAX_FIT_ZOOM, animate: false});
    }
  }

  // Run `callback` when the map's next move has ended; replaces a callback still waiting.
  function afterMove(callback) {
    if (state.pendingMoveEnd) state.map.off('moveend', state.pendingMoveEnd);
    state.pendingMoveEnd = () => {
      state.pendingMoveEnd = null;
      callback();
    };
    state.map.once('moveend', state.pendingMoveEnd);
  }

  // Leaflet notices only window resizes, but the grid resizes the map too (header wrapping,
  // printing); a map that does not know its size shows grey tiles.
  function keepMapSized() {
    const refresh = () => state.map.invalidateSize({pan: false});
    window.addEventListener('beforeprint', refresh);
    window.addEventListener('afterprint', refresh);
    if ('ResizeObserver' in window) new ResizeObserver(refresh).observe(state.map.getContainer());
  }

  // Scrolling

  // Centre an element in the text panel, scrolling only the panel: element.scrollIntoView
  // would scroll the page around it too, an embedding page included.
  function scrollIntoPanel(element) {
    const panel = state.panel;
    const box = element.getBoundingClientRect();
    const panelTop = panel.getBoundingClientRect().top + panel.clientTop;
    const room = panel.clientHeight - Math.min(box.height, panel.clientHeight);
    const top = panel.scrollTop + box.top - panelTop - room / 2;
    panel.scrollTo({top: top, behavior: animate() ? 'smooth' : 'auto'});
  }

  function quiet() {
    state.quietUntil = Date.now() + QUIET_TIME;
  }

  window.StoryMap = {init, showPlace, showMentions, goToPassage, resetView};

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
