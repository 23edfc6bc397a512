/**
 * Where things go on an A4 letter sent in a French window envelope. Millimetres measured from
 * the sheet's top-left corner; `pointsOf` converts to PDF points (1 pt = 1/72 in).
 *
 * The envelope is the usual DL (110 × 220 mm, ISO 269 / NF EN ISO 269) with its 45 × 100 mm
 * window on the right, 20 mm from the right edge and 15 mm from the bottom; the sheet is folded
 * in three (folds at 99 and 198 mm). The recipient's block follows the French letter layout
 * standard NF Z 11-001 and La Poste's addressing rules (NF Z 10-011: at most 6 lines of at most
 * 38 characters, postcode and town on the last line, in capitals): a block of about 85 × 35 mm
 * about 100–110 mm from the left edge and 45–55 mm from the top. Ours, 105 mm × 50 mm, stays
 * inside the window whichever way the folded sheet slides in the envelope (up to 10 mm
 * sideways, 11 mm up or down).
 */
export const a4 = { widthMm: 210, heightMm: 297 } as const;

export const addressWindow = { leftMm: 105, topMm: 50, widthMm: 85, heightMm: 35 } as const;

/** The sheet folded in three for a DL envelope. */
export const foldLinesMm = [99, 198] as const;

export const margins = { leftMm: 20, rightMm: 20, topMm: 15, bottomMm: 25 } as const;

/** Date and place, reference, subject, then the body below the window. */
export const placeDateTopMm = 92;
export const referenceTopMm = 92;
export const subjectTopMm = 106;
export const bodyTopMm = 118;

/** The footer (town's contact details, page number) sits in the bottom margin. */
export const footerTopMm = a4.heightMm - 15;
export const pageNumberTopMm = a4.heightMm - 21;

export const maxAddressLines = 6;
export const maxAddressLineLength = 38;

const pointsPerMm = 72 / 25.4;

export function pointsOf(millimetres: number): number {
  return millimetres * pointsPerMm;
}

export function millimetresOf(points: number): number {
  return points / pointsPerMm;
}
