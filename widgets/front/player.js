// Play / Pause as one named button. While playing it moves `value` on by one every `interval`
// ms, but only once the kernel has finished the previous frame (`done`): on a slow network or a
// busy hub the animation slows down instead of queueing frames the student never sees.
function render({ model, el }) {
  const button = document.createElement("button");
  button.className = "jupyter-button widget-button course-player";
  button.type = "button";
  el.append(button);
  let timer = null;
  let sentAt = 0;

  function label() {
    const playing = model.get("playing");
    button.textContent = playing ? "❚❚ Pause" : "▶ Play";
    button.setAttribute("aria-label", playing ? "Pause" : "Play");
    button.title = playing ? "pause" : `play (${model.get("description") || "step by step"})`;
  }
  function schedule() {
    clearTimeout(timer);
    if (model.get("playing")) timer = setTimeout(tick, model.get("interval"));
  }
  function tick() {
    if (!model.get("playing")) return;
    const value = model.get("value");
    const waiting = model.get("done") < value && Date.now() - sentAt < 5000;
    if (waiting) return schedule();
    if (value >= model.get("max")) {
      model.set("playing", false);
      model.save_changes();
      return;
    }
    model.set("value", value + 1);
    sentAt = Date.now();
    model.save_changes();
    schedule();
  }
  button.addEventListener("click", () => {
    const start = !model.get("playing");
    if (start && model.get("value") >= model.get("max")) model.set("value", model.get("min"));  // from the top
    model.set("playing", start);
    model.save_changes();
  });
  model.on("change:playing", () => { label(); schedule(); });
  model.on("change:interval", schedule);
  label();
  schedule();
  return () => clearTimeout(timer);
}

export default { render };
