/** The public tracking page of a request on the town's site (see the web app's `/suivi/:code`). */
export function trackingPageLink(baseUrl: string, trackingCode: string): string {
  return `${baseUrl}/suivi/${trackingCode}`;
}
