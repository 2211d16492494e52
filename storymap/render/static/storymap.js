/*
 * storymap.js: links the article text and the Leaflet map of a story map page, both ways, and
 * tells the journey: a camera that frames the route, a tour through its stops, zoom by what a
 * place is, area outlines, and stop names that keep out of each other's way.
 *
 * Plain ES2017, no framework, no build step: the page inlines it after folium's map script.
 * What it knows comes from the JSON in #storymap-data (places, mentions, passages, route, the
 * interface strings) and from the page; the Leaflet map, its markers and layer groups are the
 * globals folium declared. The only global it adds is `StoryMap`.
 */
(function () {
  'use strict';

  const FLIGHT_DELAY = 250;   // ms of calm scrolling before the map follows the text
  const QUIET_TIME = 1200;    // ms in which scroll events are ours, not the reader's
  const DURATION = 0.8;       // seconds per flight
  // How close the camera comes to a place of each kind (also the most a fit around it may
  // zoom in): a town shows its surroundings, a building its street. Capped by the tiles.
  const KIND_ZOOM = {
    building: 13, village: 10, admin3: 10, town: 9, city: 9, other: 9, island: 10,
    mountain: 10, lake: 9, valley: 9, forest: 9, bay: 8, coast: 8, admin2: 8, river: 7,
    strait: 7, peninsula: 6, archipelago: 6, gulf: 6, plain: 6, plateau: 6,
    mountain_range: 6, admin1: 6, desert: 5, undersea: 5, sea: 5, region: 5, country: 5,
    historic_country: 4, continent: 3, ocean: 3
  };
  const DEFAULT_ZOOM = 9;
  const AREA_FIT_ZOOM = 10;   // fitting a tiny country's outline still shows its neighbours
  const NEAR_ROUTE_KM = 400;  // a passage's place this close to a stop belongs to the journey
  const LINK_KM = 800;        // places this close together are one scene
  const MERGE_GAP = 3;        // px: stop markers closer than this merge into one
  const LABEL_GAP = 3;        // px between a marker and its label
  const MIN_LEG_PX = 64;      // a leg shorter than this on screen has no arrow or length
  const AREA_STYLE = {weight: 1, opacity: 0.55, fillOpacity: 0.05};
  const AREA_LIT = {weight: 2.5, opacity: 0.95, fillOpacity: 0.16};
  const AREA_HIDDEN = {weight: 0, opacity: 0, fillOpacity: 0};
  const LEG_STYLE = {weight: 4, opacity: 0.85};
  const LEG_LIT = {weight: 7, opacity: 1};
  const LEG_DIM = {weight: 3, opacity: 0.45};
  const TILE_FAILURES = 3;    // failed tiles (and none loaded) before the outline map takes over
  const FOLD_WIDTH = 640;     // px: a narrower map folds its attribution behind an ⓘ
  const HINT_TIME = 2200;     // ms the wheel hint stays
  const NOTICE_TIME = 12000;  // ms the "tiles failed" notice stays (it can be closed sooner)
  const NARROW = '(max-width: 599px)';  // the stacked layout of storymap.css: a card, no popups

  const state = {
    data: null,
    map: null,                  // the Leaflet map, or null (no places, or Leaflet failed)
    panel: null,                // #storymap-text, the scroll container of the text
    live: null,                 // #storymap-live
    ui: {},                     // interface strings for what this file builds
    places: new Map(),          // place id → place from the JSON
    mentions: new Map(),        // mention index → mention from the JSON
    passagePlaces: new Map(),   // passage index → ids of its places
    layers: new Map(),          // place id → its Leaflet marker or circle
    outlines: new Map(),        // place id → the polygon of its outline
    mentionLinks: new Map(),    // mention index → its link in the text
    placeElements: new Map(),   // place id → page elements marked with it
    passages: [],               // passage elements in reading order
    passagePosition: new Map(), // passage index → position in `passages`
    active: -1,                 // position of the active passage
    visible: new Set(),         // positions of the passages in the observer's band
    highlighted: [],
    mentioning: [],             // passages marked as mentioning the current stop or place
    litOutline: null,           // id of the area lit because it is selected
    hoverOutline: null,         // id of the area lit because the pointer is on it
    userScrolled: false,
    quietUntil: 0,
    flightTimer: 0,
    layoutFrame: 0,
    pendingMoveEnd: null,
    reducedMotion: null,
    legs: [],                   // {line, label} Leaflet layers per leg, in route order
    stopItems: [],              // one per stop place, in the order of its first visit
    groupMarkers: [],           // markers standing for merged stops (rebuilt by layout)
    tour: null,                 // {kind: 'route'|'passages', count, step, positions, box}
    currentStop: -1,            // route index of the stop the tour is at
    narrow: null,               // matchMedia(NARROW)
    card: null,                 // #storymap-card
    tiles: null,                // the tile layer and the outline layer (base layers)
    outlineLayer: null,
    offline: false,             // the outline map is the base layer
    toldOffline: false,
    tags: [],                   // {place, marker}: place names on the outline map
    hinted: false,
    attributionToggle: null
  };

  function init() {
    state.data = readData();
    state.panel = document.getElementById('storymap-text');
    state.live = document.getElementById('storymap-live');
    if (!state.data || !state.panel) return;
    state.ui = state.data.ui || {};
    state.reducedMotion = window.matchMedia ?
      window.matchMedia('(prefers-reduced-motion: reduce)') : null;
    state.narrow = window.matchMedia ? window.matchMedia(NARROW) : null;
    state.card = document.getElementById('storymap-card');

    indexPage();
    state.map = findMap();
    bindText();
    bindKeys();
    bindSkipLinks();
    observePassages();
    if (state.passages.length) setActive(0);  // the page opens on the lead
    if (state.map) {
      drawBasemap();
      bindMarkers();
      drawOutlines();
      bindLegs();
      bindLists();
      buildTour();
      padPopups();
      speakTheLanguage();
      bindControls();
      keepMapSized();
      foldAttribution();
      separateCorners();
      state.map.on('resize', () => {
        foldAttribution();
        separateCorners();
        updateTour();
        padPopups();
        if (!narrow()) hideCard();
      });
      gateWheel();
      announceFullscreen();
      preparePrint();
      setUpLabels();
      setUpBasemap();
      fitView(overviewView(), false);
    } else if (state.data.map) {
      mapFailed();
    }
  }

  // Leaflet did not load (a CDN link offline, a blocked script): say so where the map would
  // be; the text, its links and the lists still work.
  function mapFailed() {
    const box = document.querySelector('.storymap-map .folium-map');
    const message = document.querySelector('.storymap-map-failed');
    if (box) box.hidden = true;
    if (message) message.hidden = false;
  }

  function narrow() {
    return Boolean(state.narrow && state.narrow.matches);
  }

  function readJson(id) {
    const element = document.getElementById(id);
    if (!element) return null;
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  function readData() {
    return readJson('storymap-data');
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
    // Captions and hidden copies of the headline are text, not passages the map follows.
    state.passages = Array.from(state.panel.querySelectorAll('.passage[data-passage]'))
      .filter((element) => !element.hidden && !element.classList.contains('passage--caption'));
    state.passages.forEach((element, position) => {
      state.passagePosition.set(element.dataset.passage, position);
    });
  }

  // folium declares the map with `var`, so it is a property of window once its script ran.
  function findMap() {
    const map = state.data.map ? window[state.data.map] : null;
    return map && typeof map.flyTo === 'function' ? map : null;
  }

  function layerGroup(key) {
    const name = (state.data.layers || {})[key];
    const group = name ? window[name] : null;
    return group && typeof group.addLayer === 'function' ? group : null;
  }

  function animate() {
    return !(state.reducedMotion && state.reducedMotion.matches);
  }

  function nameOf(place) {
    return place.display || place.name;
  }

  function text(key, values) {
    let result = state.ui[key] || '';
    for (const [name, value] of Object.entries(values || {})) {
      result = result.split('{' + name + '}').join(String(value));
    }
    return result;
  }

  function routeStops() {
    return ((state.data.route || {}).stops || []).map(String);
  }

  // The route's places, each once, in the order of their first visit.
  function routePlaces() {
    const seen = new Set();
    const result = [];
    for (const id of routeStops()) {
      const place = state.places.get(id);
      if (place && !seen.has(id)) {
        seen.add(id);
        result.push(place);
      }
    }
    return result;
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
    // Pointing at a mention lights its area on the map.
    const hover = (on) => (event) => {
      const link = event.target.closest && event.target.closest('a.mention[data-place]');
      if (link) hoverArea(on ? link.dataset.place : null);
    };
    state.panel.addEventListener('mouseover', hover(true));
    state.panel.addEventListener('mouseout', hover(false));
    state.panel.addEventListener('focusin', hover(true));
    state.panel.addEventListener('focusout', hover(false));
  }

  function showPlace(id) {
    const place = state.places.get(String(id));
    if (!place) return;
    highlight(place.id);
    announce(nameOf(place));
    if (!state.map) return;
    // The reader chose this place: a passage-following flight (say, from the scroll that
    // focusing the link caused) must not take the map elsewhere.
    cancelFollow();
    quiet();
    const layer = state.layers.get(String(place.id));
    if (narrow()) {
      // A phone: the card under the map, at once; the map keeps all of its room.
      if (layer) openDetails(layer);
    } else {
      // A popup opened mid-flight pans the map and cuts the flight short: open it on arrival.
      afterMove(() => {
        if (layer) openDetails(layer);
      });
    }
    fitView(viewOf([place]), true);
  }

  // A place's details: its popup on a wide map, the card under the map on a narrow page.
  function openDetails(layer, latlng) {
    const popup = layer.getPopup && layer.getPopup();
    if (!popup) return;
    if (narrow() && state.card) {
      state.map.closePopup();
      showCard(popup.getContent());
      return;
    }
    hideCard();
    layer.openPopup(latlng);
  }

  function showCard(content) {
    const card = state.card;
    card.innerHTML = typeof content === 'string' ? content : '';  // built and escaped by page.py
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'storymap-card-close';
    close.textContent = '×';
    close.title = state.ui.close_card || '';
    close.setAttribute('aria-label', state.ui.close_card || '');
    close.addEventListener('click', hideCard);
    card.appendChild(close);
    card.hidden = false;
    card.scrollTop = 0;
  }

  function hideCard() {
    if (state.card && !state.card.hidden) {
      state.card.hidden = true;
      state.card.textContent = '';
    }
  }

  // Map → text

  function bindMarkers() {
    for (const [id, place] of state.places) {
      const layer = window[place.marker];
      if (!layer || typeof layer.on !== 'function') continue;
      state.layers.set(id, layer);
      ownPopup(layer);
      layer.on('click', (event) => {
        openDetails(layer, event && event.latlng);
        showMentions(id);
        if (place.stop) markStop(routeStops().indexOf(id), false);
      });
      if (place.area) {
        layer.on('mouseover', () => hoverArea(id));
        layer.on('mouseout', () => hoverArea(null));
      }
    }
    // The stops (marker pane) come before the other places (overlay pane) when tabbing; the
    // panes' z-index, not their order, decides what is drawn on top.
    const panes = state.map.getPane('mapPane');
    panes.insertBefore(state.map.getPane('markerPane'), state.map.getPane('overlayPane'));
  }

  // Leaflet opens a bound popup on click and on Enter by itself; here openDetails decides
  // (a popup, or the card on a phone), and Enter or Space fire the click.
  function ownPopup(layer) {
    if (!layer.getPopup || !layer.getPopup()) return;
    if (layer._openPopup) layer.off('click', layer._openPopup, layer);
    if (layer._onKeyPress) layer.off('keypress', layer._onKeyPress, layer);
  }

  // Every marker is a named button in the tab order: stops first, in route order, then the
  // other places; so is every leg (Chromium lets the keyboard reach an interactive SVG path,
  // which must not be a nameless stop). Leaflet rebuilds an element when its layer is shown
  // again, so this runs with every layout.
  function nameMarkers() {
    const map = state.map;
    for (const [id, layer] of state.layers) {
      const place = state.places.get(id);
      asButton(layer, place.said || nameOf(place), () => layer.getLatLng());
    }
    const stops = routeStops();
    state.legs.forEach((leg, number) => {
      const ends = [stops[number], stops[number + 1]].map((id) => state.places.get(id));
      if (ends.some((place) => !place)) return;
      const icon = leg.label.getElement && leg.label.getElement();
      const km = icon && icon.querySelector('.storymap-leg-km');
      let said = ends.map(nameOf).join(' → ') + (km ? ', ' + km.textContent : '');
      if (((state.data.route || {}).announced || [])[number + 1]) {
        said += ' (' + text('announced') + ')';
      }
      asButton(leg.line, said, () => leg.line.getCenter());
    });
    const pane = map.getPane('markerPane');
    const icons = Array.from(pane.children);
    const rank = (icon) => {
      const first = Number(icon.dataset.first);
      return icon.classList.contains('storymap-stop-icon') && first ? first : 1e6;
    };
    for (const item of state.stopItems) {
      const icon = item.marker.getElement && item.marker.getElement();
      if (icon) icon.dataset.first = item.place.stop;
    }
    const sorted = icons.slice().sort((a, b) => rank(a) - rank(b));
    if (sorted.some((icon, index) => icon !== icons[index])) {
      for (const icon of sorted) pane.appendChild(icon);
    }
  }

  // A layer's element as a named button: in the tab order, Enter or Space fire its click.
  function asButton(layer, said, where) {
    const element = layer.getElement && layer.getElement();
    if (!element || !state.map.hasLayer(layer)) return;
    element.setAttribute('aria-label', said);
    element.setAttribute('role', 'button');
    element.setAttribute('tabindex', '0');
    if (element.dataset.keys) return;
    element.dataset.keys = '1';
    element.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      event.stopPropagation();
      layer.fire('click', {latlng: where()});
    });
  }

  function showMentions(id) {
    const place = state.places.get(String(id));
    if (!place) return;
    highlight(place.id);
    announce(nameOf(place));
    const link = firstLink(place);
    if (!link) return;
    const mention = state.mentions.get(link.dataset.mention);
    const position = mention && state.passagePosition.get(String(mention.passage));
    if (position !== undefined) setActive(position);
    quiet();
    scrollIntoPanel(link);
    link.focus({preventScroll: true});
  }

  function firstLink(place) {
    const first = (place.mentions || []).find((index) => state.mentionLinks.has(String(index)));
    return first === undefined ? null : state.mentionLinks.get(String(first));
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
    // Until the reader scrolls, the lead stays active and the overview stays on the map.
    if (!state.userScrolled || !state.visible.size || Date.now() < state.quietUntil) return;
    // At the top of the text the lead is what one reads, whatever crosses the band.
    const position = state.panel.scrollTop < 8 ? 0 : Math.min(...state.visible);
    if (position === state.active) return;
    setActive(position);
    followPassage(position, FLIGHT_DELAY);
  }

  function setActive(position) {
    const previous = state.passages[state.active];
    if (previous) previous.classList.remove('is-active');
    state.active = position;
    state.passages[position].classList.add('is-active');
    const tour = state.tour;
    if (tour && tour.kind === 'passages') {
      const step = tour.positions.indexOf(position) + 1;
      if (step > 0) {
        tour.step = step;
        updateTour();
      }
    }
  }

  function passagePlaces(position) {
    const index = state.passages[position].dataset.passage;
    return (state.passagePlaces.get(index) || []).map((id) => state.places.get(id))
      .filter(Boolean);
  }

  // Fly to a passage's places after `delay` ms. A newer call replaces a waiting one, so fast
  // scrolling starts one flight at the end, not a queue of them.
  function followPassage(position, delay, quietly) {
    cancelFollow();
    if (!state.map) return;
    state.flightTimer = window.setTimeout(() => {
      const places = focusOf(passagePlaces(position));
      if (!places.length) return;
      state.map.closePopup();  // it belongs to a place the reader has moved on from
      hideCard();
      fitView(viewOf(places), true);
      // Said, so that a screen reader hears what the map now shows.
      if (!quietly) {
        announce(text('passage_shown', {number: position + 1, count: state.passages.length,
          places: places.map(nameOf).join(', ')}));
      }
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
      } else if (state.tour && (key === 'n' || key === 'PageDown')) {
        event.preventDefault();
        goToStep(state.tour.step + 1, {scroll: true});
      } else if (state.tour && (key === 'p' || key === 'PageUp')) {
        event.preventDefault();
        goToStep(state.tour.step - 1, {scroll: true});
      }
    });
  }

  function isTyping(element) {
    if (!element || !element.tagName) return false;
    const tag = element.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || element.isContentEditable;
  }

  function goToPassage(position, quietly) {
    if (!state.passages.length) return;
    position = Math.min(Math.max(position, 0), state.passages.length - 1);
    const element = state.passages[position];
    setActive(position);
    quiet();
    scrollIntoPanel(element);
    element.focus({preventScroll: true});
    followPassage(position, 0, quietly);
  }

  // The tour: step 0 is the overview, step k the k-th stop (or, without a route, the k-th
  // passage that names places).

  function buildTour() {
    const stops = routeStops();
    let tour = null;
    if (stops.length >= 2) {
      tour = {kind: 'route', count: stops.length, positions: [], step: 0};
    } else {
      const positions = [];
      state.passages.forEach((element, position) => {
        if (passagePlaces(position).length) positions.push(position);
      });
      if (positions.length >= 2) {
        tour = {kind: 'passages', count: positions.length, positions: positions, step: 0};
      }
    }
    if (!tour) return;
    const route = tour.kind === 'route';
    const box = L.DomUtil.create('div', 'storymap-tour', state.map.getContainer());
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', text(route ? 'tour' : 'passages_tour'));
    const button = (name, key, path) => {
      const element = L.DomUtil.create('button', 'storymap-tour-' + name, box);
      const label = text(route ? 'tour_' + key : 'passage_' + key);
      element.type = 'button';
      element.title = label;
      element.setAttribute('aria-label', label);
      element.innerHTML = '<svg viewBox="0 0 16 16" width="18" height="18" aria-hidden="true">' +
        '<path d="' + path + '" fill="none" stroke="currentColor" stroke-width="2.2" ' +
        'stroke-linecap="round" stroke-linejoin="round"/></svg>';
      return element;
    };
    tour.previous = button('previous', 'previous', 'M10 3 L5 8 L10 13');
    tour.position = L.DomUtil.create('span', 'storymap-tour-position', box);
    tour.next = button('next', 'next', 'M6 3 L11 8 L6 13');
    // Taps and clicks on the bar are the bar's, not the map's (no zoom on double tap).
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    tour.previous.addEventListener('click', () => goToStep(tour.step - 1, {scroll: true}));
    tour.next.addEventListener('click', () => goToStep(tour.step + 1, {scroll: true}));
    tour.box = box;
    state.tour = tour;
    updateTour();
  }

  // A popup that opens near the top pans the map until it clears the tour bar.
  function padPopups() {
    const box = state.tour && state.tour.box;
    if (!box) return;
    const top = box.offsetTop + box.offsetHeight + 8;
    const layers = Array.from(state.layers.values()).concat(state.legs.map((leg) => leg.line));
    for (const layer of layers) {
      const popup = layer.getPopup && layer.getPopup();
      if (popup) popup.options.autoPanPaddingTopLeft = L.point(10, top);
    }
  }

  function positionText(step) {
    const tour = state.tour;
    const route = tour.kind === 'route';
    if (step === 0) return text(route ? 'tour_overview_count' : 'passage_overview_count',
      {count: tour.count});
    return text(route ? 'tour_position' : 'passage_position', {number: step, count: tour.count});
  }

  function updateTour() {
    const tour = state.tour;
    if (!tour) return;
    const full = positionText(tour.step);
    tour.position.textContent = full;
    tour.position.title = full;
    // A narrow map gets the short form ("Übersicht") rather than a cut-off one.
    if (tour.step === 0 && tour.position.scrollWidth > tour.position.clientWidth + 1) {
      tour.position.textContent = text('tour_overview');
    }
    tour.previous.disabled = tour.step <= 0;
    tour.next.disabled = tour.step >= tour.count;
  }

  // options.scroll: bring the passage that mentions the stop into view (from the map's bar
  // and the keys; a list entry leaves the reader where they are).
  function goToStep(step, options) {
    const tour = state.tour;
    if (!tour || !state.map) return;
    options = options || {};
    step = Math.min(Math.max(step, 0), tour.count);
    tour.step = step;
    updateTour();
    if (step === 0) {
      showOverview();
      return;
    }
    if (tour.kind === 'passages') {
      goToPassage(tour.positions[step - 1], true);
      announce(positionText(step));
      return;
    }
    const index = step - 1;
    const stops = routeStops();
    const place = state.places.get(stops[index]);
    if (!place) return;
    cancelFollow();
    quiet();
    state.map.closePopup();
    markStop(index, options.scroll);
    fitView({bounds: pointBounds(stepScene(index)), maxZoom: kindZoom(place)}, true);
    const route = state.data.route || {};
    let said = positionText(step) + ': ' + nameOf(place);
    if ((route.dates || [])[index]) said += ', ' + route.dates[index];
    if ((route.announced || [])[index]) said += ' (' + text('announced') + ')';
    announce(said);
  }

  // What a step frames: the stop with the stops before and after it, unless that view is so
  // wide that the stop would merge with another marker; then the farther neighbour is left
  // out (on a phone, stop 2 of Pjöngjang → Chassan → Wladiwostok frames Chassan and
  // Wladiwostok, not the whole route again).
  function stepScene(index) {
    const stops = routeStops();
    const place = state.places.get(stops[index]);
    const scene = [stops[index - 1], stops[index], stops[index + 1]]
      .map((id) => state.places.get(id)).filter(Boolean);
    const options = padding();
    const room = options.paddingTopLeft.add(options.paddingBottomRight);
    const others = routePlaces().filter((other) => other.id !== place.id);
    const apart = (places) => {
      const zoom = Math.min(zoomCap(kindZoom(place)),
        state.map.getBoundsZoom(pointBounds(places), false, room));
      const point = state.map.project([place.lat, place.lon], zoom);
      return others.every((other) =>
        state.map.project([other.lat, other.lon], zoom).distanceTo(point) >= 34);
    };
    while (scene.length > 1 && !apart(scene)) {
      const neighbours = scene.filter((other) => other !== place);
      const farthest = neighbours.reduce((a, b) =>
        (haversineKm(place, a) >= haversineKm(place, b) ? a : b));
      scene.splice(scene.indexOf(farthest), 1);
    }
    return scene;
  }

  // Mark the stop at route `index`: its marker, its itinerary row, the leg that led there and
  // the passages that mention it.
  function markStop(index, scroll) {
    const stops = routeStops();
    const place = state.places.get(stops[index]);
    if (!place) return;
    state.currentStop = index;
    if (state.tour && state.tour.kind === 'route' && state.tour.step !== index + 1) {
      state.tour.step = index + 1;
      updateTour();
    }
    highlight(place.id);
    state.legs.forEach((leg, number) => {
      leg.line.setStyle(number === index - 1 ? LEG_LIT : LEG_DIM);
      if (number === index - 1 && leg.line.bringToFront) leg.line.bringToFront();
    });
    for (const item of state.stopItems) {
      const icon = item.marker.getElement && item.marker.getElement();
      if (icon) icon.classList.toggle('is-current', item.place.id === place.id);
    }
    markGroups();
    for (const row of document.querySelectorAll('.storymap-itinerary li')) {
      row.classList.toggle('is-current', row.value === index + 1);
    }
    markPassages(place);
    const link = firstLink(place);
    if (scroll && link) {
      const mention = state.mentions.get(link.dataset.mention);
      const position = mention && state.passagePosition.get(String(mention.passage));
      if (position !== undefined) setActive(position);
      scrollIntoPanel(state.passages[position] || link);
    }
  }

  function markPassages(place) {
    for (const element of state.mentioning) element.classList.remove('is-mentioning');
    const found = new Set();
    for (const index of place.mentions || []) {
      const mention = state.mentions.get(String(index));
      const position = mention && state.passagePosition.get(String(mention.passage));
      if (position !== undefined) found.add(state.passages[position]);
    }
    state.mentioning = Array.from(found);
    for (const element of state.mentioning) element.classList.add('is-mentioning');
  }

  // A merged marker stands for its stops: it is the current one when one of them is.
  function markGroups() {
    const current = state.currentStop >= 0 ? routeStops()[state.currentStop] : null;
    for (const marker of state.groupMarkers) {
      const icon = marker.getElement && marker.getElement();
      if (!icon) continue;
      const ids = (icon.dataset.places || '').split(' ');
      icon.classList.toggle('is-current', current !== null && ids.includes(String(current)));
    }
  }

  function clearStop() {
    state.currentStop = -1;
    for (const leg of state.legs) leg.line.setStyle(LEG_STYLE);
    for (const item of state.stopItems) {
      const icon = item.marker.getElement && item.marker.getElement();
      if (icon) icon.classList.remove('is-current');
    }
    markGroups();
    for (const row of document.querySelectorAll('.storymap-itinerary li.is-current')) {
      row.classList.remove('is-current');
    }
    for (const element of state.mentioning) element.classList.remove('is-mentioning');
    state.mentioning = [];
  }

  // The itinerary's rows and the place list's entries are buttons.
  function bindLists() {
    document.body.classList.add('storymap--interactive');
    for (const button of document.querySelectorAll('.storymap-itinerary button[data-step]')) {
      button.addEventListener('click', () => {
        if (state.tour && state.tour.kind === 'route') goToStep(Number(button.dataset.step));
      });
    }
    for (const button of document.querySelectorAll('.storymap-places button')) {
      const item = button.closest('[data-place]');
      const place = item && state.places.get(item.dataset.place);
      if (!place) continue;
      button.addEventListener('click', () => {
        if (place.stop && state.tour && state.tour.kind === 'route') {
          goToStep(place.stop);
        } else {
          showPlace(place.id);
          markPassages(place);
        }
      });
      button.addEventListener('mouseenter', () => hoverArea(place.id));
      button.addEventListener('mouseleave', () => hoverArea(null));
    }
  }

  // Reset

  function bindControls() {
    const controls = document.querySelector('.storymap-controls');
    if (controls) controls.hidden = false;  // hidden in the markup: useless without this file
    const button = document.getElementById('storymap-reset');
    if (button) button.addEventListener('click', resetView);
  }

  function resetView() {
    if (state.tour) {
      state.tour.step = 0;
      updateTour();
    }
    showOverview();
  }

  function showOverview() {
    clearHighlight();
    clearStop();
    if (!state.map) return;
    cancelFollow();
    state.map.closePopup();
    fitView(overviewView(), true);
    if (state.tour) announce(positionText(0));
    else if (state.live) announce(state.live.dataset.viewReset || '');
  }

  // Highlighting and announcing

  function highlight(id) {
    clearHighlight();
    state.highlighted = state.placeElements.get(String(id)) || [];
    for (const element of state.highlighted) element.classList.add('is-highlighted');
    state.litOutline = String(id);
    paintOutlines();
  }

  function clearHighlight() {
    for (const element of state.highlighted) element.classList.remove('is-highlighted');
    state.highlighted = [];
    state.litOutline = null;
    paintOutlines();
  }

  function announce(message) {
    if (!state.live) return;
    // Emptied first, so that the same name twice in a row is read out twice.
    state.live.textContent = '';
    window.setTimeout(() => {
      state.live.textContent = message;
    }, 50);
  }

  // Areas: countries as their outline (from the story data), lit on hover and when selected.

  function drawOutlines() {
    const group = layerGroup('regions');
    if (!group) return;
    state.map.createPane('storymap-areas');
    state.map.getPane('storymap-areas').style.zIndex = 350;  // under the route and markers
    const land = state.data.land || {};
    for (const [id, place] of state.places) {
      if (!place.outline || !land[place.outline]) continue;
      const polygon = L.polygon(decodeOutline(land[place.outline]), Object.assign({
        pane: 'storymap-areas',
        interactive: false,
        color: '#6b5fa8',
        fillColor: '#6b5fa8',
        className: 'storymap-area'
      }, AREA_STYLE));
      group.addLayer(polygon);
      state.outlines.set(id, polygon);
    }
    if (state.outlines.size) {
      state.map.on('zoomend', paintOutlines);
      paintOutlines();
    }
  }

  // Rings come as lat, lon pairs in hundredths of a degree, each after the first as the step
  // from the one before (small numbers: a compact page).
  function decodeOutline(parts, scale) {
    scale = scale || 100;
    return parts.map((rings) => rings.map((flat) => {
      const ring = [];
      let lat = 0;
      let lon = 0;
      for (let i = 0; i + 1 < flat.length; i += 2) {
        lat += flat[i];
        lon += flat[i + 1];
        ring.push([lat / scale, lon / scale]);
      }
      return ring;
    }));
  }

  function hoverArea(id) {
    state.hoverOutline = id === null ? null : String(id);
    paintOutlines();
  }

  // Lit when selected or pointed at; otherwise drawn only while the map is no closer than
  // the simplified outline can follow (deeper, the tiles show the border better).
  function paintOutlines() {
    const zoom = state.map ? state.map.getZoom() : 0;
    for (const [id, polygon] of state.outlines) {
      const lit = id === state.litOutline || id === state.hoverOutline;
      const place = state.places.get(id);
      const coarse = place.outline_zoom !== undefined && zoom > place.outline_zoom;
      polygon.setStyle(lit ? AREA_LIT : coarse ? AREA_HIDDEN : AREA_STYLE);
    }
  }

  // The camera

  function kindZoom(place) {
    const zoom = KIND_ZOOM[place.kind];
    return zoom === undefined ? DEFAULT_ZOOM : zoom;
  }

  function pointBounds(places) {
    const bounds = L.latLngBounds([]);
    for (const place of places) bounds.extend([place.lat, place.lon]);
    return bounds;
  }

  // What to fit for these places: an area's extent when it is the only place or all are
  // areas, otherwise their points; no closer than the closest kind among them allows.
  function viewOf(places) {
    if (!places.length) return null;
    if (places.length === 1 && places[0].extent) {
      return {bounds: L.latLngBounds(places[0].extent), maxZoom: AREA_FIT_ZOOM};
    }
    const areasOnly = places.every((place) => place.area && place.extent);
    const bounds = L.latLngBounds([]);
    for (const place of places) {
      bounds.extend(areasOnly ? L.latLngBounds(place.extent) : L.latLng(place.lat, place.lon));
    }
    const maxZoom = areasOnly ? AREA_FIT_ZOOM : Math.max(...places.map(kindZoom));
    return {bounds: bounds, maxZoom: maxZoom};
  }

  // The first view and the reset: the route's stops; without a route the first passage that
  // names places, else every place.
  function overviewView() {
    const stops = routePlaces();
    if (stops.length) return {bounds: pointBounds(stops), maxZoom: Math.max(...stops.map(kindZoom))};
    for (let position = 0; position < state.passages.length; position += 1) {
      const places = passagePlaces(position);
      if (places.length) return viewOf(focusOf(places));
    }
    const all = Array.from(state.places.values());
    const points = all.filter((place) => !place.area);
    return viewOf(points.length ? points : all);
  }

  // The places of a passage worth framing: those near the route or near each other, not a
  // passing mention of a far country (areas count only when the passage names no point).
  function focusOf(places) {
    if (places.length <= 1) return places;
    const points = places.filter((place) => !place.area);
    const pool = points.length ? points : places;
    const clusters = linkClusters(pool);
    const stops = routePlaces();
    if (stops.length) {
      const near = clusters.filter((cluster) => cluster.some((place) =>
        stops.some((stop) => distanceKm(place, stop) <= NEAR_ROUTE_KM)));
      if (near.length) return [].concat(...near);
    }
    return clusters.reduce((best, cluster) => (cluster.length > best.length ? cluster : best));
  }

  // Places joined when within LINK_KM of each other (single linkage), in text order.
  function linkClusters(places) {
    const clusters = [];
    for (const place of places) {
      const joined = clusters.filter((cluster) =>
        cluster.some((other) => haversineKm(place, other) <= LINK_KM));
      const merged = [].concat(...joined, [place]);
      for (const cluster of joined) clusters.splice(clusters.indexOf(cluster), 1);
      clusters.push(merged);
    }
    const order = (cluster) => Math.min(...cluster.map((place) => places.indexOf(place)));
    return clusters.sort((a, b) => order(a) - order(b));
  }

  // From a place to a point place: 0 inside an area's extent.
  function distanceKm(place, stop) {
    if (place.extent && L.latLngBounds(place.extent).contains([stop.lat, stop.lon])) return 0;
    return haversineKm(place, stop);
  }

  function haversineKm(a, b) {
    const rad = Math.PI / 180;
    const dLat = (b.lat - a.lat) * rad;
    const dLon = (b.lon - a.lon) * rad;
    const h = Math.sin(dLat / 2) ** 2 +
      Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
    return 12742 * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  // Room for what covers the map's edges: the tour bar on top, the zoom control, the scale
  // and attribution below, and the stop names beside the markers.
  function padding() {
    const size = state.map.getSize();
    const side = Math.round(Math.min(110, Math.max(24, size.x * 0.12)));
    let top = Math.round(Math.min(40, Math.max(16, size.y * 0.05)));
    const box = state.tour && state.tour.box;
    if (box && box.offsetHeight) top = Math.max(top, box.offsetTop + box.offsetHeight + 12);
    let bottom = Math.round(Math.min(44, Math.max(20, size.y * 0.06)));
    // The legend, scale and attribution in the bottom corners take what they take.
    for (const corner of state.map.getContainer().querySelectorAll('.leaflet-bottom')) {
      const height = cornerHeight(corner);
      if (height) bottom = Math.max(bottom, Math.min(height + 8, size.y * 0.3));
    }
    return {paddingTopLeft: L.point(side, top), paddingBottomRight: L.point(side, bottom)};
  }

  // How far a bottom corner's controls reach up from the map's bottom edge.
  function cornerHeight(corner) {
    const container = state.map.getContainer().getBoundingClientRect();
    let reach = 0;
    for (const control of corner.children) {
      if (!control.offsetHeight) continue;
      reach = Math.max(reach, container.bottom - control.getBoundingClientRect().top);
    }
    return reach;
  }

  // On a narrow map the attribution wraps and would cover the legend and the scale bar:
  // the bottom-left corner then stands on top of it.
  function separateCorners() {
    const box = state.map.getContainer();
    const left = box.querySelector('.leaflet-bottom.leaflet-left');
    const attribution = box.querySelector('.leaflet-control-attribution');
    if (!left || !attribution) return;
    left.style.bottom = '';
    const a = attribution.getBoundingClientRect();
    let covered = false;
    for (const control of left.children) {
      const b = control.getBoundingClientRect();
      if (b.width && a.left < b.right && b.left < a.right && a.top < b.bottom) covered = true;
    }
    if (covered) left.style.bottom = attribution.offsetHeight + 'px';
  }

  function zoomCap(zoom) {
    const top = state.map.getMaxZoom();
    return Math.min(zoom, Number.isFinite(top) ? top : 18);
  }

  function fitView(view, animated) {
    if (!state.map || !view || !view.bounds || !view.bounds.isValid()) return;
    const options = Object.assign(padding(), {maxZoom: zoomCap(view.maxZoom)});
    if (animated && animate()) {
      state.map.flyToBounds(view.bounds, Object.assign(options, {duration: DURATION}));
    } else {
      state.map.fitBounds(view.bounds, Object.assign(options, {animate: false}));
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

  // Leaflet's own controls in the page's language.
  function speakTheLanguage() {
    const box = state.map.getContainer();
    const name = (selector, label) => {
      if (!label) return;
      for (const element of box.querySelectorAll(selector)) {
        element.title = label;
        element.setAttribute('aria-label', label);
      }
    };
    name('.leaflet-control-zoom-in', state.ui.zoom_in);
    name('.leaflet-control-zoom-out', state.ui.zoom_out);
    name('.leaflet-control-layers-toggle', state.ui.layers);
    // The place data's credit stays on the map whichever base layer shows (set by page.py).
    const credit = (state.data.basemap || {}).data_attribution;
    if (state.map.attributionControl && credit) state.map.attributionControl.addAttribution(credit);
    if (state.map.attributionControl && state.ui.leaflet_about) {
      const about = document.createElement('a');
      about.href = 'https://leafletjs.com';
      about.title = state.ui.leaflet_about;
      about.textContent = 'Leaflet';
      state.map.attributionControl.setPrefix(about.outerHTML);
    }
    state.map.on('popupopen', (event) => {
      const element = event.popup.getElement && event.popup.getElement();
      const close = element && element.querySelector('.leaflet-popup-close-button');
      if (close && state.ui.close_popup) {
        close.title = state.ui.close_popup;
        close.setAttribute('aria-label', state.ui.close_popup);
      }
    });
  }

  // Route legs: their lines and their arrow-and-length labels.
  function bindLegs() {
    for (const leg of (state.data.route || {}).legs || []) {
      const line = window[leg.line];
      const label = window[leg.label];
      if (line && label && line.setStyle) {
        state.legs.push({line: line, label: label});
        ownPopup(line);
        line.on('click', (event) => openDetails(line, event && event.latlng));
      }
    }
  }

  // Stop names: each stop's label goes where it covers no other marker or label; stops
  // closer on screen than a marker merge into one marker ("3 · 4") with both names; a leg's
  // length goes beside its arrow where there is room, or is left out (the itinerary has it).

  function setUpLabels() {
    const seen = new Set();
    for (const id of routeStops()) {
      const place = state.places.get(id);
      const marker = state.layers.get(id);
      if (!place || !marker || seen.has(id)) continue;
      seen.add(id);
      state.stopItems.push({place: place, marker: marker});
    }
    state.map.on('zoomend moveend resize overlayadd overlayremove baselayerchange',
      scheduleLayout);
    scheduleLayout();
  }

  function scheduleLayout() {
    if (state.layoutFrame) return;
    const run = () => {
      state.layoutFrame = 0;
      layoutLabels();
    };
    state.layoutFrame = window.requestAnimationFrame ? window.requestAnimationFrame(run) :
      window.setTimeout(run, 16);
  }

  function boxOf(element, origin) {
    const rect = element.getBoundingClientRect();
    return {x: rect.left - origin.left, y: rect.top - origin.top,
      x2: rect.right - origin.left, y2: rect.bottom - origin.top};
  }

  function overlaps(a, b, gap) {
    gap = gap || 0;
    return a.x < b.x2 + gap && b.x < a.x2 + gap && a.y < b.y2 + gap && b.y < a.y2 + gap;
  }

  function layoutLabels() {
    const map = state.map;
    if (!map) return;
    const stopsGroup = layerGroup('stops');
    for (const marker of state.groupMarkers) {
      if (stopsGroup) stopsGroup.removeLayer(marker);
      else map.removeLayer(marker);
    }
    state.groupMarkers = [];
    const container = map.getContainer();
    const origin = container.getBoundingClientRect();
    const size = map.getSize();
    const view = {x: 0, y: 0, x2: size.x, y2: size.y};

    // 1. Stops on screen, merged while their markers touch.
    const items = [];
    for (const item of state.stopItems) {
      const icon = item.marker.getElement && item.marker.getElement();
      if (!icon || !map.hasLayer(item.marker)) continue;
      icon.classList.remove('is-merged');
      const disc = icon.querySelector('.storymap-stop');
      const label = icon.querySelector('.storymap-stop-label');
      if (!disc) continue;
      if (label) label.classList.remove('is-hidden');
      items.push({item: item, icon: icon, disc: disc, label: label, box: boxOf(disc, origin)});
    }
    let groups = items.map((entry) => ({members: [entry], box: entry.box}));
    for (let changed = true; changed;) {
      changed = false;
      outer:
      for (let i = 0; i < groups.length; i += 1) {
        for (let j = i + 1; j < groups.length; j += 1) {
          if (overlaps(groups[i].box, groups[j].box, MERGE_GAP)) {
            const members = groups[i].members.concat(groups[j].members);
            groups.splice(j, 1);
            groups[i] = {members: members, box: groupBox(members)};
            changed = true;
            break outer;
          }
        }
      }
    }
    groups = groups.map((group) => (group.members.length > 1 ? realizeGroup(group, origin, stopsGroup) :
      {members: group.members, box: group.box, label: group.members[0].label}));
    const markerBoxes = groups.map((group) => group.box);

    // 2. Other markers and the map's controls: best not covered.
    const soft = [];
    for (const [id, layer] of state.layers) {
      const place = state.places.get(id);
      if (place.stop || !map.hasLayer(layer) || !layer.getLatLng) continue;
      const point = map.latLngToContainerPoint(layer.getLatLng());
      soft.push({x: point.x - 8, y: point.y - 8, x2: point.x + 8, y2: point.y + 8});
    }
    const controls = [];
    for (const element of container.querySelectorAll(
      '.leaflet-control, .storymap-tour')) {
      if (element.offsetWidth) controls.push(boxOf(element, origin));
    }

    // 3. Legs: an arrow only where the leg is long enough and free of markers.
    const groupOf = new Map();
    groups.forEach((group, number) => {
      for (const member of group.members) groupOf.set(member.item.place.id, number);
    });
    const stops = routeStops();
    const arrows = [];
    state.legs.forEach((leg, number) => {
      const icon = leg.label.getElement && leg.label.getElement();
      if (!icon) return;
      icon.classList.remove('is-hidden');
      const km = icon.querySelector('.storymap-leg-km');
      if (km) km.classList.remove('is-hidden');
      const a = state.places.get(stops[number]);
      const b = state.places.get(stops[number + 1]);
      const arrow = icon.querySelector('.storymap-arrow') || icon;
      const box = boxOf(arrow, origin);
      let show = Boolean(a && b) && map.hasLayer(leg.label);
      if (show) {
        const pa = map.latLngToContainerPoint([a.lat, a.lon]);
        const pb = map.latLngToContainerPoint([b.lat, b.lon]);
        const sameGroup = groupOf.has(a.id) && groupOf.get(a.id) === groupOf.get(b.id);
        show = !sameGroup && pa.distanceTo(pb) >= MIN_LEG_PX &&
          !markerBoxes.some((other) => overlaps(box, other, 1));
      }
      if (!show) {
        icon.classList.add('is-hidden');
        return;
      }
      arrows.push({icon: icon, km: km, box: box});
    });

    // 4. Stop names, in route order, then legs' lengths.
    const placed = [];
    for (const group of groups) {
      if (!group.label) continue;
      const found = placeLabel(group.label, group.box, origin, markerBoxes.concat(placed),
        soft.concat(arrows.map((arrow) => arrow.box)), controls, view, STOP_SPOTS);
      if (found) placed.push(found);
    }
    for (const arrow of arrows) {
      if (placed.some((box) => overlaps(arrow.box, box, 1))) {
        arrow.icon.classList.add('is-hidden');
        arrow.hidden = true;
      }
    }
    const shown = arrows.filter((arrow) => !arrow.hidden);
    for (const arrow of shown) {
      if (!arrow.km) continue;
      const others = shown.filter((other) => other !== arrow).map((other) => other.box);
      const found = placeLabel(arrow.km, arrow.box, origin,
        markerBoxes.concat(placed, others), soft, controls, view, LEG_SPOTS);
      if (found) placed.push(found);
    }

    // 5. On the outline map, the other places' names, where there is room.
    if (state.offline) {
      const arrowBoxes = shown.map((arrow) => arrow.box);
      for (const tag of state.tags) {
        const icon = tag.marker.getElement && tag.marker.getElement();
        const label = icon && icon.firstElementChild;
        if (!label || !map.hasLayer(tag.marker)) continue;
        const point = map.latLngToContainerPoint(tag.marker.getLatLng());
        const anchor = {x: point.x - 7, y: point.y - 7, x2: point.x + 7, y2: point.y + 7};
        const inView = point.x >= 0 && point.y >= 0 && point.x <= size.x && point.y <= size.y;
        const found = inView && placeLabel(label, anchor, origin,
          markerBoxes.concat(placed, arrowBoxes), [], controls, view, STOP_SPOTS);
        if (found) placed.push(found);
        else label.classList.add('is-hidden');
      }
    }
    nameMarkers();
  }

  function groupBox(members) {
    const box = {x: Infinity, y: Infinity, x2: -Infinity, y2: -Infinity};
    for (const member of members) {
      box.x = Math.min(box.x, member.box.x);
      box.y = Math.min(box.y, member.box.y);
      box.x2 = Math.max(box.x2, member.box.x2);
      box.y2 = Math.max(box.y2, member.box.y2);
    }
    // The merged marker is a pill at the members' middle, as wide as its numbers need.
    const numbers = groupNumbers(members);
    const width = 10 + 7 * numbers.length;
    const cx = (box.x + box.x2) / 2;
    const cy = (box.y + box.y2) / 2;
    return {x: cx - width / 2, y: cy - 14, x2: cx + width / 2, y2: cy + 14};
  }

  function groupNumbers(members) {
    const numbers = [];
    for (const member of members) {
      const place = member.item.place;
      numbers.push(...(place.stops && place.stops.length ? place.stops : [place.stop]));
    }
    numbers.sort((a, b) => a - b);
    if (numbers.length <= 4) return numbers.join(' · ');
    const last = numbers[numbers.length - 1];
    const run = last - numbers[0] === numbers.length - 1;  // 2, 3, …, 17 without a gap
    return run ? numbers[0] + '–' + last : numbers.slice(0, 3).join(' · ') + ' …';
  }

  // One marker for stops too close to tell apart; a click zooms in until they part.
  function realizeGroup(group, origin, stopsGroup) {
    const map = state.map;
    const members = group.members.slice().sort((a, b) =>
      (a.item.place.stop || 0) - (b.item.place.stop || 0));
    for (const member of members) member.icon.classList.add('is-merged');
    const numbers = groupNumbers(members);
    const names = members.map((member) => nameOf(member.item.place));
    const shown = names.length > 3 ? names.slice(0, 3).concat('…') : names;
    const width = 10 + 7 * numbers.length;
    const disc = document.createElement('div');
    disc.className = 'storymap-stop storymap-stop--visits';
    disc.setAttribute('aria-hidden', 'true');
    disc.textContent = numbers;
    const label = document.createElement('span');
    label.className = 'storymap-stop-label';
    label.textContent = shown.join(', ');
    const centre = L.point((group.box.x + group.box.x2) / 2, (group.box.y + group.box.y2) / 2);
    const marker = L.marker(map.containerPointToLatLng(centre), {
      icon: L.divIcon({html: disc.outerHTML + label.outerHTML, iconSize: [width, 28],
        iconAnchor: [width / 2, 14], className: 'storymap-stop-icon storymap-stop-group'}),
      keyboard: true
    });
    const places = members.map((member) => member.item.place);
    marker.on('click', () => fitView({bounds: pointBounds(places),
      maxZoom: Math.max(...places.map(kindZoom)) + 3}, true));
    if (stopsGroup) stopsGroup.addLayer(marker);
    else marker.addTo(map);
    state.groupMarkers.push(marker);
    const icon = marker.getElement();
    if (!icon) return {members: members, box: group.box, label: null};
    const said = text('route_stops', {numbers: numbers}) + ': ' + names.join(', ');
    icon.dataset.first = Math.min(...members.map((member) => member.item.place.stop || 0));
    icon.dataset.places = places.map((place) => place.id).join(' ');
    const current = state.currentStop >= 0 ? routeStops()[state.currentStop] : null;
    if (current !== null && icon.dataset.places.split(' ').includes(String(current))) {
      icon.classList.add('is-current');
    }
    icon.setAttribute('aria-label', said);
    icon.title = said;
    const pill = icon.querySelector('.storymap-stop');
    return {members: members, box: pill ? boxOf(pill, origin) : group.box,
      label: icon.querySelector('.storymap-stop-label')};
  }

  // Where a label may go around its anchor box (dx, dy: which side; far: a step further out).
  const STOP_SPOTS = [
    ['e', 0], ['w', 0], ['ne', 0], ['se', 0], ['n', 0], ['s', 0], ['nw', 0], ['sw', 0],
    ['e', 12], ['w', 12], ['n', 10], ['s', 10], ['ne', 12], ['se', 12], ['nw', 12], ['sw', 12]
  ];
  const LEG_SPOTS = [
    ['e', 0], ['w', 0], ['n', 0], ['s', 0], ['ne', 0], ['se', 0], ['nw', 0], ['sw', 0]
  ];

  // The label's box on `side` of `anchor` (n, s, e, w or a corner), `far` px further out.
  // East and west spots clear the anchor sideways, so a corner spot only shifts up or down.
  function spot(side, far, anchor, width, height) {
    const gap = LABEL_GAP + far;
    let x = (anchor.x + anchor.x2) / 2 - width / 2;
    let y = (anchor.y + anchor.y2) / 2 - height / 2;
    if (side.includes('e')) x = anchor.x2 + gap;
    if (side.includes('w')) x = anchor.x - gap - width;
    const corner = side.length === 2;
    if (side.includes('n')) y = corner ? anchor.y - height + 4 : anchor.y - gap - height;
    if (side.includes('s')) y = corner ? anchor.y2 - 4 : anchor.y2 + gap;
    return {x: x, y: y, x2: x + width, y2: y + height};
  }

  // Put `label` at the best free spot around `anchor`: never over `hard` boxes, preferably
  // not over `soft` ones or the controls, and inside the view. Hidden when nothing is free.
  function placeLabel(label, anchor, origin, hard, soft, controls, view, spots) {
    label.classList.remove('is-hidden');
    const width = label.offsetWidth;
    const height = label.offsetHeight;
    if (!width || !height) return null;
    let best = null;
    spots.forEach(([side, far], rank) => {
      const box = spot(side, far, anchor, width, height);
      if (hard.some((other) => overlaps(box, other, 1))) return;
      let cost = rank;
      cost += 25 * soft.filter((other) => overlaps(box, other)).length;
      cost += 80 * controls.filter((other) => overlaps(box, other)).length;
      if (box.x < view.x || box.y < view.y || box.x2 > view.x2 || box.y2 > view.y2) cost += 60;
      if (!best || cost < best.cost) best = {cost: cost, box: box};
    });
    if (!best) {
      label.classList.add('is-hidden');
      return null;
    }
    // Positioned in the marker icon's own coordinates.
    const icon = label.parentElement.getBoundingClientRect();
    label.style.left = Math.round(best.box.x - (icon.left - origin.left)) + 'px';
    label.style.top = Math.round(best.box.y - (icon.top - origin.top)) + 'px';
    return boxOf(label, origin);
  }

  // The offline basemap: the world's outlines (1:110m) with the story's countries at 1:50m,
  // in the pane under the tiles; and the switch to it when tiles do not load.

  function drawBasemap() {
    const map = state.map;
    if (!map.getPane('storymap-basemap')) return;
    map.getContainer().style.background = '#dce8f2';
    const world = readJson('storymap-world');
    const land = state.data.land || {};
    const style = {pane: 'storymap-basemap', interactive: false, color: '#8a9aa8', weight: 0.8,
      fillColor: '#f4f1ea', fillOpacity: 1};
    const shapes = [];
    for (const [code, parts] of (world && world.countries) || []) {
      if (!land[code]) shapes.push(L.polygon(decodeOutline(parts, world.scale), style));
    }
    for (const code of Object.keys(land)) shapes.push(L.polygon(decodeOutline(land[code]), style));
    L.layerGroup(shapes).addTo(map);
  }

  function setUpBasemap() {
    const names = state.data.basemap || {};
    state.tiles = window[names.tiles] || null;
    state.outlineLayer = window[names.outlines] || null;
    if (!state.tiles || !state.outlineLayer || !state.tiles.on) return;
    for (const [id, place] of state.places) {
      if (place.stop || !state.layers.has(id)) continue;
      const name = document.createElement('span');
      name.setAttribute('aria-hidden', 'true');
      name.textContent = nameOf(place);
      const marker = L.marker([place.lat, place.lon], {
        icon: L.divIcon({className: 'storymap-place-tag', iconSize: [0, 0], html: name.outerHTML}),
        interactive: false, keyboard: false
      });
      state.outlineLayer.addLayer(marker);
      state.tags.push({place: place, marker: marker});
    }
    state.map.on('baselayerchange', (event) => outlineMode(event.layer === state.outlineLayer));
    let failed = 0;
    let loaded = 0;
    state.tiles.on('tileload', () => {
      loaded += 1;
      failed = 0;
    });
    state.tiles.on('tileerror', () => {
      failed += 1;
      // None loaded, or a run of failures after some did: the network is gone.
      if (!state.offline && failed >= (loaded ? 4 * TILE_FAILURES : TILE_FAILURES)) {
        useOutlines();
      }
    });
  }

  // Switch to the outline map, and say so once.
  function useOutlines() {
    const map = state.map;
    if (map.hasLayer(state.tiles)) map.removeLayer(state.tiles);
    if (!map.hasLayer(state.outlineLayer)) map.addLayer(state.outlineLayer);
    outlineMode(true);
    if (state.toldOffline) return;
    state.toldOffline = true;
    const notice = L.DomUtil.create('div', 'storymap-notice', map.getContainer());
    notice.setAttribute('role', 'status');
    const message = document.createElement('span');
    message.textContent = text('tiles_failed');
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.title = text('close_notice');
    close.setAttribute('aria-label', text('close_notice'));
    close.addEventListener('click', () => notice.remove());
    notice.append(message, close);
    window.setTimeout(() => notice.remove(), NOTICE_TIME);
    L.DomEvent.disableClickPropagation(notice);
    L.DomEvent.disableScrollPropagation(notice);
  }

  // The outline map has no detail below its outlines' resolution: the zoom stops there, and
  // the places carry their names.
  function outlineMode(on) {
    if (state.offline === on) return;
    state.offline = on;
    const basemap = state.data.basemap || {};
    state.map.setMaxZoom(on ? basemap.detail || 6 : basemap.tiles_max_zoom || 18);
    scheduleLayout();
  }

  // Embedded in another page, the wheel over the map scrolls that page; it zooms the map
  // once the map was clicked or focused (until the pointer leaves it), or with Ctrl/⌘, as
  // well-known map embeds do. The first wheel that scrolls says how to zoom.
  function gateWheel() {
    let embedded = false;
    try {
      embedded = window.self !== window.top;
    } catch (error) {
      embedded = true;
    }
    if (!embedded) return;
    const box = state.map.getContainer();
    let armed = false;
    box.addEventListener('pointerdown', () => {
      armed = true;
    });
    box.addEventListener('focusin', () => {
      armed = true;
    });
    box.addEventListener('mouseleave', () => {
      armed = false;
    });
    box.addEventListener('focusout', (event) => {
      if (!box.contains(event.relatedTarget)) armed = false;
    });
    box.addEventListener('wheel', (event) => {
      if (armed || event.ctrlKey || event.metaKey || document.fullscreenElement) return;
      const target = event.target;
      if (target.closest && target.closest('.leaflet-control, .storymap-tour')) return;
      event.stopPropagation();  // Leaflet's zoom listens on the container, after this one
      wheelHint();
    }, {capture: true, passive: true});
  }

  function wheelHint() {
    if (state.hinted) return;
    state.hinted = true;
    const mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent || '');
    const hint = L.DomUtil.create('div', 'storymap-hint', state.map.getContainer());
    hint.textContent = text(mac ? 'wheel_hint_mac' : 'wheel_hint');
    hint.setAttribute('aria-hidden', 'true');
    window.setTimeout(() => hint.remove(), HINT_TIME);
  }

  // A narrow map folds its attribution behind an ⓘ button (the page's footer always carries
  // the credits as well); a wide one shows it.
  function foldAttribution() {
    const map = state.map;
    const box = map.getContainer();
    if (!map.attributionControl) return;
    if (!state.attributionToggle) {
      const Toggle = L.Control.extend({
        options: {position: 'bottomright'},
        onAdd: () => {
          const button = L.DomUtil.create('button', 'storymap-attribution-toggle');
          button.type = 'button';
          button.textContent = 'i';  // drawn as ⓘ by the stylesheet: every font has an i
          L.DomEvent.disableClickPropagation(button);
          button.addEventListener('click', () => {
            box.classList.toggle('storymap-unfolded');
            labelToggle(button);
            separateCorners();
          });
          return button;
        }
      });
      state.attributionToggle = new Toggle().addTo(map).getContainer();
    }
    const button = state.attributionToggle;
    const fold = map.getSize().x < FOLD_WIDTH;
    box.classList.toggle('storymap-folded', fold);
    if (!fold) box.classList.remove('storymap-unfolded');
    button.hidden = !fold;
    labelToggle(button);
  }

  function labelToggle(button) {
    const open = state.map.getContainer().classList.contains('storymap-unfolded');
    const label = text(open ? 'attribution_hide' : 'attribution_show');
    button.title = label;
    button.setAttribute('aria-label', label);
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
  }

  function announceFullscreen() {
    const box = state.map.getContainer();
    let was = false;
    document.addEventListener('fullscreenchange', () => {
      const now = document.fullscreenElement === box;
      if (now !== was) announce(text(now ? 'fullscreen_on' : 'fullscreen_off'));
      was = now;
    });
  }

  // Printing shows the route overview, whatever the map was zoomed to; the view comes back
  // afterwards.
  function preparePrint() {
    const map = state.map;
    let saved = null;
    const before = () => {
      if (saved) return;
      saved = {centre: map.getCenter(), zoom: map.getZoom()};
      map.closePopup();
      hideCard();
      map.invalidateSize({pan: false});
      fitView(overviewView(), false);
      layoutLabels();
    };
    const after = () => {
      if (!saved) return;
      map.invalidateSize({pan: false});
      map.setView(saved.centre, saved.zoom, {animate: false});
      saved = null;
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    const query = window.matchMedia ? window.matchMedia('print') : null;
    if (query && query.addEventListener) {
      query.addEventListener('change', (event) => (event.matches ? before() : after()));
    }
  }

  // Skip links: to the map (its keyboard focus: arrows pan, Tab reaches the markers) and
  // back to the text, without scrolling an embedding page.
  function bindSkipLinks() {
    const jump = (selector, target) => {
      const link = document.querySelector(selector);
      if (!link) return;
      link.addEventListener('click', (event) => {
        const element = target();
        if (!element) return;
        event.preventDefault();
        element.focus({preventScroll: true});
      });
    };
    jump('.storymap-skip-map', () => (state.map ? state.map.getContainer() :
      document.getElementById('storymap-map')));
    jump('.storymap-skip-back', () => state.panel);
    jump('.storymap-skip', () => state.panel);
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

  window.StoryMap = {
    init, showPlace, showMentions, goToPassage, goToStep, resetView, layoutLabels
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
