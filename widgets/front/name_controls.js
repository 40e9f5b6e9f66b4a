// ipywidgets 8 leaves a slider's handle (noUiSlider's role="slider" element) without an
// accessible name, and in Notebook 7 the notebook's shortcuts take the arrow keys before the
// handle sees them (a keyboard user cannot move a slider). Every picture of the kit runs this on
// the widget that holds it: each handle gets its slider's label as its name and keeps its keys
// (lumino skips shortcuts for elements marked data-lm-suppress-shortcuts), again whenever the
// widget's controls are rebuilt.
function nameControls(el) {
  let observer = null;
  let timer = null;
  const attach = () => {
    if (!el.isConnected) {  // a view is rendered before it is put on the page
      timer = setTimeout(attach, 100);
      return;
    }
    let root = el;
    for (let box = el.parentElement && el.parentElement.closest(".widget-box"); box;
         box = box.parentElement && box.parentElement.closest(".widget-box")) {
      root = box;
    }
    const name = () => {
      for (const slider of root.querySelectorAll(".widget-slider")) {
        const label = slider.querySelector(".widget-label");
        const text = (label && label.textContent.trim()) || "value";
        for (const handle of slider.querySelectorAll('[role="slider"]')) {
          if (handle.getAttribute("aria-label") !== text) handle.setAttribute("aria-label", text);
          if (!handle.hasAttribute("data-lm-suppress-shortcuts")) handle.setAttribute("data-lm-suppress-shortcuts", "true");
        }
      }
    };
    name();
    observer = new MutationObserver(name);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  };
  attach();
  return () => {
    clearTimeout(timer);
    if (observer) observer.disconnect();
  };
}
