import { type Static, type TProperties, type TSchema, Type } from 'typebox';
import { Nullable } from '../../platform/http/nullable';
import { contactChannels, digitalChannels } from './tenant-settings';

/** TypeBox schemas of the organisation HTTP API (requests and responses). */

export const tags = ['organisation'];

const Id = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Id });

/** A real calendar day; Ajv's `date` format also rejects 2026-02-30. */
export const CalendarDay = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Code = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[a-z0-9]+(?:[-_][a-z0-9]+)*$',
  description: 'lower case letters, digits and dashes, e.g. `etat-civil`',
});
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Email = Type.String({ format: 'email', maxLength: 254 });
const Phone = Type.String({ minLength: 1, maxLength: 30, pattern: '^[0-9+ ().-]+$' });
const PostalAddressText = Type.String({ minLength: 1, maxLength: 500 });
const DeadlineDays = Type.Integer({ minimum: 1, maximum: 365 });
const InseeCode = Type.String({
  pattern: '^(?:\\d{5}|2[AB]\\d{3})$',
  description: 'code officiel géographique',
});

/** A PATCH body: any of the creation fields, and `isActive`; at least one of them. */
function UpdateBody<T extends TProperties>(creationFields: T) {
  return Type.Partial(Type.Object({ ...creationFields, isActive: Type.Boolean() }), {
    additionalProperties: false,
    minProperties: 1,
  });
}

// ---- tenant ----

export const PublicTenant = Type.Object({
  id: Id,
  slug: Type.String(),
  name: Type.String(),
  inseeCode: Nullable(Type.String()),
});

/** A unit cost in cents, up to 10 000 €. */
const unitCostProperties = Object.fromEntries(
  contactChannels.map((channel) => [
    channel,
    Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Cents: 270 is 2,70 €' }),
  ]),
) as Record<(typeof contactChannels)[number], ReturnType<typeof Type.Integer>>;

const ChannelOrder = Type.Array(
  Type.Union([Type.Literal('sms'), Type.Literal('email'), Type.Literal('portal')]),
  {
    minItems: digitalChannels.length,
    maxItems: digitalChannels.length,
    uniqueItems: true,
    description:
      'The order in which digital channels are tried after the citizen’s preferred one; a postal letter always comes last.',
  },
);

export const TenantSettingsView = Type.Object({
  unitCostsCents: Type.Object(unitCostProperties),
  defaultDeadlineDays: Type.Integer(),
  autoCloseDays: Type.Integer(),
  channelOrder: ChannelOrder,
  contactEmail: Type.Optional(Type.String()),
  contactPhone: Type.Optional(Type.String()),
  postalAddress: Type.Optional(Type.String()),
});

export const AdminTenant = Type.Object({
  id: Id,
  slug: Type.String(),
  name: Type.String(),
  inseeCode: Nullable(Type.String()),
  hostNames: Type.Array(Type.String()),
  isDefault: Type.Boolean(),
  settings: TenantSettingsView,
});

export const UpdateTenantBody = Type.Object(
  {
    name: Type.Optional(Name),
    inseeCode: Type.Optional(Nullable(InseeCode)),
    settings: Type.Optional(
      Type.Object(
        {
          unitCostsCents: Type.Optional(
            Type.Object(
              Object.fromEntries(
                Object.entries(unitCostProperties).map(([channel, schema]) => [
                  channel,
                  Type.Optional(schema),
                ]),
              ),
              { additionalProperties: false },
            ),
          ),
          defaultDeadlineDays: Type.Optional(DeadlineDays),
          autoCloseDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
          channelOrder: Type.Optional(ChannelOrder),
          contactEmail: Type.Optional(Nullable(Email)),
          contactPhone: Type.Optional(Nullable(Phone)),
          postalAddress: Type.Optional(Nullable(PostalAddressText)),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type UpdateTenantBody = Static<typeof UpdateTenantBody>;

// ---- departments ----

export const DepartmentView = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  parentId: Nullable(Id),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  postalAddress: Nullable(Type.String()),
  isActive: Type.Boolean(),
});

const departmentFields = {
  code: Code,
  name: Name,
  parentId: Type.Optional(Nullable(Id)),
  email: Type.Optional(Nullable(Email)),
  phone: Type.Optional(Nullable(Phone)),
  postalAddress: Type.Optional(Nullable(PostalAddressText)),
};

export const CreateDepartmentBody = Type.Object(departmentFields, { additionalProperties: false });
export type CreateDepartmentBody = Static<typeof CreateDepartmentBody>;

export const UpdateDepartmentBody = UpdateBody(departmentFields);
export type UpdateDepartmentBody = Static<typeof UpdateDepartmentBody>;

// ---- categories ----

const SilenceRuleSchema = Type.Union(
  [Type.Literal('none'), Type.Literal('acceptance'), Type.Literal('rejection')],
  {
    description:
      'what silence at the end of `silencePeriodDays` is worth: `none` (no implicit decision), `acceptance` or `rejection`',
  },
);
const SilencePeriodDays = Type.Integer({
  minimum: 1,
  maximum: 365,
  description: 'calendar days after receipt; required unless `silenceRule` is `none`',
});

const publicCategoryProperties = {
  id: Id,
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  departmentId: Nullable(Id),
  deadlineDays: Type.Integer(),
  silenceRule: SilenceRuleSchema,
  silencePeriodDays: Nullable(Type.Integer()),
};
export const PublicCategory = Type.Object(publicCategoryProperties);
export const CategoryView = Type.Object({ ...publicCategoryProperties, isActive: Type.Boolean() });

const categoryFields = {
  code: Code,
  name: Name,
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  departmentId: Type.Optional(Nullable(Id)),
  deadlineDays: DeadlineDays,
  silenceRule: Type.Optional(SilenceRuleSchema),
  silencePeriodDays: Type.Optional(Nullable(SilencePeriodDays)),
};

export const CreateCategoryBody = Type.Object(categoryFields, { additionalProperties: false });
export type CreateCategoryBody = Static<typeof CreateCategoryBody>;

export const UpdateCategoryBody = UpdateBody(categoryFields);
export type UpdateCategoryBody = Static<typeof UpdateCategoryBody>;

// ---- calendar ----

export const CalendarClosureView = Type.Object({ id: Id, day: CalendarDay, label: Type.String() });

export const CreateCalendarClosureBody = Type.Object(
  { day: CalendarDay, label: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type CreateCalendarClosureBody = Static<typeof CreateCalendarClosureBody>;

export const YearQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2999 })) });

export const DueDateQuery = Type.Object({
  from: Type.Optional(CalendarDay),
  days: Type.Integer({ minimum: 0, maximum: 3650 }),
});

export const DueDateView = Type.Object({ dueDate: CalendarDay });

export const CalendarDayOffView = Type.Object({
  day: CalendarDay,
  label: Type.String(),
  kind: Type.Union([Type.Literal('holiday'), Type.Literal('closure')]),
});

export function Items<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item) });
}
