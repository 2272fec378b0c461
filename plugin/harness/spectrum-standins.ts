// Stand-ins for UXP's built-in Spectrum widgets, so the harness runs the panel in the mode Premiere gets.
// They copy the host's documented limits, not our widgets' expectations (Adobe's UXP known issues,
// https://developer.adobe.com/premiere-pro/uxp/uxp-api/known-issues/):
// - "Password field values cannot be read on macOS": a password sp-textfield reads as "" there.
// - "<input type="file" /> is not supported": clicking one does nothing.
// - React's synthetic events do not reach the widgets: they fire plain DOM events only.
import type { PanelPlatform } from '../connection/connection-messages';

const CSS = `:host{display:inline-block} input{font:inherit;width:100%;box-sizing:border-box}`;

function defineButton(): void {
  class SpButton extends HTMLElement {
    connectedCallback() {
      this.setAttribute('role', 'button');
      this.tabIndex = 0;
    }
  }
  customElements.define('sp-button', SpButton);
}

function defineTextfield(platform: PanelPlatform): void {
  class SpTextfield extends HTMLElement {
    private readonly input = document.createElement('input');
    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = CSS;
      root.append(style, this.input);
      this.input.addEventListener('input', (event) => {
        event.stopPropagation();
        this.dispatchEvent(new Event('input', { bubbles: true }));
      });
    }
    static get observedAttributes() {
      return ['type', 'value', 'placeholder'];
    }
    attributeChangedCallback(name: string, _old: string | null, next: string | null) {
      if (name === 'type') this.input.type = next === 'password' ? 'password' : 'text';
      if (name === 'placeholder') this.input.placeholder = next ?? '';
      if (name === 'value' && this.input.value !== (next ?? '')) this.input.value = next ?? '';
    }
    get value(): string {
      return platform === 'mac' && this.getAttribute('type') === 'password' ? '' : this.input.value;
    }
    set value(next: string) {
      this.input.value = next;
    }
  }
  customElements.define('sp-textfield', SpTextfield);
}

function defineProgressbar(): void {
  class SpProgressbar extends HTMLElement {
    static get observedAttributes() {
      return ['value', 'label'];
    }
    attributeChangedCallback() {
      this.textContent = `${this.getAttribute('label') ?? ''} ${this.getAttribute('value') ?? 0}%`;
    }
  }
  customElements.define('sp-progressbar', SpProgressbar);
}

/** Roughly Spectrum's look, so screenshots of the widget mode read like the panel in Premiere. */
const PAGE_CSS = `
sp-button { display: inline-block; padding: 3px 12px; border-radius: 14px; cursor: pointer;
  border: 1px solid var(--sl-border); background: var(--sl-surface); color: var(--sl-text); }
sp-button[variant=primary] { background: var(--sl-accent); border-color: var(--sl-accent); color: var(--sl-accent-text); }
sp-button[disabled] { opacity: 0.45; cursor: default; }
sp-textfield { display: block; }`;

export function installSpectrumStandins(platform: PanelPlatform): void {
  if (customElements.get('sp-button')) return;
  const style = document.createElement('style');
  style.textContent = PAGE_CSS;
  document.head.append(style);
  defineButton();
  defineTextfield(platform);
  defineProgressbar();
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null;
      const input = target?.closest('label')?.querySelector('input[type=file]') ?? target;
      if (input instanceof HTMLInputElement && input.type === 'file') {
        event.preventDefault();
        console.error('<input type="file"> is not supported in UXP');
      }
    },
    true,
  );
}
