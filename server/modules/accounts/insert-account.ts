import type { Db, Tx } from '../../platform/db/client';
import { isUniqueViolation } from '../../platform/db/database-errors';
import { emailTaken } from './account-errors';
import { insertUser, type NewUser, type User } from './users.repository';

/**
 * Inserts an account and runs `then` (memberships, mails to queue) in the same transaction. Two
 * sign-ups racing for one address: the unique index decides, and the loser gets EMAIL_TAKEN.
 */
export async function insertAccount(
  db: Db,
  newUser: NewUser,
  then: (tx: Tx, user: User) => Promise<void>,
): Promise<User> {
  try {
    return await db.transaction(async (tx) => {
      const user = await insertUser(tx, newUser);
      await then(tx, user);
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}
