import { useCallback } from 'react';
import { api } from '../api/client';
import { agentRoles } from '../../common/accounts';
import type { Agent, Department } from '../api/types';
import { DialogActions, FormDialog } from '../components/dialog';
import { CheckboxGroupInput, CheckboxInput } from '../components/choice-fields';
import { TextInput } from '../components/fields';
import { AppForm, formChecked, formList, formText, useFormAction } from '../components/form';
import { t } from '../i18n/fr';
import { sortAsTree } from './department-tree';

const roleOptions = agentRoles.map((role) => ({ id: role, label: t.roles[role] }));
const atLeastOneRole = (values: string[]) => (values.length === 0 ? t.validation.chooseRole : null);

interface AgentDialogProps {
  /** The agent to edit, or null to invite a new one. */
  agent: Agent | null;
  departments: Department[];
  onClose(): void;
  onSaved(message: string): void;
}

/** Invite an agent (an e-mail lets them choose a password) or change their roles and departments. */
export function AgentDialog({ agent, departments, onClose, onSaved }: AgentDialogProps) {
  const labels = t.backoffice.agents;
  const departmentOptions = sortAsTree(departments)
    .filter(({ department }) => department.isActive || agent?.departmentIds.includes(department.id))
    .map(({ department }) => ({ id: department.id, label: department.name }));

  const save = useCallback(
    async (data: FormData) => {
      const fields = {
        firstName: formText(data, 'firstName'),
        lastName: formText(data, 'lastName'),
        roles: agentRoles.filter((role) => formList(data, 'roles').includes(role)),
        departmentIds: formList(data, 'departmentIds'),
      };
      if (agent) {
        await api.patch('/admin/agents/{id}', {
          params: { path: { id: agent.id } },
          body: { ...fields, isActive: formChecked(data, 'isActive') },
        });
        return labels.updated;
      }
      const email = formText(data, 'email');
      await api.post('/admin/agents', { body: { email, ...fields } });
      return labels.invited(email);
    },
    [agent, labels],
  );
  const form = useFormAction(save, onSaved);
  const title = agent ? labels.editTitle(`${agent.firstName} ${agent.lastName}`) : labels.inviteTitle;

  return (
    <FormDialog title={title} isOpen onClose={onClose}>
      <AppForm form={form} aria-label={title}>
        {agent ? null : (
          <TextInput
            name="email"
            type="email"
            label={t.fields.email}
            isRequired
            spellCheck={false}
            autoFocus
          />
        )}
        <div className="field-row">
          <TextInput
            name="firstName"
            label={t.fields.firstName}
            isRequired
            maxLength={100}
            defaultValue={agent?.firstName}
          />
          <TextInput
            name="lastName"
            label={t.fields.lastName}
            isRequired
            maxLength={100}
            defaultValue={agent?.lastName}
          />
        </div>
        <CheckboxGroupInput
          name="roles"
          label={labels.roles}
          options={roleOptions}
          defaultValue={agent?.roles ?? []}
          validate={atLeastOneRole}
        />
        {departmentOptions.length > 0 ? (
          <CheckboxGroupInput
            name="departmentIds"
            label={labels.departments}
            description={labels.departmentsHint}
            options={departmentOptions}
            defaultValue={agent?.departmentIds ?? []}
          />
        ) : null}
        {agent ? (
          <CheckboxInput
            name="isActive"
            label={labels.isActive}
            description={labels.isActiveHint}
            defaultSelected={agent.isActive}
          />
        ) : null}
        <DialogActions
          isPending={form.isPending}
          submitLabel={agent ? t.common.save : labels.inviteSubmit}
          onCancel={onClose}
        />
      </AppForm>
    </FormDialog>
  );
}
