/** The French form for a count: singular for 0 and 1, plural from 2 (« 0 demande », « 2 demandes »). */
export const plural = (count: number, one: string, many: string): string => (count > 1 ? many : one);
