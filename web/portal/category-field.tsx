import { useCallback, useState } from 'react';
import { Button as AriaButton, ComboBox, Input, ListBox, ListBoxItem, Popover } from 'react-aria-components';
import type { PublicCategory } from '../api/types';
import { FieldLabel, FieldMessages } from '../components/fields';
import { formText, useFormField } from '../components/form';
import { t } from '../i18n/fr';

const texts = t.portal.newRequest;

/** The category chooser: type to filter, pick one; its description and deadline show below. */
export function CategoryField({ categories }: { categories: PublicCategory[] }) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const validator = useCallback(
    (data: FormData) => (formText(data, 'categoryId') ? null : t.validation.required),
    [],
  );
  const messages = useFormField('categoryId', validator);
  const chosen = categories.find((category) => category.id === selectedId);
  return (
    <div className="category-field">
      <ComboBox
        name="categoryId"
        formValue="key"
        defaultItems={categories}
        onSelectionChange={(key) => setSelectedId(key === null ? null : String(key))}
        isRequired
        isInvalid={messages.length > 0}
        menuTrigger="focus"
        className="field"
      >
        <FieldLabel label={texts.category} description={texts.categoryHint} />
        <div className="combobox-input">
          <Input className="input" />
          <AriaButton className="combobox-button" aria-label={texts.showCategories}>
            <span aria-hidden="true">▾</span>
          </AriaButton>
        </div>
        <FieldMessages messages={messages} />
        <Popover className="popover">
          <ListBox
            className="listbox"
            renderEmptyState={() => <p className="listbox-empty">{texts.categoryEmpty}</p>}
          >
            {(category: PublicCategory) => (
              <ListBoxItem id={category.id} className="listbox-item" textValue={category.name}>
                {category.name}
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
      <div className="category-details" aria-live="polite">
        {chosen ? (
          <>
            {chosen.description ? <p>{chosen.description}</p> : null}
            <p className="category-deadline">{texts.deadline(chosen.deadlineDays)}</p>
          </>
        ) : null}
      </div>
    </div>
  );
}
