import { useState } from 'react';
import { describeError } from '../api/client';

/** The message above a list after an action. */
export interface Notice {
  tone: 'success' | 'error';
  text: string;
}

/**
 * The state of a list page with a dialog: what is being edited (null when no dialog is open)
 * and the notice above the list. `afterSave` reloads what the page shows.
 */
export function useEditing<Editing>(afterSave: () => void) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  /** Opens a dialog, clearing the previous notice. */
  const open = (next: Editing) => {
    setNotice(null);
    setEditing(next);
  };
  const close = () => setEditing(null);
  /** Closes the dialog, shows its success message and reloads the list. */
  const onSaved = (message: string) => {
    setEditing(null);
    setNotice({ tone: 'success', text: message });
    afterSave();
  };
  return { editing, open, close, onSaved, notice, setNotice };
}

/**
 * A row action on a list (retry, mark posted…): posts to `path`, puts the outcome in the notice
 * above the list (`success` when given, else only an error), then reloads the list whatever
 * happened. `keepNotice` leaves the previous notice up while the action runs.
 */
export function useListAction(reload: () => void) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const run = (action: () => Promise<unknown>, options: { success?: string; keepNotice?: boolean } = {}) => {
    if (!options.keepNotice) setNotice(null);
    action()
      .then(() => {
        if (options.success) setNotice({ tone: 'success', text: options.success });
      })
      .catch((error: unknown) => setNotice({ tone: 'error', text: describeError(error) }))
      .finally(reload);
  };
  return { notice, setNotice, run };
}
