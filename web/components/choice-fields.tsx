import { useCallback, type ReactNode } from 'react';
import { Checkbox, CheckboxGroup, Radio, RadioGroup } from 'react-aria-components';
import { t } from '../i18n/fr';
import { FieldLabel, FieldMessages, useTextRules, type Option } from './fields';
import { useFormField } from './form';

function CheckMark() {
  return (
    <span className="checkbox-box" aria-hidden="true">
      <svg viewBox="0 0 18 18" className="checkbox-mark">
        <polyline points="3 9.5 7.5 14 15 4.5" />
      </svg>
    </span>
  );
}

interface CheckboxInputProps {
  name: string;
  label: string;
  description?: string;
  defaultSelected?: boolean;
}

/** One checkbox; the form receives `on` when it is ticked. */
export function CheckboxInput({ name, label, description, defaultSelected }: CheckboxInputProps) {
  return (
    <div className="field">
      <Checkbox name={name} value="on" defaultSelected={defaultSelected} className="checkbox">
        <CheckMark />
        <span>
          {label}
          {description ? <span className="field-hint checkbox-hint">{description}</span> : null}
        </span>
      </Checkbox>
    </div>
  );
}

interface CheckboxGroupInputProps {
  name: string;
  label: string;
  options: Option[];
  description?: ReactNode;
  defaultValue?: string[];
  isRequired?: boolean;
  validate?: (values: string[]) => string | null | undefined;
}

/** Several checkboxes under one label (a fieldset-like group); the form receives every ticked value. */
export function CheckboxGroupInput({
  name,
  label,
  options,
  description,
  defaultValue,
  isRequired,
  validate,
}: CheckboxGroupInputProps) {
  const validator = useCallback(
    (data: FormData) => {
      const values = data.getAll(name).filter((value): value is string => typeof value === 'string');
      if (isRequired && values.length === 0) return t.validation.required;
      return validate?.(values) ?? null;
    },
    [name, isRequired, validate],
  );
  const messages = useFormField(name, validator);
  return (
    <CheckboxGroup
      name={name}
      defaultValue={defaultValue}
      isRequired={isRequired}
      isInvalid={messages.length > 0}
      className="field choice-group"
    >
      <FieldLabel label={label} description={description} />
      <div className="choice-list">
        {options.map((option) => (
          <Checkbox key={option.id} value={option.id} className="checkbox">
            <CheckMark />
            <span>{option.label}</span>
          </Checkbox>
        ))}
      </div>
      <FieldMessages messages={messages} />
    </CheckboxGroup>
  );
}

interface RadioGroupInputProps {
  name: string;
  label: string;
  options: Option[];
  description?: ReactNode;
  defaultValue?: string;
  isRequired?: boolean;
}

export function RadioGroupInput({
  name,
  label,
  options,
  description,
  defaultValue,
  isRequired,
}: RadioGroupInputProps) {
  const messages = useTextRules(name, { isRequired });
  return (
    <RadioGroup
      name={name}
      defaultValue={defaultValue}
      isRequired={isRequired}
      isInvalid={messages.length > 0}
      className="field choice-group"
    >
      <FieldLabel label={label} description={description} />
      <div className="choice-list">
        {options.map((option) => (
          <Radio key={option.id} value={option.id} className="radio">
            <span className="radio-circle" aria-hidden="true" />
            <span>{option.label}</span>
          </Radio>
        ))}
      </div>
      <FieldMessages messages={messages} />
    </RadioGroup>
  );
}
