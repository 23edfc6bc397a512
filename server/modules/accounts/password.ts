/** OWASP's argon2id baseline (m=19 MiB, t=2, p=1). */
const argon2Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The native argon2 binding, loaded on the first login or password change, not at rest. */
const loadArgon2 = () => import('@node-rs/argon2');

export async function hashPassword(password: string): Promise<string> {
  const { hash } = await loadArgon2();
  return hash(password, argon2Options);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  const { verify } = await loadArgon2();
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
