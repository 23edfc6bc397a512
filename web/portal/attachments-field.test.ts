import { describe, expect, it } from 'vitest';
import { addFiles, formatFileSize, maxAttachmentBytes, maxAttachments } from './attachments-field';

const file = (name: string, size = 10, type = '') =>
  new File([new Uint8Array(size)], name, { type, lastModified: 1 });

describe('choosing attachments on the request form', () => {
  it('keeps accepted files and explains, in French, each one left out', () => {
    const { files, problems } = addFiles(
      [],
      [
        file('photo.JPG'),
        file('scan', 10, 'application/pdf'),
        file('virus.exe'),
        file('page.html', 10, 'text/html'),
        file('énorme.pdf', maxAttachmentBytes + 1),
      ],
    );
    expect(files.map((f) => f.name)).toEqual(['photo.JPG', 'scan']);
    expect(problems).toEqual([
      '«\u00a0virus.exe\u00a0» n’est pas dans un format accepté (PDF, image ou document texte)\u00a0: il n’a pas été ajouté.',
      '«\u00a0page.html\u00a0» n’est pas dans un format accepté (PDF, image ou document texte)\u00a0: il n’a pas été ajouté.',
      '«\u00a0énorme.pdf\u00a0» dépasse la taille maximale de 10\u00a0Mo\u00a0: il n’a pas été ajouté.',
    ]);
  });

  it('stops at the maximum count and skips a file chosen twice', () => {
    const current = Array.from({ length: maxAttachments - 1 }, (_, index) => file(`piece-${index}.pdf`));
    const { files, problems } = addFiles(current, [
      file('piece-0.pdf'),
      file('derniere.png'),
      file('de-trop.png'),
    ]);
    expect(files).toHaveLength(maxAttachments);
    expect(files.at(-1)!.name).toBe('derniere.png');
    expect(problems).toEqual([
      '«\u00a0piece-0.pdf\u00a0» est déjà dans la liste.',
      'Vous pouvez joindre 10 fichiers au plus\u00a0: les fichiers en trop n’ont pas été ajoutés.',
    ]);
  });

  it('writes sizes the French way', () => {
    expect(formatFileSize(512)).toBe('512\u00a0o');
    expect(formatFileSize(850 * 1024)).toBe('850\u00a0ko');
    expect(formatFileSize(2.45 * 1024 * 1024)).toMatch(/^2,[45]\u00a0Mo$/);
    expect(formatFileSize(maxAttachmentBytes)).toBe('10\u00a0Mo');
  });
});
