// A matplotlib picture in two layers: the static background (sent once per layout) and a small
// transparent overlay holding only what changed (sent every frame), placed by its box.
// Clicks are reported in the picture's own pixels; by keyboard, arrow keys move a cross and
// Enter clicks under it, so that nothing a mouse can do needs a mouse.

function pngUrl(view) {
  return view && view.byteLength ? URL.createObjectURL(new Blob([view], { type: "image/png" })) : "";
}

function render({ model, el }) {
  const box = document.createElement("div");
  box.className = "course-picture";
  box.style.cssText = "position:relative;display:inline-block;max-width:100%;line-height:0";
  const back = document.createElement("img");
  back.style.cssText = "max-width:100%;height:auto;display:block";
  const front = document.createElement("img");
  front.alt = "";
  front.setAttribute("aria-hidden", "true");
  front.style.cssText = "position:absolute;pointer-events:none";
  const cross = document.createElement("div");
  cross.setAttribute("aria-hidden", "true");
  cross.style.cssText = "position:absolute;width:15px;height:15px;margin:-8px 0 0 -8px;display:none;" +
    "border:2px solid #000;border-radius:50%;box-shadow:0 0 0 2px #fff;pointer-events:none";
  box.append(back, front, cross);
  el.append(box);
  const urls = {};
  let cursor = [0.5, 0.5];

  function swap(img, name) {
    if (urls[name]) URL.revokeObjectURL(urls[name]);
    urls[name] = pngUrl(model.get(name));
    img.style.visibility = urls[name] ? "visible" : "hidden";
    if (urls[name]) img.src = urls[name];
  }
  function place() {
    const [x, y, w, h] = model.get("overlay_box");
    const [W, H] = model.get("size");
    Object.assign(front.style, { left: `${100 * x / W}%`, top: `${100 * y / H}%`,
                                 width: `${100 * w / W}%`, height: `${100 * h / H}%` });
  }
  function shown() {  // the frame whose pixels are on screen now (read by the latency test)
    const frame = model.get("frame");
    queueMicrotask(() => Promise.all([back, front].map((img) => (img.src && img.style.visibility !== "hidden" ? img.decode() : null)))
      .catch(() => null)
      .then(() => { box.dataset.shown = String(frame); }));
  }
  function describe() {
    back.alt = model.get("alt");
    if (model.get("clickable")) {
      box.tabIndex = 0;
      box.setAttribute("data-lm-suppress-shortcuts", "true");   // its arrow keys move the cross
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", "picture: click it, or move the cross with the arrow keys and press Enter");
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
  function click(fx, fy) {
    const [W, H] = model.get("size");
    model.send({ type: "click", x: fx * W, y: fy * H });
  }
  box.addEventListener("click", (e) => {
    if (!model.get("clickable")) return;
    const r = back.getBoundingClientRect();
    click((e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height);
  });
  box.addEventListener("keydown", (e) => {
    if (!model.get("clickable")) return;
    const by = e.shiftKey ? 0.1 : 0.02;
    const moves = { ArrowLeft: [-by, 0], ArrowRight: [by, 0], ArrowUp: [0, -by], ArrowDown: [0, by] };
    if (moves[e.key]) {
      cursor = cursor.map((v, i) => Math.min(1, Math.max(0, v + moves[e.key][i])));
    } else if (e.key === "Enter" || e.key === " ") {
      click(cursor[0], cursor[1]);
    } else if (e.key === "Escape") {
      cross.style.display = "none";
      return;
    } else {
      return;
    }
    e.preventDefault();
    Object.assign(cross.style, { display: "block", left: `${100 * cursor[0]}%`, top: `${100 * cursor[1]}%` });
  });
  box.addEventListener("blur", () => { cross.style.display = "none"; });

  const unname = nameControls(el);
  swap(back, "background");
  swap(front, "overlay");
  place();
  describe();
  shown();
  model.on("change:background", () => swap(back, "background"));
  model.on("change:overlay", () => swap(front, "overlay"));
  model.on("change:overlay_box", place);
  model.on("change:size", place);
  model.on("change:alt", describe);
  model.on("change:clickable", describe);
  model.on("change:frame", shown);
  return () => {
    unname();
    Object.values(urls).forEach((u) => u && URL.revokeObjectURL(u));
  };
}

export default { render };
