// The course's ipywidgets 8 embed script: renders the widget state that
// myst-nb writes into each page (application/vnd.jupyter.widget-state+json)
// in place of each view tag (application/vnd.jupyter.widget-view+json).
//
// It does what dist/embed.js of @jupyter-widgets/html-manager 1.0.15 does for
// ipywidgets 8 (same @jupyter-widgets/base, base-manager and controls), and
// leaves out what the course does not use, to keep pages light:
// - ipywidgets 7 widgets (base 4 / controls 3) and the Output widget
//   (JupyterLab's output area and renderers). A page that needs them shows
//   ipywidgets' error widget and logs an error, which the browser test catches;
// - JSON schema validation of the state (ajv);
// - Font Awesome 5: the book theme already serves Font Awesome 6, which
//   draws the `fa fa-<name>` icons of buttons;
// - sanitize-html: descriptions with description_allow_html are shown as
//   plain text (escaped), never as HTML (see inline_sanitize below).
// No module is ever fetched from another host.
// One addition: slider handles get the widget's label as their name (below).

import * as base from '@jupyter-widgets/base';
import { ManagerBase } from '@jupyter-widgets/base-manager';
import * as controls from '@jupyter-widgets/controls';
import { MessageLoop } from '@lumino/messaging';
import * as LuminoWidget from '@lumino/widgets';
import luminoCss from '@lumino/widgets/style/index.css';
import widgetsCss from '@jupyter-widgets/controls/css/widgets-base.css';
import labVariablesCss from '@jupyter-widgets/controls/css/labvariables.css';

const MODULES = { '@jupyter-widgets/base': base, '@jupyter-widgets/controls': controls };

function escapeHtml(text) {
  const element = document.createElement('div');
  element.textContent = String(text);
  return element.innerHTML;
}

// Math in widget descriptions goes to MathJax 3, where the page loads it.
const latexTypesetter = {
  typeset(element) {
    const mathjax = window.MathJax;
    if (mathjax && typeof mathjax.typesetPromise === 'function') {
      mathjax.typesetPromise([element]).catch((error) => console.warn('MathJax:', error));
    }
  },
};

class EmbedManager extends ManagerBase {
  constructor() {
    super();
    this._rendermime = { latexTypesetter };
    this._views = new Set();
    window.addEventListener('resize', () => {
      this._views.forEach((view) =>
        MessageLoop.postMessage(view.luminoWidget, LuminoWidget.Widget.ResizeMessage.UnknownSize));
    });
  }

  async display_view(view, element) {
    let shown;
    try {
      shown = await view;
    } catch (error) {
      const message = `Could not create a view for ${view}`;
      console.error(message, error);
      const ErrorModel = base.createErrorWidgetModel(error, message);
      shown = new base.ErrorWidgetView({ model: new ErrorModel() });
      shown.render();
    }
    LuminoWidget.Widget.attach(shown.luminoWidget, element);
    this._views.add(shown);
    shown.once('remove', () => this._views.delete(shown));
  }

  inline_sanitize(source) {
    return escapeHtml(source);
  }

  _get_comm_info() {
    return Promise.resolve({});
  }

  _create_comm() {
    return Promise.resolve({ on_close() {}, on_msg() {}, close() {} });
  }

  async loadClass(className, moduleName, moduleVersion) {
    const module = MODULES[moduleName];
    if (module && module[className]) {
      return module[className];
    }
    throw new Error(`Class ${className} from ${moduleName}@${moduleVersion} is not in the course's widget script`);
  }
}

// ipywidgets draws a slider's handle (noUiSlider, role="slider") without a
// name, so a screen reader announces a slider but not what it is for. Name
// each handle by the widget's own label (its description).
function nameSliderHandles(view) {
  if (!view.el || !view.label) {
    return;
  }
  if (!view.label.id) {
    view.label.id = base.uuid();
  }
  for (const handle of view.el.querySelectorAll('.noUi-handle')) {
    handle.setAttribute('aria-labelledby', view.label.id);
  }
}

for (const View of Object.values(controls)) {
  const proto = typeof View === 'function' ? View.prototype : null;
  if (proto && Object.prototype.hasOwnProperty.call(proto, 'createSlider')) {
    const createSlider = proto.createSlider;
    proto.createSlider = function (...args) {
      const result = createSlider.apply(this, args);
      nameSliderHandles(this);
      return result;
    };
  }
}

function addStyle(css) {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
}

async function renderManager(root, state) {
  const manager = new EmbedManager();
  const models = await manager.set_state(state);
  const tags = root.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]');
  await Promise.all(Array.from(tags).map(async (tag) => {
    const { model_id: modelId } = JSON.parse(tag.textContent);
    const model = models.find((item) => item.model_id === modelId);
    if (model === undefined || tag.parentElement === null) {
      return;
    }
    const previous = tag.previousElementSibling;
    if (previous && previous.tagName === 'IMG' && previous.classList.contains('jupyter-widget')) {
      previous.remove(); // a static fallback image
    }
    const area = document.createElement('div');
    area.className = 'widget-subarea';
    tag.parentElement.insertBefore(area, tag);
    await manager.display_view(manager.create_view(model), area);
  }));
}

export async function renderWidgets(root = document.documentElement) {
  const states = root.querySelectorAll('script[type="application/vnd.jupyter.widget-state+json"]');
  if (states.length === 0) {
    return;
  }
  addStyle(luminoCss);
  addStyle(widgetsCss);
  if (getComputedStyle(document.documentElement).getPropertyValue('--jp-layout-color0') === '') {
    addStyle(labVariablesCss);
  }
  await Promise.all(Array.from(states).map((tag) => renderManager(root, JSON.parse(tag.textContent))));
}

if (!window._jupyter_widget_embedder) {
  window._jupyter_widget_embedder = true;
  window.addEventListener('load', () => {
    renderWidgets().catch((error) => console.error('Could not render the widgets:', error));
  });
}
