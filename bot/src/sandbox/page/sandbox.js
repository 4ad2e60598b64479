// The sandbox's chat client. Message text is never parsed as HTML: it is rendered from
// Telegram's entities into DOM nodes, one element type per entity from a fixed list, and every
// piece of text goes in with textContent.
"use strict";

const L = JSON.parse(document.getElementById("labels").textContent);
const api = "/sandbox/api";
const state = { world: null, worldKey: "", person: null, chat: null, replyTo: null, stick: false, rendered: new Map() };
const $ = (id) => document.getElementById(id);

function label(key) {
  return L[key] !== undefined ? L[key] : key;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function showError(code) {
  const box = $("error");
  if (!code) {
    box.hidden = true;
    box.textContent = "";
    return;
  }
  box.textContent = label("error-" + code) !== "error-" + code ? label("error-" + code) : label("error-other");
  box.hidden = false;
}

async function call(method, path, body) {
  const init = { method, headers: {} };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(api + path, init);
  } catch (e) {
    showError("offline");
    throw e;
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    showError(data.error || "other");
    throw new Error(data.error || response.status);
  }
  showError(null);
  return data;
}

// ---- Telegram's HTML subset, from entities ----

const SAFE_URL = /^(https?:\/\/|tg:\/\/)/i;
const START_LINK = /^https:\/\/t\.me\/([A-Za-z0-9_]+)\?start=([A-Za-z0-9_-]{1,64})$/;

function entityElement(entity) {
  switch (entity.type) {
    case "bold": return el("b");
    case "italic": return el("i");
    case "underline": return el("u");
    case "strikethrough": return el("s");
    case "spoiler": return el("span", { class: "spoiler" });
    case "code": return el("code");
    case "pre": return el("pre");
    case "blockquote":
    case "expandable_blockquote": return el("blockquote");
    case "text_link": return linkTo(entity.url);
    case "url": return null; // filled below from its own text
    default: return el("span");
  }
}

function linkTo(url) {
  if (!SAFE_URL.test(url || "")) return el("span");
  const a = el("a", { href: url, rel: "noopener noreferrer", target: "_blank" });
  a.addEventListener("click", (event) => openLink(event, url));
  return a;
}

// Plain text with its bare URLs made links, as Telegram's apps do.
function plainText(text) {
  const out = [];
  const pattern = /https?:\/\/[^\s<>"]+/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) out.push(document.createTextNode(text.slice(at, match.index)));
    const a = linkTo(match[0]);
    a.textContent = match[0];
    out.push(a);
    at = match.index + match[0].length;
  }
  if (at < text.length) out.push(document.createTextNode(text.slice(at)));
  return out;
}

// Renders text[start, end) with the entities inside it (offsets in UTF-16 units, as JS strings).
function renderSpan(text, entities, start, end) {
  const out = [];
  let at = start;
  const inside = entities.filter((e) => e.offset >= start && e.offset + e.length <= end);
  inside.sort((a, b) => a.offset - b.offset || b.length - a.length);
  let i = 0;
  while (i < inside.length) {
    const entity = inside[i];
    if (entity.offset < at) { i++; continue; }
    if (entity.offset > at) out.push(...plainText(text.slice(at, entity.offset)));
    const stop = entity.offset + entity.length;
    const nested = inside.filter((e) => e !== entity && e.offset >= entity.offset && e.offset + e.length <= stop);
    const node = entityElement(entity);
    if (node === null) out.push(...plainText(text.slice(entity.offset, stop)));
    else {
      node.append(...renderSpan(text, nested, entity.offset, stop));
      out.push(node);
    }
    at = stop;
    i++;
  }
  if (at < end) out.push(...plainText(text.slice(at, end)));
  return out;
}

function formatted(text, entities) {
  return el("div", { class: "text" }, ...renderSpan(text, entities || [], 0, text.length));
}

// ---- links ----

function openLink(event, url) {
  const start = START_LINK.exec(url);
  if (!start || !state.world || start[1].toLowerCase() !== state.world.bot.toLowerCase()) return;
  // A link to this bot: this person presses it, as on a phone.
  event.preventDefault();
  state.chat = state.person;
  send("/start " + start[2], null);
}

// ---- messages ----

function fileUrl(id) {
  return api + "/files/" + encodeURIComponent(id);
}

function senderName(message) {
  const from = message.from || {};
  if (from.is_bot) return state.world ? "@" + state.world.bot : "bot";
  return from.first_name || "";
}

function snippet(message) {
  const text = message.text || message.caption || "";
  if (text) return text.length > 80 ? text.slice(0, 80) + "…" : text;
  if (message.voice) return label("voice");
  if (message.photo) return label("photo");
  if (message.document) return message.document.file_name || label("download");
  return "";
}

function buttons(message) {
  const rows = (message.reply_markup && message.reply_markup.inline_keyboard) || [];
  if (!rows.length) return null;
  const box = el("div", { class: "keyboard" });
  for (const row of rows) {
    const line = el("div", { class: "row" });
    for (const button of row) {
      const b = el("button", { type: "button", class: "inline" }, button.text || "");
      if (button.callback_data !== undefined) {
        b.addEventListener("click", () => press(message, button.callback_data));
      } else if (button.url) {
        b.addEventListener("click", (event) => {
          openLink(event, button.url);
          if (!event.defaultPrevented && SAFE_URL.test(button.url)) window.open(button.url, "_blank", "noopener");
        });
      }
      line.append(b);
    }
    box.append(line);
  }
  return box;
}

function messageNode(message) {
  const mine = message.from && message.from.id === state.person;
  const bot = message.from && message.from.is_bot;
  const node = el("article", {
    class: "message " + (mine ? "mine" : bot ? "bot" : "other"),
    "data-id": String(message.message_id),
  });
  if (!mine) node.append(el("div", { class: "sender" }, senderName(message)));
  const reply = message.reply_to_message;
  if (reply) {
    node.append(el("div", { class: "quote" }, el("span", { class: "sender" }, senderName(reply)), " ", snippet(reply)));
  }
  if (message.photo && message.photo.length) {
    const biggest = message.photo[message.photo.length - 1];
    node.append(el("img", { class: "photo", src: fileUrl(biggest.file_id), alt: label("photo") }));
  }
  if (message.voice) {
    node.append(el("audio", { controls: true, src: fileUrl(message.voice.file_id), title: label("voice") }));
  }
  if (message.document) {
    const name = message.document.file_name || label("download");
    node.append(el("a", { class: "document", href: fileUrl(message.document.file_id), download: name }, label("document") + " " + name));
  }
  if (message.text !== undefined) node.append(formatted(message.text, message.entities));
  if (message.caption !== undefined) node.append(formatted(message.caption, message.caption_entities));
  const keyboard = buttons(message);
  if (keyboard) node.append(keyboard);
  const foot = el("div", { class: "foot" });
  if (message.edit_date) foot.append(el("span", { class: "edited" }, label("edited")));
  const replyButton = el("button", { type: "button", class: "reply" }, label("reply"));
  replyButton.addEventListener("click", () => startReply(message));
  foot.append(replyButton);
  node.append(foot);
  return node;
}

function renderMessages(messages) {
  const box = $("messages");
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  const seen = new Set();
  let previous = null;
  for (const message of messages) {
    const key = String(message.message_id);
    seen.add(key);
    const json = JSON.stringify(message);
    const known = state.rendered.get(key);
    let node = known && known.node;
    if (!known || known.json !== json) {
      // New, or edited: (re)built in place.
      const fresh = messageNode(message);
      if (node) node.replaceWith(fresh);
      node = fresh;
      state.rendered.set(key, { json, node });
    }
    const expected = previous ? previous.nextSibling : box.firstChild;
    if (expected !== node) box.insertBefore(node, expected);
    previous = node;
  }
  for (const [key, known] of state.rendered) {
    if (!seen.has(key)) {
      known.node.remove();
      state.rendered.delete(key);
    }
  }
  if (!messages.length && !box.querySelector(".empty")) box.append(el("p", { class: "empty" }, label("no-messages")));
  if (messages.length) box.querySelectorAll(".empty").forEach((n) => n.remove());
  if (atBottom || state.stick) box.scrollTop = box.scrollHeight;
  state.stick = false;
}

// ---- people and chats ----

function renderWorld() {
  // Rebuilt only when something in it changed: a button stays the same node while it can.
  const key = JSON.stringify([state.world, state.person, state.chat]);
  if (key === state.worldKey) return;
  state.worldKey = key;
  const list = $("people");
  list.replaceChildren();
  for (const person of state.world.people) {
    const b = el("button", { type: "button", class: person.id === state.person ? "person current" : "person" },
      person.name, person.language ? el("span", { class: "lang" }, " · " + person.language) : null);
    b.setAttribute("aria-pressed", person.id === state.person ? "true" : "false");
    b.addEventListener("click", () => choose(person.id, person.id));
    list.append(el("li", {}, b));
  }
  const tabs = $("chats");
  tabs.replaceChildren();
  const chats = [{ id: state.person, title: label("private-chat") + " @" + state.world.bot }]
    .concat(state.world.groups.map((g) => ({ id: g.id, title: g.title })));
  for (const chat of chats) {
    const b = el("button", { type: "button", class: chat.id === state.chat ? "tab current" : "tab" }, chat.title);
    b.setAttribute("role", "tab");
    b.setAttribute("aria-selected", chat.id === state.chat ? "true" : "false");
    b.addEventListener("click", () => choose(state.person, chat.id));
    tabs.append(b);
  }
}

function choose(person, chat) {
  const changed = person !== state.person || chat !== state.chat;
  state.person = person;
  state.chat = chat;
  if (changed) {
    state.rendered.clear();
    $("messages").replaceChildren();
    cancelReply();
  }
  refresh();
}

let refreshing = null;
let again = false;

async function refresh() {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      again = false;
      state.world = await call("GET", "/world");
      if (state.person === null && state.world.people.length) {
        state.person = state.world.people[0].id;
        state.chat = state.person;
      }
      renderWorld();
      if (state.person !== null) {
        const data = await call("GET", "/chats/" + state.chat + "/messages?person=" + state.person);
        renderMessages(data.messages);
      }
    } while (again);
  })().finally(() => { refreshing = null; });
  return refreshing;
}

// ---- acting ----

function startReply(message) {
  state.replyTo = message.message_id;
  $("replying-text").textContent = label("replying-to") + " " + senderName(message) + ": " + snippet(message);
  $("replying").hidden = false;
  $("text").focus();
}

function cancelReply() {
  state.replyTo = null;
  $("replying").hidden = true;
}

async function send(text, replyTo) {
  // What the person just sent, and the answers to it, are what they want to see.
  state.stick = true;
  await call("POST", "/send", { person: state.person, chat: state.chat, text, reply_to: replyTo });
  await refresh();
}

async function press(message, data) {
  state.stick = true;
  await call("POST", "/press", { person: state.person, chat: state.chat, message: message.message_id, data });
}

async function upload(file) {
  const form = new FormData();
  form.append("person", String(state.person));
  form.append("chat", String(state.chat));
  if (state.replyTo !== null) form.append("reply_to", String(state.replyTo));
  const caption = $("text").value.trim();
  if (caption && file.type.startsWith("image/")) form.append("caption", caption);
  form.append("file", file, file.name);
  await call("POST", "/upload", form);
  if (caption && file.type.startsWith("image/")) $("text").value = "";
  cancelReply();
  await refresh();
}

$("composer").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = $("text").value;
  try {
    await send(text, state.replyTo);
    $("text").value = "";
    cancelReply();
  } catch (e) { /* shown */ }
});

$("text").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    $("composer").requestSubmit();
  }
});

$("file").addEventListener("change", async () => {
  const file = $("file").files[0];
  $("file").value = "";
  if (file) {
    try { await upload(file); } catch (e) { /* shown */ }
  }
});

$("cancel-reply").addEventListener("click", cancelReply);

$("add-person").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const made = await call("POST", "/people", { name: $("person-name").value, language: $("person-language").value });
    $("person-name").value = "";
    $("person-language").value = "";
    choose(made.id, made.id);
  } catch (e) { /* shown */ }
});

$("add-group").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const made = await call("POST", "/groups", { title: $("group-title").value });
    $("group-title").value = "";
    choose(state.person, made.id);
  } catch (e) { /* shown */ }
});

// ---- live ----

function listen() {
  const events = new EventSource(api + "/events");
  events.addEventListener("change", () => refresh().catch(() => {}));
  events.addEventListener("open", () => refresh().catch(() => {}));
  events.addEventListener("error", () => {
    if (events.readyState === EventSource.CLOSED) {
      showError("live-lost");
      setTimeout(listen, 2000);
    }
  });
}

refresh().catch(() => {});
listen();
