import { describe, expect, it } from 'vitest';
import { applicationModules } from '../../../modules';
import { collectExtensions } from '../../../platform/modules/module-manifest';
import type { MessageTemplateDefinition } from './template-registry';
import { renderTemplate, templateTextProblems, variablesIn } from './render-template';
import { validateTemplateText } from './template-admin';

describe('message templates', () => {
  it('fills variables, escaping them in the HTML part only', () => {
    const rendered = renderTemplate(
      {
        subject: 'Demande {{reference}}',
        body: 'Bonjour {{citizenName}},\n\nLien : {{trackingUrl}}',
        shortBody: null,
      },
      {
        reference: '2026-000001',
        citizenName: '<b>Léa</b> & co',
        trackingUrl: 'https://x.test/suivi?a=1&b=2',
      },
    );
    expect(rendered.subject).toBe('Demande 2026-000001');
    expect(rendered.text).toBe('Bonjour <b>Léa</b> & co,\n\nLien : https://x.test/suivi?a=1&b=2');
    expect(rendered.html).toContain('<p>Bonjour &lt;b&gt;Léa&lt;/b&gt; &amp; co,</p>');
    expect(rendered.html).toContain('<a href="https://x.test/suivi?a=1&amp;b=2">');
    expect(rendered.short).toBe(rendered.text);
  });

  it('escapes the template’s own text in HTML, and keeps a subject on one line', () => {
    const rendered = renderTemplate(
      { subject: '{{subject}}', body: 'a < b', shortBody: 'court {{reference}}' },
      { subject: 'ligne 1\nligne 2', reference: 'R' },
    );
    expect(rendered.html).toContain('<p>a &lt; b</p>');
    expect(rendered.subject).toBe('ligne 1 ligne 2');
    expect(rendered.short).toBe('court R');
  });

  const registered: MessageTemplateDefinition[] = collectExtensions(
    applicationModules,
    'messageTemplates',
  ).flat();
  const answer = registered.find((template) => template.key === 'answer')!;

  it('every registered template uses only its declared variables', () => {
    expect(registered.length).toBeGreaterThanOrEqual(10);
    for (const template of registered) {
      const key = template.key;
      const allowed = Object.keys(template.variables);
      for (const text of [template.subject, template.body, template.shortBody ?? '']) {
        expect(templateTextProblems(text, allowed), `${key}: ${text}`).toEqual([]);
      }
      expect(() => validateTemplateText(template, template)).not.toThrow();
    }
  });

  it('refuses unknown variables and malformed braces, naming the field', () => {
    expect(variablesIn('{{a}} {{ b }}')).toEqual(['a', 'b']);
    expect(() =>
      validateTemplateText(answer, { subject: 'Ok', body: 'Bonjour {{inconnu}}', shortBody: null }),
    ).toThrow(/body: variable inconnue/);
    expect(() =>
      validateTemplateText(answer, { subject: 'Ok {{reference', body: 'x', shortBody: null }),
    ).toThrow(/subject: accolades/);
    expect(() => validateTemplateText(answer, { subject: ' ', body: 'x', shortBody: null })).toThrow(
      /subject/,
    );
  });

  it('leaves no space before the comma when the name is unknown, and keeps multi-line values as lines', () => {
    const rendered = renderTemplate(
      { subject: 'Objet', body: 'Bonjour {{citizenName}},\n\n{{message}}', shortBody: null },
      { citizenName: '', message: 'Ligne 1\nLigne 2' },
    );
    expect(rendered.text).toBe('Bonjour,\n\nLigne 1\nLigne 2');
    expect(rendered.html).toContain('<p>Bonjour,</p>');
    expect(rendered.html).toContain('Ligne 1<br>Ligne 2');
  });
});
