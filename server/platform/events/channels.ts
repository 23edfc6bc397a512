/** Realtime channel names, in one place so publishers and the SSE route agree. */
export const realtimeChannels = {
  /** Everything one account should see live (its requests, its messages). */
  user: (userId: string) => `user:${userId}`,
  /** Every agent of a town: queues, new requests. */
  tenantAgents: (tenantId: string) => `tenant:${tenantId}:agents`,
  /** The public tracking page of one request (no personal data on it); codes are unique per town. */
  tracking: (tenantId: string, trackingCode: string) => `tenant:${tenantId}:tracking:${trackingCode}`,
};
