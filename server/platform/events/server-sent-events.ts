/** One Server-Sent Events message; `data` may hold several lines, each gets its own `data:` field. */
export function formatServerSentEvent(message: { id?: string; event?: string; data: string }): string {
  const lines: string[] = [];
  if (message.id !== undefined) lines.push(`id: ${stripLineBreaks(message.id)}`);
  if (message.event !== undefined) lines.push(`event: ${stripLineBreaks(message.event)}`);
  for (const line of message.data.split(/\r\n|\r|\n/)) lines.push(`data: ${line}`);
  return `${lines.join('\n')}\n\n`;
}

/** A comment line: ignored by EventSource, keeps proxies from closing an idle stream. */
export function formatServerSentComment(text: string): string {
  return `: ${stripLineBreaks(text)}\n\n`;
}

function stripLineBreaks(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}
