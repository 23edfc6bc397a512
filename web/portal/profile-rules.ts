import type { FieldErrors } from '../api/problem';
import { outboundChannels } from '../../common/messaging';
import type { Channel, PostalAddress } from '../api/types';
import { t } from '../i18n/fr';

/** What PATCH /me receives from the profile form. */
export interface ProfileChanges {
  firstName: string;
  lastName: string;
  phone: string | null;
  postalAddress: PostalAddress | null;
  preferredChannel: Channel;
}

/** The profile form's values, trimmed; names follow the API fields (`postalAddress.city`). */
export type ProfileFormValues = Record<
  | 'firstName'
  | 'lastName'
  | 'phone'
  | 'postalAddress.line1'
  | 'postalAddress.line2'
  | 'postalAddress.postcode'
  | 'postalAddress.city'
  | 'preferredChannel',
  string
>;

const phonePattern = /^\+?[0-9][0-9 .()-]{5,24}$/;
const postcodePattern = /^[0-9]{5}$/;

/**
 * Checks the rules spanning several fields (an address is complete or absent; SMS needs a
 * phone, letters need an address) and builds the changes to send.
 */
export function readProfile(values: ProfileFormValues): {
  changes: ProfileChanges | null;
  errors: FieldErrors;
} {
  const errors: FieldErrors = {};
  const fail = (field: string, message: string) => {
    (errors[field] ??= []).push(message);
  };
  if (!values.firstName) fail('firstName', t.validation.required);
  if (!values.lastName) fail('lastName', t.validation.required);

  const phone = values.phone || null;
  if (phone && !phonePattern.test(phone)) fail('phone', t.validation.phone);

  const address = {
    line1: values['postalAddress.line1'],
    line2: values['postalAddress.line2'],
    postcode: values['postalAddress.postcode'],
    city: values['postalAddress.city'],
  };
  const hasAddress = Object.values(address).some(Boolean);
  if (hasAddress) {
    if (!address.line1) fail('postalAddress.line1', t.validation.addressIncomplete);
    if (!address.postcode) fail('postalAddress.postcode', t.validation.addressIncomplete);
    else if (!postcodePattern.test(address.postcode)) fail('postalAddress.postcode', t.validation.postcode);
    if (!address.city) fail('postalAddress.city', t.validation.addressIncomplete);
  }

  const preferredChannel: Channel =
    outboundChannels.find((channel) => channel === values.preferredChannel) ?? 'email';
  if (preferredChannel === 'sms' && !phone) fail('phone', t.validation.smsNeedsPhone);
  if (preferredChannel === 'letter' && !hasAddress)
    fail('postalAddress.line1', t.validation.letterNeedsAddress);

  if (Object.keys(errors).length > 0) return { changes: null, errors };
  return {
    changes: {
      firstName: values.firstName,
      lastName: values.lastName,
      phone,
      postalAddress: hasAddress
        ? {
            line1: address.line1,
            ...(address.line2 ? { line2: address.line2 } : {}),
            postcode: address.postcode,
            city: address.city,
          }
        : null,
      preferredChannel,
    },
    errors,
  };
}
