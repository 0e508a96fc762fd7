// Drover's dashboard: reads /internal/dashboard/events (server-sent events, one JSON document a second) with fetch,
// so that a key goes in a header and never in the address. Everything from the gateway is set as text, never as
// markup: node and model names come from nodes, and some nodes join by token from machines nobody here controls.
'use strict';
(() => {
  const KEY = 'drover.key';
  const $ = (id) => document.getElementById(id);
  const cards = new Map();

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function headers() {
    const key = sessionStorage.getItem(KEY);
    return key ? { Authorization: 'Bearer ' + key } : {};
  }

  function notice(text, bad) {
    const n = $('notice');
    n.textContent = text || '';
    n.hidden = !text;
    n.className = bad ? 'bad' : '';
  }

  // ---- the feed ---------------------------------------------------------------------------------------------------
  async function listen() {
    let wait = 1000;
    for (;;) {
      try {
        feed = new AbortController();
        const response = await fetch('../internal/dashboard/events',
          { headers: headers(), cache: 'no-store', signal: feed.signal });
        if (response.status === 401 || response.status === 403) {
          link(false, 'key needed');
          notice(await message(response) + ' Give an admin key to see the fleet.', true);
          $('key-form').hidden = false;
          await new Promise((resolve) => { resumeFeed = resolve; });
          continue;
        }
        if (!response.ok) throw new Error(await message(response));
        link(true, 'live');
        wait = 1000;
        await read(response.body.getReader());
        link(false, 'reconnecting');
      } catch (e) {
        link(false, 'reconnecting');
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, 10000);
    }
  }
  let resumeFeed = () => {};
  let feed = null;

  // A new key takes effect on a new feed: the gateway says on each feed whether its caller may act.
  function reconnect() {
    if (feed) feed.abort();
    resumeFeed();
  }

  async function read(reader) {
    const decoder = new TextDecoder();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const event = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const lines = event.split('\n');
        const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        const hello = lines.includes('event: hello');
        if (data) hello ? role(JSON.parse(data).admin) : show(JSON.parse(data));
      }
    }
  }

  async function message(response) {
    try {
      const body = await response.json();
      return typeof body.error === 'string' ? body.error : (body.error && body.error.message) || response.statusText;
    } catch (e) {
      return response.status + ' ' + response.statusText;
    }
  }

  function link(up, text) {
    const l = $('link');
    l.textContent = text;
    l.className = 'badge ' + (up ? 'ok' : 'off');
  }

  // ---- rendering ----------------------------------------------------------------------------------------------------
  function show(view) {
    const status = view.status;
    const activity = view.activity;
    const nodes = status.endpoints;
    $('routable').textContent = status.routable_endpoints + ' / ' + nodes.length;
    $('rps').textContent = lastOf(activity.requests);
    $('eps').textContent = lastOf(activity.errors);
    sparkline($('rps-line'), activity.requests);
    sparkline($('eps-line'), activity.errors);
    $('queued').textContent = status.queued;
    const q = activity.queue;
    $('waits').textContent = q.admitted || q.rejected
      ? `last min: ${q.admitted} waited, mean ${q.mean_wait_ms} ms, max ${q.max_wait_ms} ms, ${q.rejected} refused`
      : 'nobody waited in the last minute';
    if (view.draining) notice('The gateway is shutting down.', true);
    const seen = new Set();
    for (const node of nodes) {
      seen.add(node.name);
      let card = cards.get(node.name);
      if (!card) {
        card = nodeCard(node.name);
        cards.set(node.name, card);
        $('nodes').append(card.root);
      }
      card.update(node, view, activity);
    }
    for (const [name, card] of cards) {
      if (!seen.has(name)) { card.root.remove(); cards.delete(name); }
    }
    syncRows(status.model_sync || []);
    rows($('decisions'), activity.decisions, (r) => [time(r.at), r.model + (r.served_model ? ' → ' + r.served_model : ''), r.endpoint, r.reason + (r.cold ? ' (cold)' : ''),
      r.affinity || '', r.status, r.duration_ms]);
    rows($('errors'), activity.recent_errors, (r) => [time(r.at), r.route, r.model || '', r.endpoint || '', r.status,
      r.duration_ms, r.request_id]);
  }

  function nodeCard(name) {
    const title = el('h3', {}, name);
    const badges = el('span');
    const action = el('button', { type: 'button', 'data-node': name });
    action.addEventListener('click', () => drain(name, !(cards.get(name).drained)));
    const meta = el('div', { class: 'meta' });
    const spark = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    spark.setAttribute('class', 'spark');
    spark.setAttribute('viewBox', '0 0 180 30');
    spark.setAttribute('preserveAspectRatio', 'none');
    const models = el('table', { class: 'models' });
    const root = el('article', { class: 'node', 'data-node': name },
      el('div', { class: 'top' }, title, badges, el('span', { class: 'grow' }), action), meta, spark,
      el('div', { class: 'scroll' }, models));
    const card = {
      root, drained: false,
      update(node, view, activity) {
        card.drained = node.drained;
        root.className = 'node' + (node.drained ? ' drained' : node.routable ? '' : ' down');
        badges.replaceChildren(...[
          badge(node.status, node.status === 'up' ? 'ok' : node.status === 'unknown' ? '' : 'bad'),
          node.circuit !== 'closed' ? badge('circuit ' + node.circuit, 'bad') : null,
          node.drained ? badge('drained', 'warn') : null,
          badge(node.origin)].filter(Boolean));
        action.textContent = node.drained ? 'Undrain' : 'Drain';
        action.title = (node.drained ? 'send requests to ' : 'send no new requests to ') + name + ' (admin)';
        meta.replaceChildren(
          `${node.type} ${node.version ? 'v' + node.version : ''} · ${node.url} · in flight ${node.in_flight}` +
          (node.num_parallel ? ` · ${node.num_parallel} slot${node.num_parallel > 1 ? 's' : ''} per model` : '') +
          (node.last_error && !node.routable ? ' · ' + node.last_error : ''));
        sparkline(spark, activity.node_requests[name] || []);
        models.replaceChildren(...modelRows(node, view, activity));
      },
    };
    return card;
  }

  function modelRows(node, view, activity) {
    const figures = new Map(activity.models.filter((m) => m.endpoint === node.name).map((m) => [m.model, m]));
    const names = [...new Set([...node.models, ...(node.residency || []).map((r) => r.model), ...figures.keys()])].sort();
    const residency = new Map((node.residency || []).map((r) => [r.model, r]));
    const head = el('tr', {}, ...['model', 'in memory', 'running', 'req/min', 'TTFT ms', 'tok/s', 'cold loads']
      .map((h) => el('th', {}, h)));
    if (names.length === 0) return [head, el('tr', {}, el('td', { class: 'empty', colspan: 7 }, 'no models'))];
    return [head, ...names.map((model) => {
      const r = residency.get(model);
      const f = figures.get(model);
      const loaded = r && r.loaded;
      return el('tr', { 'data-model': model, class: loaded ? 'is-loaded' : null },
        el('td', {}, model),
        el('td', { class: loaded ? 'loaded' : null }, loaded ? loadedText(r, view.at) : '–'),
        el('td', {}, r ? r.in_flight : 0),
        el('td', {}, f ? f.requests : 0),
        el('td', {}, f && f.first_byte_ms !== null ? f.first_byte_ms : '–'),
        el('td', {}, f && f.tokens_per_second !== null ? f.tokens_per_second : (r && r.tokens_per_second ? r.tokens_per_second.toFixed(1) : '–')),
        el('td', {}, f ? f.cold_loads : 0));
    })];
  }

  function loadedText(r, now) {
    let text = 'loaded';
    if (r.size_vram) text += ' ' + (r.size_vram / 1e9).toFixed(1) + ' GB';
    if (r.expires_at) {
      const left = Math.round((Date.parse(r.expires_at) - Date.parse(now)) / 1000);
      // keep_alive -1 (never unload) comes as an expiry centuries away.
      text += left > 366 * 86400 ? ', kept loaded' : left > 0 ? ', ' + duration(left) + ' left' : ', expiring';
    }
    return text;
  }

  function duration(seconds) {
    if (seconds >= 3600) return Math.floor(seconds / 3600) + 'h' + Math.floor(seconds % 3600 / 60) + 'm';
    if (seconds >= 60) return Math.floor(seconds / 60) + 'm' + (seconds % 60) + 's';
    return seconds + 's';
  }

  function badge(text, kind) {
    return el('span', { class: 'badge' + (kind ? ' ' + kind : '') }, text);
  }

  function rows(table, records, cells) {
    const body = table.tBodies[0];
    if (!records.length) {
      body.replaceChildren(el('tr', {}, el('td', { class: 'empty', colspan: 7 }, 'none yet')));
      return;
    }
    body.replaceChildren(...records.map((r) => el('tr', {}, ...cells(r).map((c) => el('td', {}, c)))));
  }

  // One row per wanted model on a node: where it stands, a pull's progress, and why the last attempt failed.
  function syncRows(entries) {
    $('sync-section').hidden = entries.length === 0;
    $('sync').tBodies[0].replaceChildren(...entries.map((r) => {
      const progress = r.total ? Math.floor(100 * r.completed / r.total) + '%' : '';
      const error = r.last_error ? r.last_error + (r.next_try ? ' (next try ' + time(r.next_try) + ')' : '') : '';
      const kind = r.state === 'present' ? 'ok' : r.state === 'retrying' || r.state === 'missing' ? 'bad' : '';
      return el('tr', { 'data-node': r.node, 'data-model': r.model, 'data-state': r.state },
        el('td', {}, r.node), el('td', {}, r.model), el('td', {}, r.kind), el('td', {}, badge(r.state, kind)),
        el('td', {}, progress), el('td', {}, r.attempts ? String(r.attempts) : ''), el('td', {}, error));
    }));
  }

  function time(instant) {
    return instant ? new Date(instant).toLocaleTimeString() : '';
  }

  function lastOf(series) {
    return series.length ? series[series.length - 1] : 0;
  }

  function sparkline(svg, series) {
    const top = Math.max(1, ...series);
    const step = series.length > 1 ? 180 / (series.length - 1) : 0;
    const points = series.map((v, i) => (i * step).toFixed(1) + ',' + (29 - (v / top) * 28).toFixed(1)).join(' ');
    let line = svg.firstChild;
    if (!line) {
      line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
      svg.append(line);
    }
    line.setAttribute('points', points);
  }

  // ---- admin actions ----------------------------------------------------------------------------------------------
  async function act(method, path, done) {
    try {
      const response = await fetch(path, { method, headers: headers() });
      if (response.ok) {
        notice(done);
        role(true);
      } else {
        notice('Refused: ' + await message(response) + (response.status === 401 || response.status === 403
          ? ' (this needs an admin key)' : ''), true);
      }
    } catch (e) {
      notice('Failed: ' + e.message, true);
    }
  }

  function drain(name, on) {
    act('POST', '../admin/endpoints/' + encodeURIComponent(name) + (on ? '/drain' : '/undrain'),
      (on ? 'Drained ' : 'Undrained ') + name + '.');
  }

  function role(isAdmin) {
    const r = $('role');
    r.textContent = isAdmin ? 'admin' : 'read-only';
    r.className = 'badge ' + (isAdmin ? 'warn' : '');
  }

  // ---- the key ------------------------------------------------------------------------------------------------------
  $('key-button').addEventListener('click', () => { $('key-form').hidden = !$('key-form').hidden; $('key').focus(); });
  $('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const key = $('key').value.trim();
    if (key) sessionStorage.setItem(KEY, key);
    $('key').value = '';
    $('key-form').hidden = true;
    notice('Key kept for this tab.');
    reconnect();
  });
  $('key-clear').addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    notice('Key forgotten.');
    reconnect();
  });
  $('refresh').addEventListener('click', () => act('POST', '../admin/models/refresh', 'Asked every node for its models.'));

  listen();
})();
