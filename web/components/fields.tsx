import { useCallback, type ReactNode } from 'react';
import {
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  NumberField,
  Popover,
  Select,
  SelectValue,
  Button as AriaButton,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import { t } from '../i18n/fr';
import { validateText, type TextRules } from './field-validation';
import { formRaw, formText, useFormField } from './form';

/** The messages under a field (react-aria ties them to the input with aria-describedby). */
export function FieldMessages({ messages }: { messages: string[] }) {
  return <FieldError className="field-error">{messages.join(' ')}</FieldError>;
}

/** A field's label and, when given, its hint (react-aria ties the hint to the input). */
export function FieldLabel({ label, description }: { label: string; description?: ReactNode }) {
  return (
    <>
      <Label className="field-label">{label}</Label>
      {description ? (
        <Text slot="description" className="field-hint">
          {description}
        </Text>
      ) : null}
    </>
  );
}

/** Registers a text-like field's rules with the form; returns its messages. */
export function useTextRules(name: string, rules: TextRules, isRaw = false): string[] {
  const { isRequired, type, minLength, maxLength, pattern, patternMessage, minValue, maxValue, validate } =
    rules;
  const validator = useCallback(
    (data: FormData) =>
      validateText(isRaw ? formRaw(data, name) : formText(data, name), {
        isRequired,
        type,
        minLength,
        maxLength,
        pattern,
        patternMessage,
        minValue,
        maxValue,
        validate,
      }),
    [
      name,
      isRaw,
      isRequired,
      type,
      minLength,
      maxLength,
      pattern,
      patternMessage,
      minValue,
      maxValue,
      validate,
    ],
  );
  return useFormField(name, validator);
}

interface TextInputProps extends TextRules {
  name: string;
  label: string;
  description?: ReactNode;
  type?: 'text' | 'email' | 'password' | 'tel' | 'search' | 'url' | 'date';
  isReadOnly?: boolean;
  autoComplete?: string;
  inputMode?: 'text' | 'email' | 'tel' | 'numeric' | 'url';
  defaultValue?: string;
  spellCheck?: boolean;
  className?: string;
  autoFocus?: boolean;
}

/** A labelled text input with its hint and its error message tied to it. */
export function TextInput({
  name,
  label,
  description,
  type = 'text',
  isReadOnly,
  autoComplete,
  inputMode,
  defaultValue,
  spellCheck,
  className,
  autoFocus,
  ...rules
}: TextInputProps) {
  const messages = useTextRules(name, { ...rules, type }, type === 'password');
  return (
    <TextField
      name={name}
      type={type}
      isRequired={rules.isRequired}
      isReadOnly={isReadOnly}
      isInvalid={messages.length > 0}
      maxLength={rules.maxLength}
      autoComplete={autoComplete}
      inputMode={inputMode}
      defaultValue={defaultValue}
      autoFocus={autoFocus}
      className={['field', className ?? ''].join(' ').trim()}
    >
      <FieldLabel label={label} description={description} />
      <Input className="input" spellCheck={spellCheck} />
      <FieldMessages messages={messages} />
    </TextField>
  );
}

interface TextAreaInputProps {
  name: string;
  label: string;
  description?: ReactNode;
  isRequired?: boolean;
  isReadOnly?: boolean;
  defaultValue?: string;
  maxLength?: number;
  rows?: number;
}

export function TextAreaInput({
  name,
  label,
  description,
  isRequired,
  isReadOnly,
  defaultValue,
  maxLength,
  rows = 4,
}: TextAreaInputProps) {
  const messages = useTextRules(name, { isRequired, maxLength });
  return (
    <TextField
      name={name}
      isRequired={isRequired}
      isReadOnly={isReadOnly}
      isInvalid={messages.length > 0}
      defaultValue={defaultValue}
      maxLength={maxLength}
      className="field"
    >
      <FieldLabel label={label} description={description} />
      <TextArea className="input textarea" rows={rows} />
      <FieldMessages messages={messages} />
    </TextField>
  );
}

export interface Option {
  id: string;
  label: string;
}

interface SelectInputProps {
  name: string;
  label: string;
  options: Option[];
  description?: ReactNode;
  isRequired?: boolean;
  defaultValue?: string;
  value?: string;
  onChange?: (value: string) => void;
  placeholder?: string;
}

/** A list to choose one value from (react-aria-components Select, with a hidden native select for the form). */
export function SelectInput({
  name,
  label,
  options,
  description,
  isRequired,
  defaultValue,
  value,
  onChange,
  placeholder = t.common.chooseOption,
}: SelectInputProps) {
  const messages = useTextRules(name, { isRequired });
  return (
    <Select
      name={name}
      isRequired={isRequired}
      isInvalid={messages.length > 0}
      defaultValue={defaultValue}
      value={value}
      onChange={onChange ? (key) => onChange(key === null ? '' : String(key)) : undefined}
      placeholder={placeholder}
      className="field"
    >
      <FieldLabel label={label} description={description} />
      <AriaButton className="input select-button">
        <SelectValue className="select-value" />
        <span aria-hidden="true" className="select-chevron">
          ▾
        </span>
      </AriaButton>
      <FieldMessages messages={messages} />
      <Popover className="popover">
        <ListBox className="listbox" items={options}>
          {(option) => (
            <ListBoxItem id={option.id} className="listbox-item" textValue={option.label}>
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}

interface NumberInputProps {
  name: string;
  label: string;
  description?: ReactNode;
  isRequired?: boolean;
  defaultValue?: number;
  minValue?: number;
  maxValue?: number;
}

export function NumberInput({
  name,
  label,
  description,
  isRequired,
  defaultValue,
  minValue,
  maxValue,
}: NumberInputProps) {
  const messages = useTextRules(name, { isRequired, minValue, maxValue });
  return (
    <NumberField
      name={name}
      isRequired={isRequired}
      isInvalid={messages.length > 0}
      defaultValue={defaultValue}
      minValue={minValue}
      maxValue={maxValue}
      formatOptions={{ maximumFractionDigits: 0, useGrouping: false }}
      className="field"
    >
      <FieldLabel label={label} description={description} />
      <Input className="input input-number" />
      <FieldMessages messages={messages} />
    </NumberField>
  );
}
