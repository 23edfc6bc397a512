/** The value lists of accounts that the server and the web app share. */

export const agentRoles = ['reception', 'agent', 'manager', 'signatory', 'admin'] as const;
export type AgentRole = (typeof agentRoles)[number];

/** Citizens and agents share one login door (one users table). */
export const userKinds = ['citizen', 'agent'] as const;
export type UserKind = (typeof userKinds)[number];
