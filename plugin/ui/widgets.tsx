// Buttons, text fields and progress bars: Spectrum widgets in UXP, plain HTML controls in a browser.
import { useEffect, useRef, type ReactNode } from 'react';
import { useHostUi } from './host-ui';

/** Attaches a DOM event through a ref: React's synthetic events do not reach UXP's Spectrum widgets. */
function useDomEvent(enabled: boolean, type: string, handler: (event: Event) => void) {
  const ref = useRef<HTMLElement>(null);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const element = ref.current;
    if (!enabled || !element) return undefined;
    const listener = (event: Event) => latest.current(event);
    element.addEventListener(type, listener);
    return () => element.removeEventListener(type, listener);
  }, [enabled, type]);
  return ref;
}

export interface ButtonProps {
  testId?: string;
  onClick: () => void;
  disabled?: boolean;
  variant?: 'primary' | 'secondary' | 'negative';
  children: ReactNode;
}

export function Button({ testId, onClick, disabled = false, variant = 'secondary', children }: ButtonProps) {
  const { spectrum } = useHostUi();
  const ref = useDomEvent(spectrum, 'click', () => {
    if (!disabled) onClick();
  });
  if (spectrum) {
    return (
      <sp-button
        ref={ref}
        data-testid={testId}
        variant={variant}
        disabled={disabled || undefined}
        class="sl-button"
      >
        {children}
      </sp-button>
    );
  }
  return (
    <button
      type="button"
      data-testid={testId}
      onClick={onClick}
      disabled={disabled}
      className={`sl-button ${variant}`}
    >
      {children}
    </button>
  );
}

export interface TextFieldProps {
  testId?: string;
  value: string;
  onChange: (value: string) => void;
  label: string;
  type?: 'text' | 'password' | 'number';
  placeholder?: string;
}

export function TextField({ testId, value, onChange, label, type = 'text', placeholder }: TextFieldProps) {
  const { spectrum } = useHostUi();
  const ref = useDomEvent(spectrum, 'input', (event) => onChange((event.target as HTMLInputElement).value));
  return (
    <label className="sl-field">
      <span className="sl-field-label">{label}</span>
      {spectrum ? (
        <sp-textfield
          ref={ref}
          data-testid={testId}
          type={type}
          value={value}
          placeholder={placeholder}
          class="sl-input"
        />
      ) : (
        <input
          data-testid={testId}
          type={type}
          value={value}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value)}
          className="sl-input"
        />
      )}
    </label>
  );
}

export interface ProgressBarProps {
  testId?: string;
  /** 0 to 1. */
  fraction: number;
  label: string;
}

export function ProgressBar({ testId, fraction, label }: ProgressBarProps) {
  const { spectrum } = useHostUi();
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  if (spectrum) {
    return (
      <sp-progressbar data-testid={testId} value={percent} max={100} label={label} class="sl-progress" />
    );
  }
  return (
    <progress data-testid={testId} value={percent} max={100} aria-label={label} className="sl-progress">
      {percent}%
    </progress>
  );
}

export interface TextAreaProps {
  testId?: string;
  value: string;
  onChange: (value: string) => void;
  label: string;
  placeholder?: string;
  rows?: number;
}

/** A plain textarea in both hosts: UXP renders it natively and its React change events arrive. */
export function TextArea({ testId, value, onChange, label, placeholder, rows = 2 }: TextAreaProps) {
  return (
    <label className="sl-field sl-field-wide">
      <span className="sl-field-label">{label}</span>
      <textarea
        data-testid={testId}
        className="sl-input sl-textarea"
        rows={rows}
        value={value}
        placeholder={placeholder}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}

export interface SelectFieldProps {
  testId?: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Every option is selectable: UXP ignores `disabled` on <option>, so leave unusable ones out. */
  options: readonly { value: string; label: string }[];
  disabled?: boolean;
  /** Shown as the only option when there are none. */
  emptyLabel?: string;
}

/**
 * A labelled native <select>. UXP does not show a controlled `value` as selected (known issue), so the
 * value is also set the documented way, with setAttribute on the element, and every option has a value.
 */
export function SelectField({
  testId,
  label,
  value,
  onChange,
  options,
  disabled,
  emptyLabel,
}: SelectFieldProps) {
  const ref = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    ref.current?.setAttribute('value', value);
  }, [value, options]);
  return (
    <label className="sl-field">
      <span className="sl-field-label">{label}</span>
      <select
        ref={ref}
        data-testid={testId}
        className="sl-input"
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.length === 0 && emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export interface CheckboxFieldProps {
  testId?: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The sentence beside the box. */
  text: string;
}

export function CheckboxField({ testId, label, checked, onChange, text }: CheckboxFieldProps) {
  return (
    <label className="sl-field">
      <span className="sl-field-label">{label}</span>
      <span>
        <input
          type="checkbox"
          data-testid={testId}
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
        />{' '}
        {text}
      </span>
    </label>
  );
}
