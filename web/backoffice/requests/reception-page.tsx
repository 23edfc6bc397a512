import { useCallback, useState, type KeyboardEvent } from 'react';
import { Input, Radio, RadioGroup, TextField } from 'react-aria-components';
import { Link } from 'react-router';
import { requestPriorities } from '../../../common/requests';
import { api, describeError, type ApiBody, type ApiResponse } from '../../api/client';
import type { CitizenMatch } from '../../api/backoffice';
import type { FieldErrors } from '../../api/problem';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { todayInParis } from '../../components/dates';
import { DialogActions, FormDialog } from '../../components/dialog';
import { phonePattern } from '../../components/field-validation';
import { FieldLabel, SelectInput, TextAreaInput, TextInput } from '../../components/fields';
import {
  AppForm,
  formOptionalText,
  formText,
  FormValidationError,
  useFormAction,
} from '../../components/form';
import { Page } from '../../components/page';
import { useApiData } from '../../components/use-api-data';
import { t } from '../../i18n/fr';
import { formatLongDay } from './request-format';
import { readPostalAddress, receivedAtOf } from './reception-rules';
import { formatPhone } from '../../../common/phone';

const texts = t.agentRequests.reception;
type DeskChannel = 'phone' | 'counter' | 'letter';
type DeskRequest = ApiBody<'/backoffice/requests', 'post'>;
/** Who the request or contact is about: an account, or a person without one (nothing when anonymous). */
type Person = Pick<DeskRequest, 'citizenId' | 'contact'>;
type PersonMode = 'account' | 'contact' | 'anonymous';
type Purpose = 'request' | 'contact';
const noCategory = 'none';

/** Radio buttons under a label, controlled (the page changes with the choice). */
function ChoiceGroup<T extends string>({
  label,
  value,
  options,
  onChange,
  name,
}: {
  label: string;
  value: T;
  options: { id: NoInfer<T>; label: string }[];
  onChange(value: NoInfer<T>): void;
  name: string;
}) {
  return (
    <RadioGroup
      name={name}
      value={value}
      onChange={(next) => onChange(next as T)}
      className="field choice-group"
      orientation="horizontal"
    >
      <span className="field-label">{label}</span>
      <div className="choice-list choice-list-inline">
        {options.map((option) => (
          <Radio key={option.id} value={option.id} className="radio">
            <span className="radio-circle" aria-hidden="true" />
            <span>{option.label}</span>
          </Radio>
        ))}
      </div>
    </RadioGroup>
  );
}

function addressValues(data: FormData, prefix: string) {
  return {
    line1: formText(data, `${prefix}.line1`),
    line2: formText(data, `${prefix}.line2`),
    postcode: formText(data, `${prefix}.postcode`),
    city: formText(data, `${prefix}.city`),
  };
}

function AddressFields({ prefix }: { prefix: string }) {
  return (
    <fieldset className="fieldset">
      <legend className="field-label">{t.fields.addressLegend}</legend>
      <TextInput name={`${prefix}.line1`} label={t.fields.addressLine1} autoComplete="off" maxLength={200} />
      <TextInput name={`${prefix}.line2`} label={t.fields.addressLine2} autoComplete="off" maxLength={200} />
      <div className="field-row field-row-postcode">
        <TextInput
          name={`${prefix}.postcode`}
          label={t.fields.postcode}
          autoComplete="off"
          inputMode="numeric"
          maxLength={5}
        />
        <TextInput name={`${prefix}.city`} label={t.fields.city} autoComplete="off" maxLength={100} />
      </div>
    </fieldset>
  );
}

/** « Créer un compte usager »: an account without password, claimed later by « Mot de passe oublié ». */
function CreateCitizenDialog({
  onClose,
  onCreated,
}: {
  onClose(): void;
  onCreated(citizen: CitizenMatch): void;
}) {
  const create = useCallback(async (data: FormData) => {
    const { address, errors } = readPostalAddress(addressValues(data, 'postalAddress'), 'postalAddress');
    if (Object.keys(errors).length > 0) throw new FormValidationError(errors);
    const phone = formOptionalText(data, 'phone');
    return api.post('/backoffice/citizens', {
      body: {
        firstName: formText(data, 'firstName'),
        lastName: formText(data, 'lastName'),
        email: formText(data, 'email'),
        ...(phone ? { phone } : {}),
        ...(address ? { postalAddress: address } : {}),
      },
    });
  }, []);
  const form = useFormAction(create, onCreated);
  return (
    <FormDialog title={texts.createTitle} isOpen onClose={onClose}>
      <AppForm form={form} aria-label={texts.createTitle}>
        <p className="field-hint">{texts.createHint}</p>
        <div className="field-row">
          <TextInput
            name="firstName"
            label={t.fields.firstName}
            isRequired
            maxLength={100}
            autoComplete="off"
          />
          <TextInput
            name="lastName"
            label={t.fields.lastName}
            isRequired
            maxLength={100}
            autoComplete="off"
          />
        </div>
        <TextInput
          name="email"
          type="email"
          label={t.fields.email}
          isRequired
          maxLength={254}
          autoComplete="off"
          spellCheck={false}
        />
        <TextInput
          name="phone"
          type="tel"
          label={`${t.fields.phone} ${t.fields.optional}`}
          description={t.fields.phoneHint}
          pattern={phonePattern}
          patternMessage={t.validation.phone}
          autoComplete="off"
        />
        <AddressFields prefix="postalAddress" />
        <DialogActions isPending={form.isPending} submitLabel={texts.createCitizen} onCancel={onClose} />
      </AppForm>
    </FormDialog>
  );
}

/**
 * Finds a citizen account by name, e-mail or phone. It sits inside the desk's form, so it is not
 * a form itself: Enter in its field or its button runs the search (never the form's submit).
 */
function CitizenFinder({
  chosen,
  notice,
  onChoose,
  onCreate,
}: {
  chosen: CitizenMatch | null;
  notice: string | null;
  onChoose(citizen: CitizenMatch | null): void;
  onCreate(): void;
}) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<CitizenMatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = () => {
    const q = query.trim();
    if (q.length < 2) {
      setError(texts.searchHint);
      return;
    }
    setError(null);
    api
      .get('/backoffice/citizens', { params: { query: { q } } })
      .then(setResults)
      .catch((caught: unknown) => setError(describeError(caught)));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    search();
  };

  if (chosen) {
    return (
      <div className="chosen-citizen">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        <p className="field-label">{texts.chosen}</p>
        <p className="chosen-name">
          {chosen.firstName} {chosen.lastName}
        </p>
        <p className="cell-detail">
          {[chosen.email, chosen.phone && formatPhone(chosen.phone), texts.requestCount(chosen.requestCount)]
            .filter(Boolean)
            .join(' · ')}
        </p>
        <Button variant="secondary" size="small" onPress={() => onChoose(null)}>
          {texts.change}
        </Button>
      </div>
    );
  }
  return (
    <div className="citizen-finder">
      <div role="search" className="queue-search" aria-label={texts.searchLabel}>
        <TextField value={query} onChange={setQuery} className="field" type="search">
          <FieldLabel label={texts.search} description={texts.searchHint} />
          <Input
            className="input"
            name="citizenQuery"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            onKeyDown={onKeyDown}
          />
        </TextField>
        <Button variant="secondary" onPress={search}>
          {texts.searchSubmit}
        </Button>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div role="status">
        {results && results.length === 0 ? <p className="muted">{texts.noResults}</p> : null}
      </div>
      {results && results.length > 0 ? (
        <ul className="citizen-results" aria-label={texts.results}>
          {results.map((citizen) => (
            <li key={citizen.id}>
              <div>
                <span className="cell-title">
                  {citizen.firstName} {citizen.lastName}
                </span>
                <span className="cell-detail">
                  {[
                    citizen.email,
                    citizen.phone && formatPhone(citizen.phone),
                    citizen.postalAddress
                      ? `${citizen.postalAddress.postcode} ${citizen.postalAddress.city}`
                      : '',
                    texts.requestCount(citizen.requestCount),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </div>
              <Button
                variant="secondary"
                size="small"
                aria-label={`${texts.choose} ${citizen.firstName} ${citizen.lastName}`}
                onPress={() => onChoose(citizen)}
              >
                {texts.choose}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <Button variant="quiet" size="small" onPress={onCreate}>
          {texts.createCitizen}
        </Button>
      </p>
    </div>
  );
}

type Outcome =
  | { kind: 'request'; request: ApiResponse<'/backoffice/requests', 'post'> }
  | { kind: 'contact'; contact: ApiResponse<'/backoffice/contacts', 'post'> };

/** Moves the keyboard focus to the element once shown (the outcome's heading, so it is read out). */
const focusOnMount = (element: HTMLElement | null) => element?.focus();

/** `/agent/accueil`: the reception desk for phone calls, visitors and letters. */
export function ReceptionPage() {
  const categories = useApiData('/categories');
  const departments = useApiData('/backoffice/departments');
  const [channel, setChannel] = useState<DeskChannel>('phone');
  const [personMode, setPersonMode] = useState<PersonMode>('account');
  const [citizen, setCitizen] = useState<CitizenMatch | null>(null);
  const [purpose, setPurpose] = useState<Purpose>('request');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [isCreating, setIsCreating] = useState(false);
  const [createdNotice, setCreatedNotice] = useState<string | null>(null);
  const [round, setRound] = useState(0);

  const submit = useCallback(
    async (data: FormData): Promise<Outcome> => {
      const errors: FieldErrors = {};
      let person: Person = {};
      if (personMode === 'account') {
        if (!citizen) errors.citizen = [texts.chooseCitizen];
        else person = { citizenId: citizen.id };
      } else if (personMode === 'contact') {
        const { address, errors: addressErrors } = readPostalAddress(
          addressValues(data, 'contact.postalAddress'),
          'contact.postalAddress',
        );
        Object.assign(errors, addressErrors);
        const email = formOptionalText(data, 'contact.email');
        const phone = formOptionalText(data, 'contact.phone');
        // A request needs a way back to the person: an e-mail, a phone or a postal address.
        if (
          purpose === 'request' &&
          !email &&
          !phone &&
          !address &&
          !addressErrors['contact.postalAddress.line1']
        ) {
          errors['contact.email'] = [texts.contactNeeded];
          errors['contact.phone'] = [texts.contactNeeded];
        }
        person = {
          contact: {
            name: formText(data, 'contact.name'),
            ...(email ? { email } : {}),
            ...(phone ? { phone } : {}),
            ...(address ? { postalAddress: address } : {}),
          },
        };
      }
      if (personMode === 'anonymous' && purpose === 'request') errors.citizen = [texts.anonymousRequest];
      const categoryId = formText(data, 'categoryId');
      const category = categoryId && categoryId !== noCategory ? { categoryId } : {};
      if (purpose === 'contact') {
        if (Object.keys(errors).length > 0) throw new FormValidationError(errors);
        const note = formOptionalText(data, 'note');
        const departmentId = formText(data, 'departmentId');
        const contact = await api.post('/backoffice/contacts', {
          body: {
            channel,
            subject: formText(data, 'subject'),
            ...(note ? { note } : {}),
            ...category,
            ...(departmentId && departmentId !== noCategory ? { departmentId } : {}),
            ...person,
          },
        });
        return { kind: 'contact', contact };
      }
      let receivedAt: string | null = null;
      if (channel === 'letter') {
        const day = formText(data, 'receivedOn');
        if (day) {
          receivedAt = receivedAtOf(day, todayInParis(), new Date());
          if (!receivedAt) errors.receivedOn = [texts.futureDate];
        }
      }
      if (Object.keys(errors).length > 0) throw new FormValidationError(errors);
      const address = formOptionalText(data, 'address');
      const request = await api.post('/backoffice/requests', {
        body: {
          channel,
          ...category,
          priority: requestPriorities.find((priority) => priority === formText(data, 'priority')) ?? 'normal',
          subject: formText(data, 'subject'),
          description: formText(data, 'description'),
          ...(address ? { location: { address } } : {}),
          ...(receivedAt ? { receivedAt } : {}),
          ...person,
        },
      });
      return { kind: 'request', request };
    },
    [channel, personMode, citizen, purpose],
  );
  const form = useFormAction(submit, setOutcome);

  const chooseCitizen = (chosen: CitizenMatch | null) => {
    setCreatedNotice(null);
    setCitizen(chosen);
  };
  const startOver = () => {
    setOutcome(null);
    setCitizen(null);
    setCreatedNotice(null);
    setRound((value) => value + 1);
  };

  if (outcome) {
    return (
      <Page title={texts.title}>
        {outcome.kind === 'request' ? (
          <section className="card desk-outcome" aria-labelledby="outcome-title">
            <h2 id="outcome-title" tabIndex={-1} ref={focusOnMount}>
              {texts.requestDone}
            </h2>
            <Alert tone="success">{texts.readToCaller}</Alert>
            <dl className="agent-facts desk-codes">
              <div>
                <dt>{texts.reference}</dt>
                <dd className="desk-code">{outcome.request.reference}</dd>
              </div>
              <div>
                <dt>{texts.trackingCode}</dt>
                <dd className="desk-code">{outcome.request.trackingCode}</dd>
              </div>
              {outcome.request.dueAt ? (
                <div>
                  <dt>{texts.dueAt}</dt>
                  <dd>{formatLongDay(outcome.request.dueAt)}</dd>
                </div>
              ) : null}
            </dl>
            <div className="form-actions">
              <Link className="button button-primary" to={`/agent/demandes/${outcome.request.id}`}>
                {texts.openRequest}
              </Link>
              <Button variant="secondary" onPress={startOver}>
                {texts.another}
              </Button>
            </div>
          </section>
        ) : (
          <section className="card desk-outcome" aria-labelledby="outcome-title">
            <h2 id="outcome-title" tabIndex={-1} ref={focusOnMount}>
              {texts.contactDoneTitle}
            </h2>
            <Alert tone="success">{texts.contactDone}</Alert>
            <p>
              <strong>{outcome.contact.subject}</strong>
            </p>
            <div className="form-actions">
              <Button onPress={startOver}>{texts.another}</Button>
            </div>
          </section>
        )}
      </Page>
    );
  }

  const categoryOptions = [
    { id: noCategory, label: texts.categoryNone },
    ...[...(categories.data ?? [])]
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      .map((category) => ({ id: category.id, label: category.name })),
  ];
  const departmentOptions = [
    { id: noCategory, label: t.agentRequests.queue.anyDepartment },
    ...(departments.data ?? []).map((department) => ({ id: department.id, label: department.name })),
  ];
  const priorityOptions = requestPriorities.map((priority) => ({
    id: priority,
    label: t.agentRequests.priorities[priority],
  }));
  const channelOptions = (['phone', 'counter', 'letter'] as DeskChannel[]).map((id) => ({
    id,
    label: texts.channels[id] ?? id,
  }));
  const modeOptions = (['account', 'contact', 'anonymous'] as PersonMode[]).map((id) => ({
    id,
    label: texts.modes[id] ?? id,
  }));
  const purposeOptions = (['request', 'contact'] as Purpose[]).map((id) => ({
    id,
    label: texts.whatModes[id] ?? id,
  }));

  return (
    <Page title={texts.title} lead={texts.lead}>
      <div className="desk" key={round}>
        <section className="card" aria-labelledby="desk-channel-title">
          <h2 id="desk-channel-title">{texts.channel}</h2>
          <ChoiceGroup
            name="channel"
            label={texts.channel}
            value={channel}
            options={channelOptions}
            onChange={setChannel}
          />
        </section>
        <AppForm form={form} aria-label={texts.formLabel} className="desk-form">
          <section className="card" aria-labelledby="desk-person-title">
            <h2 id="desk-person-title">{texts.personTitle}</h2>
            <ChoiceGroup
              name="personMode"
              label={texts.personMode}
              value={personMode}
              options={modeOptions}
              onChange={setPersonMode}
            />
            {personMode === 'account' ? (
              <CitizenFinder
                chosen={citizen}
                notice={createdNotice}
                onChoose={chooseCitizen}
                onCreate={() => setIsCreating(true)}
              />
            ) : null}
            {personMode !== 'contact' && form.fieldErrors.citizen ? (
              <p className="field-error" role="alert">
                {form.fieldErrors.citizen.join(' ')}
              </p>
            ) : null}
            {personMode === 'contact' ? (
              <fieldset className="fieldset">
                <legend className="field-label">{texts.modes.contact}</legend>
                <TextInput
                  name="contact.name"
                  label={texts.contactName}
                  isRequired
                  maxLength={200}
                  autoComplete="off"
                />
                <div className="field-row">
                  <TextInput
                    name="contact.email"
                    type="email"
                    label={`${t.fields.email} ${t.fields.optional}`}
                    maxLength={254}
                    autoComplete="off"
                    spellCheck={false}
                  />
                  <TextInput
                    name="contact.phone"
                    type="tel"
                    label={`${t.fields.phone} ${t.fields.optional}`}
                    pattern={phonePattern}
                    patternMessage={t.validation.phone}
                    autoComplete="off"
                  />
                </div>
                <AddressFields prefix="contact.postalAddress" />
              </fieldset>
            ) : null}
          </section>
          <section className="card" aria-labelledby="desk-what-title">
            <h2 id="desk-what-title">{texts.whatTitle}</h2>
            <ChoiceGroup
              name="purpose"
              label={texts.whatMode}
              value={purpose}
              options={purposeOptions}
              onChange={setPurpose}
            />
            {purpose === 'request' ? (
              <>
                <SelectInput
                  name="categoryId"
                  label={texts.category}
                  options={categoryOptions}
                  defaultValue={noCategory}
                />
                <TextInput name="subject" label={texts.subject} isRequired maxLength={200} />
                <TextAreaInput
                  name="description"
                  label={texts.description}
                  isRequired
                  maxLength={10_000}
                  rows={5}
                />
                <TextInput
                  name="address"
                  label={texts.address}
                  description={texts.addressHint}
                  maxLength={300}
                />
                <SelectInput
                  name="priority"
                  label={texts.priority}
                  options={priorityOptions}
                  defaultValue="normal"
                />
                {channel === 'letter' ? (
                  <div className="field-narrow">
                    <TextInput
                      name="receivedOn"
                      type="date"
                      label={texts.receivedAt}
                      description={texts.receivedAtHint}
                      defaultValue={todayInParis()}
                    />
                  </div>
                ) : null}
              </>
            ) : (
              <>
                <TextInput name="subject" label={texts.topic} isRequired maxLength={200} />
                <TextAreaInput
                  name="note"
                  label={texts.note}
                  description={texts.noteHint}
                  maxLength={10_000}
                  rows={3}
                />
                <SelectInput
                  name="categoryId"
                  label={texts.category}
                  options={categoryOptions}
                  defaultValue={noCategory}
                />
                <SelectInput
                  name="departmentId"
                  label={t.agentRequests.queue.department}
                  options={departmentOptions}
                  defaultValue={noCategory}
                />
              </>
            )}
            <div className="form-actions">
              <Button type="submit">
                {form.isPending
                  ? texts.saving
                  : purpose === 'request'
                    ? texts.submitRequest
                    : texts.submitContact}
              </Button>
            </div>
          </section>
        </AppForm>
        {isCreating ? (
          <CreateCitizenDialog
            onClose={() => setIsCreating(false)}
            onCreated={(created) => {
              setIsCreating(false);
              setCitizen(created);
              setCreatedNotice(texts.created);
            }}
          />
        ) : null}
      </div>
    </Page>
  );
}
