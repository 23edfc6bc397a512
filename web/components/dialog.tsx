import { useCallback, type ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { t } from '../i18n/fr';
import { Button } from './button';
import { AppForm, useFormAction } from './form';

interface FormDialogProps {
  title: string;
  isOpen: boolean;
  onClose(): void;
  children: ReactNode;
  /** `alertdialog` for a question that interrupts the user (a confirmation). */
  role?: 'dialog' | 'alertdialog';
}

/** A modal dialog (focus kept inside, Escape closes, title announced) holding one form. */
export function FormDialog({ title, isOpen, onClose, children, role = 'dialog' }: FormDialogProps) {
  return (
    <ModalOverlay
      isOpen={isOpen}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      isDismissable
      className="modal-overlay"
    >
      <Modal className="modal">
        <Dialog className="dialog" role={role}>
          <Heading slot="title" className="dialog-title">
            {title}
          </Heading>
          {children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

interface DialogActionsProps {
  isPending: boolean;
  submitLabel: string;
  /** Shown on the submit button while the request runs. */
  pendingLabel?: string;
  variant?: 'primary' | 'danger';
  onCancel(): void;
}

/** The buttons at the foot of a dialog's form: submit, then cancel. */
export function DialogActions({
  isPending,
  submitLabel,
  pendingLabel = t.common.saving,
  variant = 'primary',
  onCancel,
}: DialogActionsProps) {
  return (
    <div className="form-actions">
      <Button type="submit" variant={variant}>
        {isPending ? pendingLabel : submitLabel}
      </Button>
      <Button variant="quiet" onPress={onCancel}>
        {t.common.cancel}
      </Button>
    </div>
  );
}

interface ConfirmDialogProps {
  title: string;
  /** What will happen, in a sentence or two. */
  children: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  /** The action to run once confirmed; its error is shown in the dialog. */
  onConfirm(): Promise<unknown>;
  onClose(): void;
  /** Called after `onConfirm` succeeded (the caller closes the dialog). */
  onDone(): void;
}

/** Asks before a destructive action (deletion): the dialog stays open and shows the error if it fails. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  pendingLabel,
  onConfirm,
  onClose,
  onDone,
}: ConfirmDialogProps) {
  const confirm = useCallback(() => onConfirm(), [onConfirm]);
  const form = useFormAction(confirm, onDone);
  return (
    <FormDialog title={title} isOpen onClose={onClose} role="alertdialog">
      <AppForm form={form} aria-label={title}>
        {typeof children === 'string' ? <p>{children}</p> : children}
        <DialogActions
          isPending={form.isPending}
          submitLabel={confirmLabel}
          pendingLabel={pendingLabel}
          variant="danger"
          onCancel={onClose}
        />
      </AppForm>
    </FormDialog>
  );
}
