import type { TemplateText } from './template-registry';

/** What a template becomes once its variables are filled in. */
export interface RenderedTemplate {
  subject: string;
  text: string;
  html: string;
  /** Short text for SMS and portal notifications (the text when the template has none). */
  short: string;
}

const slotPattern = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The variable names a text uses. */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(slotPattern)].map((match) => match[1]!);
}

/** Problems of a template text: unknown variables, braces that are not a `{{name}}` slot. */
export function templateTextProblems(text: string, allowed: readonly string[]): string[] {
  const problems: string[] = [];
  for (const name of new Set(variablesIn(text))) {
    if (!allowed.includes(name)) problems.push(`variable inconnue «\u00a0{{${name}}}\u00a0»`);
  }
  const withoutSlots = text.replace(slotPattern, '');
  if (withoutSlots.includes('{{') || withoutSlots.includes('}}')) {
    problems.push('accolades mal formées (attendu\u00a0: {{variable}})');
  }
  return problems;
}

function fill(text: string, variables: Record<string, string>, escape: (value: string) => string): string {
  return text.replace(slotPattern, (_slot, name: string) => escape(variables[name] ?? ''));
}

const urlPattern = /(https?:\/\/[^\s<]+)/g;

/** Plain text → simple HTML: paragraphs at blank lines, line breaks, links clickable. */
function textToHtml(text: string, variables: Record<string, string>): string {
  const paragraphs = text.split(/\n{2,}/).map((paragraph) => {
    const lines = paragraph.split('\n').map((line) =>
      // A variable may span several lines (a department's contact details): they stay lines.
      fill(escapeHtml(line), variables, (value) => escapeHtml(value).replace(/\r?\n/g, '<br>')).replace(
        urlPattern,
        (url) => `<a href="${url}">${url}</a>`,
      ),
    );
    return `<p>${lines.join('<br>')}</p>`;
  });
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body>${paragraphs.join('\n')}</body></html>`;
}

/** Fills `{{variables}}` (HTML-escaped in the HTML part); a variable not given is left empty. */
/** « Bonjour , » when the name is unknown: no space is left before a comma. */
function tidy(text: string): string {
  return text.replace(/[ \u00a0]+,/g, ',');
}

export function renderTemplate(template: TemplateText, variables: Record<string, string>): RenderedTemplate {
  const text = tidy(fill(template.body, variables, (value) => value));
  return {
    subject: tidy(fill(template.subject, variables, (value) => value.replace(/[\r\n]+/g, ' ')).trim()),
    text,
    html: tidy(textToHtml(template.body, variables)),
    short: template.shortBody ? tidy(fill(template.shortBody, variables, (value) => value)) : text,
  };
}
