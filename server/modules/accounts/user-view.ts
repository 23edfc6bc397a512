import type { AgentRole } from '../../../common/accounts';
import type { DbOrTx } from '../../platform/db/client';
import type { PostalAddress } from './accounts.tables';
import { userNotFound } from './account-errors';
import { findDepartmentIdsOfUser, findUserById, type User } from './users.repository';

/** The account as the API shows it (never the password hash). */
export interface UserView {
  id: string;
  kind: 'citizen' | 'agent';
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  postalAddress: PostalAddress | null;
  preferredChannel: 'email' | 'sms' | 'letter' | 'portal';
  roles: AgentRole[];
  departmentIds: string[];
  emailVerified: boolean;
}

export interface AgentView extends UserView {
  isActive: boolean;
  /** Invited but has not chosen a password yet. */
  invitationPending: boolean;
}

export function toUserView(user: User, departmentIds: string[]): UserView {
  return {
    id: user.id,
    kind: user.kind,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    phone: user.phone ?? null,
    postalAddress: user.postalAddress ?? null,
    preferredChannel: user.preferredChannel,
    // The column holds only roles the schemas let in (see RoleSchema).
    roles: user.roles as AgentRole[],
    departmentIds,
    emailVerified: user.emailVerifiedAt !== null,
  };
}

export function toAgentView(user: User, departmentIds: string[]): AgentView {
  return {
    ...toUserView(user, departmentIds),
    isActive: user.isActive,
    invitationPending: user.passwordHash === null && user.emailVerifiedAt === null,
  };
}

/** The view of one account of the tenant, with its department memberships; throws USER_NOT_FOUND. */
export async function getUserView(db: DbOrTx, tenantId: string, userId: string): Promise<UserView> {
  const user = await findUserById(db, tenantId, userId);
  if (!user) throw userNotFound();
  return toUserView(user, await findDepartmentIdsOfUser(db, user.tenantId, user.id));
}

export async function viewWithDepartments(db: DbOrTx, user: User): Promise<UserView> {
  return toUserView(
    user,
    user.kind === 'agent' ? await findDepartmentIdsOfUser(db, user.tenantId, user.id) : [],
  );
}
