import { api, type ApiBody } from '../api/client';
import type { Department } from '../api/types';
import { SelectInput, TextAreaInput, TextInput } from '../components/fields';
import { formOptionalText, formText } from '../components/form';
import { t } from '../i18n/fr';
import { descendantIds, sortAsTree } from './department-tree';
import { OrganisationItemDialog } from './organisation-item-dialog';

const noParent = 'none';

function readDepartmentFields(data: FormData) {
  const parent = formText(data, 'parentId');
  return {
    parentId: parent && parent !== noParent ? parent : null,
    email: formOptionalText(data, 'email'),
    phone: formOptionalText(data, 'phone'),
    postalAddress: formOptionalText(data, 'postalAddress'),
  };
}

const createDepartment = (body: ApiBody<'/admin/departments', 'post'>) =>
  api.post('/admin/departments', { body });
const updateDepartment = (id: string, body: ApiBody<'/admin/departments/{id}', 'patch'>) =>
  api.patch('/admin/departments/{id}', { params: { path: { id } }, body });

interface DepartmentDialogProps {
  /** The department to edit, or null to create one. */
  department: Department | null;
  departments: Department[];
  onClose(): void;
  onSaved(message: string): void;
}

/** Create or edit a department; a department cannot be placed under itself or its descendants. */
export function DepartmentDialog({ department, departments, onClose, onSaved }: DepartmentDialogProps) {
  const labels = t.backoffice.departments;
  const excluded = department
    ? descendantIds(departments, department.id).add(department.id)
    : new Set<string>();
  const parentOptions = [
    { id: noParent, label: labels.noParent },
    ...sortAsTree(departments)
      .filter(({ department: candidate }) => !excluded.has(candidate.id))
      .map(({ department: candidate, depth }) => ({
        id: candidate.id,
        label: `${'\u2003'.repeat(depth)}${candidate.name}`,
      })),
  ];

  return (
    <OrganisationItemDialog
      item={department}
      labels={labels}
      readFields={readDepartmentFields}
      create={createDepartment}
      update={updateDepartment}
      onClose={onClose}
      onSaved={onSaved}
    >
      <SelectInput
        name="parentId"
        label={labels.parent}
        options={parentOptions}
        defaultValue={department?.parentId ?? noParent}
      />
      <TextInput
        name="email"
        type="email"
        label={labels.email}
        defaultValue={department?.email ?? ''}
        spellCheck={false}
      />
      <TextInput name="phone" type="tel" label={labels.phone} defaultValue={department?.phone ?? ''} />
      <TextAreaInput
        name="postalAddress"
        label={labels.postalAddress}
        maxLength={500}
        rows={3}
        defaultValue={department?.postalAddress ?? ''}
      />
    </OrganisationItemDialog>
  );
}
