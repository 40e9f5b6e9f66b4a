// ipywidgets 8 leaves a slider's handle (noUiSlider's role="slider" element) without an
// accessible name. Every picture of the kit runs this on the widget that holds it, naming each
// handle after its slider's label, and again whenever the widget's controls are rebuilt.
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
