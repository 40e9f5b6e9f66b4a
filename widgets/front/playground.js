// The Playground's pictures, painted in the browser from numbers the kernel sends: every neuron's
// map and the output map as uint8 (0 = -1, 255 = +1), the links' weights as float32 (NaN: a link
// L1 set to 0 for good), the points and the loss curves. Colours as in TensorFlow Playground:
// orange negative, white 0, blue positive. Three parts: network view, output view, loss view.

const ORANGE = [245, 147, 34];
const BLUE = [8, 119, 189];
const WHITE = [255, 255, 255];
const TEST_LINE = "#b35900";   // the test loss (and its legend text): 4.8:1 on white (figure_view.ORANGE_TEXT)
const NEURON = 36;             // CSS pixels of a neuron's picture
const ROW = 48;
const COLUMN = 96;
const TOP = 30;
const LEFT = 40;               // room for the inputs' names
const OUT = 260;               // the output picture
const EXTENT = 6;

const LUT = (() => {           // uint8 value -> RGBA, the Playground's diverging palette
  const lut = new Uint8ClampedArray(256 * 4);
  for (let v = 0; v < 256; v++) {
    const t = (v / 255) * 2 - 1;
    const [end, s] = t < 0 ? [ORANGE, -t] : [BLUE, t];
    for (let c = 0; c < 3; c++) lut[4 * v + c] = Math.round(WHITE[c] + (end[c] - WHITE[c]) * s);
    lut[4 * v + 3] = 255;
  }
  return lut;
})();

function bytes(model, name) {
  const view = model.get(name);
  return view ? new Uint8Array(view.buffer, view.byteOffset, view.byteLength) : new Uint8Array(0);
}

function floats(model, name) {
  const view = model.get(name);
  if (!view || !view.byteLength) return new Float32Array(0);
  return new Float32Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

function element(tag, style, attributes = {}) {
  const e = document.createElement(tag);
  if (style) e.style.cssText = style;
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  return e;
}

// paint an n x n uint8 map onto a canvas, scaled with smoothing
function paintMap(canvas, values, offset, n, scratch) {
  scratch.width = scratch.height = n;
  const ctx = scratch.getContext("2d");
  const image = ctx.createImageData(n, n);
  for (let i = 0; i < n * n; i++) image.data.set(LUT.subarray(4 * values[offset + i], 4 * values[offset + i] + 4), 4 * i);
  ctx.putImageData(image, 0, 0);
  const out = canvas.getContext("2d");
  out.imageSmoothingEnabled = true;
  out.drawImage(scratch, 0, 0, canvas.width, canvas.height);
}

function sharpCanvas(width, height, attributes = {}) {
  const ratio = window.devicePixelRatio || 1;
  const canvas = element("canvas", `width:${width}px;height:${height}px;display:block`, attributes);
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  return canvas;
}

// ---- network view -------------------------------------------------------------------------
function networkView(model, send) {
  const layout = model.get("network");
  const columns = [layout.inputs.length, ...layout.hidden];
  const tallest = Math.max(...columns, 1);
  const width = LEFT + columns.length * COLUMN + 40;
  const height = TOP + tallest * ROW;
  const root = element("div", `position:relative;width:${width}px;height:${height}px;flex:none`);
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);
  svg.setAttribute("aria-hidden", "true");
  svg.style.cssText = "position:absolute;left:0;top:0";
  root.append(svg);
  const centre = (col, k, count) => [LEFT + col * COLUMN, TOP + (tallest - count) * ROW / 2 + k * ROW];
  const cells = [];   // [canvas, layer] per hidden neuron, in the order of the maps
  const buttons = [];
  const notes = [];   // "f=… δ=…" under each hidden neuron, while backprop is shown
  columns.forEach((count, col) => {
    const title = col === 0 ? "inputs" : `layer ${col}`;
    const heading = element("div", `position:absolute;left:${LEFT + col * COLUMN - 10}px;top:4px;width:${NEURON + 20}px;` +
                            "text-align:center;color:#222;font-size:12px");
    heading.textContent = title;
    root.append(heading);
    for (let k = 0; k < count; k++) {
      const [x, y] = centre(col, k, count);
      const canvas = sharpCanvas(NEURON, NEURON);
      if (col === 0) {
        canvas.setAttribute("role", "img");
        canvas.setAttribute("aria-label", `input ${layout.inputs[k]}`);
        const holder = element("div", `position:absolute;left:${x}px;top:${y}px;border:1px solid #666`);
        holder.append(canvas);
        const name = element("div", `position:absolute;left:${x - 40}px;top:${y + 10}px;width:36px;` +
                                    "text-align:right;font-size:11px;color:#222");
        name.textContent = layout.inputs[k];
        name.setAttribute("aria-hidden", "true");
        root.append(holder, name);
        cells.push(["input", canvas]);
      } else {
        const button = element("button", `position:absolute;left:${x}px;top:${y}px;padding:0;` +
                               "border:1px solid #666;background:none;cursor:pointer;line-height:0",
                               { type: "button", "aria-label": `layer ${col}, neuron ${k + 1}: show its weights` });
        button.append(canvas);
        button.addEventListener("click", () => send({ type: "neuron", layer: col - 1, j: k }));
        const note = element("div", `position:absolute;left:${x - 20}px;top:${y + NEURON + 1}px;width:${NEURON + 40}px;` +
                             "text-align:center;font-size:9px;color:#222;white-space:nowrap;background:rgba(255,255,255,0.85)");
        root.append(button, note);
        buttons.push([button, col - 1, k]);
        notes.push(note);
        cells.push(["hidden", canvas]);
      }
    }
  });
  // the output node, which the output view shows large
  const outY = TOP + (tallest - 1) * ROW / 2;
  const outX = LEFT + columns.length * COLUMN - 6;
  const outButton = element("button", `position:absolute;left:${outX}px;top:${outY + 8}px;width:20px;height:20px;` +
                            "padding:0;border:1px solid #666;background:#fff;cursor:pointer",
                            { type: "button", "aria-label": "output neuron: show its weights" });
  outButton.addEventListener("click", () => send({ type: "neuron", layer: layout.hidden.length, j: 0 }));
  root.append(outButton);
  buttons.push([outButton, layout.hidden.length, 0]);

  // one line per link, in the order of the weights the kernel sends
  const lines = [];
  const ends = columns.map((count, col) => [...Array(count).keys()].map((k) => centre(col, k, count)));
  ends.push([[outX, outY]]);
  for (let col = 0; col + 1 < ends.length; col++) {
    for (const [xa, ya] of ends[col]) {
      for (const [xb, yb] of ends[col + 1]) {
        const line = document.createElementNS("http://www.w3.org/2000/svg", "line");
        line.setAttribute("x1", xa + NEURON);
        line.setAttribute("y1", ya + NEURON / 2);
        line.setAttribute("x2", xb);
        line.setAttribute("y2", yb + NEURON / 2);
        svg.append(line);
        lines.push(line);
      }
    }
  }
  const scratch = document.createElement("canvas");
  let inputsPainted = false;

  function update() {
    const [n, hiddenMaps, inputMaps] = [layout.grid, bytes(model, "maps"), bytes(model, "input_maps")];
    let h = 0;
    let i = 0;
    for (const [kind, canvas] of cells) {
      if (kind === "input") {
        if (!inputsPainted && inputMaps.length) paintMap(canvas, inputMaps, n * n * i, n, scratch);
        i++;
      } else if (hiddenMaps.length >= n * n * (h + 1)) {
        paintMap(canvas, hiddenMaps, n * n * h++, n, scratch);
      }
    }
    inputsPainted = inputMaps.length > 0;
    const w = floats(model, "weights");
    lines.forEach((line, k) => {
      const v = w[k];
      if (v === undefined || Number.isNaN(v)) {
        line.setAttribute("display", "none");   // dead: L1 set it to 0 for good
        return;
      }
      line.removeAttribute("display");
      line.setAttribute("stroke", `rgb(${(v > 0 ? BLUE : ORANGE).join(",")})`);
      line.setAttribute("stroke-width", (0.5 + 4 * Math.min(Math.abs(v), 1.5) / 1.5).toFixed(2));
    });
    const labels = model.get("labels");
    notes.forEach((note, k) => { note.textContent = labels[k] || ""; });
    const [sl, sj] = model.get("selected");
    for (const [button, l, j] of buttons) {
      const on = l === sl && j === sj;
      button.style.outline = on ? "3px solid #222" : "none";
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
  }
  return { root, update };
}

// ---- output view --------------------------------------------------------------------------
function outputView(model, send) {
  const root = element("div", "flex:none");
  const frame = element("div", `position:relative;width:${OUT}px;height:${OUT}px;border:1px solid #666;outline-offset:2px`,
                        { tabindex: "0", role: "group", "data-lm-suppress-shortcuts": "true",
                          "aria-label": "output: click to add a point, or move the cross with the arrow keys and press Enter" });
  const canvas = sharpCanvas(OUT, OUT, { role: "img" });
  const cross = element("div", "position:absolute;width:15px;height:15px;margin:-8px 0 0 -8px;display:none;" +
                        "border:2px solid #000;border-radius:50%;box-shadow:0 0 0 2px #fff;pointer-events:none",
                        { "aria-hidden": "true" });
  frame.append(canvas, cross);
  const title = element("div", "font-size:12px;color:#222;margin:2px 0");
  title.textContent = "output (click to add a point)";
  root.append(title, frame);
  const scratch = document.createElement("canvas");
  let cursor = [0, 0];
  const toData = (fx, fy) => [-EXTENT + 2 * EXTENT * fx, EXTENT - 2 * EXTENT * fy];

  frame.addEventListener("click", (e) => {
    const r = canvas.getBoundingClientRect();
    const [x, y] = toData((e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height);
    send({ type: "point", x, y });
  });
  frame.addEventListener("keydown", (e) => {
    const by = e.shiftKey ? 1 : 0.25;
    const moves = { ArrowLeft: [-by, 0], ArrowRight: [by, 0], ArrowUp: [0, by], ArrowDown: [0, -by] };
    if (moves[e.key]) {
      cursor = cursor.map((v, i) => Math.min(EXTENT, Math.max(-EXTENT, v + moves[e.key][i])));
    } else if (e.key === "Enter" || e.key === " ") {
      send({ type: "point", x: cursor[0], y: cursor[1] });
    } else {
      return;
    }
    e.preventDefault();
    Object.assign(cross.style, { display: "block", left: `${(cursor[0] + EXTENT) / (2 * EXTENT) * 100}%`,
                                 top: `${(EXTENT - cursor[1]) / (2 * EXTENT) * 100}%` });
  });
  frame.addEventListener("blur", () => { cross.style.display = "none"; });

  function points(ctx, data, edge, scale) {
    const regression = model.get("network").regression;
    for (let i = 0; i + 2 < data.length; i += 3) {
      const px = (data[i] + EXTENT) / (2 * EXTENT) * canvas.width;
      const py = (EXTENT - data[i + 1]) / (2 * EXTENT) * canvas.height;
      const label = data[i + 2];
      const v = Math.max(0, Math.min(255, Math.round((label + 1) * 127.5)));
      ctx.fillStyle = regression ? `rgb(${LUT[4 * v]},${LUT[4 * v + 1]},${LUT[4 * v + 2]})`
                                 : `rgb(${(label > 0 ? BLUE : ORANGE).join(",")})`;
      ctx.strokeStyle = edge;
      ctx.lineWidth = scale;
      ctx.beginPath();
      if (regression || label > 0) {
        ctx.arc(px, py, 3.5 * scale, 0, 2 * Math.PI);   // blue: circles
      } else {
        ctx.rect(px - 3.2 * scale, py - 3.2 * scale, 6.4 * scale, 6.4 * scale);   // orange: squares
      }
      ctx.fill();
      ctx.stroke();
    }
  }
  function update() {
    const n = model.get("network").out_grid;
    const values = bytes(model, "output");
    const ctx = canvas.getContext("2d");
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (values.length === n * n) paintMap(canvas, values, 0, n, scratch);
    const scale = canvas.width / OUT;
    points(ctx, floats(model, "train_points"), "#fff", scale);
    if (model.get("show_test")) points(ctx, floats(model, "test_points"), "#000", scale);
    ctx.fillStyle = "#222";
    ctx.font = `${11 * scale}px sans-serif`;
    ctx.textBaseline = "bottom";   // the axes' ends: x1 along the bottom, x2 up the left side
    for (const [t, f, align] of [["-6", 0.01, "left"], ["x₁", 0.5, "center"], ["6", 0.99, "right"]]) {
      ctx.textAlign = align;
      ctx.fillText(t, f * canvas.width, canvas.height - 2 * scale);
    }
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    ctx.fillText("6", 3 * scale, 2 * scale);
    ctx.textBaseline = "middle";
    ctx.fillText("x₂", 3 * scale, canvas.height / 2);
    canvas.setAttribute("aria-label", model.get("alt"));
  }
  return { root, update };
}

// ---- loss view ----------------------------------------------------------------------------
function lossView(model) {
  const root = element("div", "flex:none");
  const canvas = sharpCanvas(OUT, 70, { role: "img" });
  const legend = element("div", "font-size:12px;color:#222");
  legend.innerHTML = "loss: <span style='color:#222'>— train</span>, " +
                     `<span style='color:${TEST_LINE}'>— test</span>`;
  root.append(canvas, legend);
  function update() {
    const data = floats(model, "losses");   // epochs, train, test: three rows of equal length
    const k = data.length / 3;
    const ctx = canvas.getContext("2d");
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.strokeStyle = "#bbb";
    ctx.strokeRect(0.5, 0.5, canvas.width - 1, canvas.height - 1);
    if (!k) return;
    const [right, top] = model.get("loss_limits");
    const scale = canvas.width / OUT;
    const line = (row, colour) => {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.5 * scale;
      ctx.beginPath();
      for (let i = 0; i < k; i++) {
        const v = data[row * k + i];
        if (!Number.isFinite(v)) continue;
        const x = (data[i] / right) * (canvas.width - 2) + 1;
        const y = canvas.height - 2 - Math.min(v / top, 1) * (canvas.height - 4);
        if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
      }
      ctx.stroke();
    };
    line(1, "#222");
    line(2, TEST_LINE);
    canvas.setAttribute("aria-label", `loss curves over ${data[k - 1]} epochs: train ` +
                        `${data[2 * k - 1].toFixed(3)}, test ${data[3 * k - 1].toFixed(3)} now`);
  }
  return { root, update };
}

function render({ model, el }) {
  const box = element("div", "display:flex;gap:18px;align-items:flex-start;flex-wrap:wrap;font-family:sans-serif");
  box.className = "course-playground";
  box.style.zoom = String(model.get("zoom"));   // larger on a projector (present=True)
  el.append(box);
  const send = (message) => model.send(message);
  let views = [];
  function build() {
    box.replaceChildren();
    const network = networkView(model, send);
    const output = outputView(model, send);
    const loss = lossView(model);
    const right = element("div", "display:flex;flex-direction:column;gap:6px");
    right.append(output.root, loss.root);
    box.append(network.root, right);
    views = [network, output, loss];
    draw();
  }
  function draw() {
    views.forEach((v) => v.update());
    const frame = model.get("frame");
    requestAnimationFrame(() => { box.dataset.shown = String(frame); });
  }
  const unname = nameControls(el);
  build();
  model.on("change:network", build);
  model.on("change:frame", draw);
  model.on("change:show_test", draw);
  model.on("change:selected", draw);
  return unname;
}

export default { render };
