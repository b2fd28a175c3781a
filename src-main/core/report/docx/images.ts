// Images in the DOCX report: the model's data: URLs (JPEG photos, maps and plan crops; the PNG logo
// and signature) as pictures in the text, each fitted into the box the HTML gives it with its
// proportions kept, and the HTML's galleries: maps and plans one to a line, photos two to a row,
// each with its caption.
import { AlignmentType, ImageRun, type Paragraph, type Table } from 'docx';
import sharp from 'sharp';
import type { ReportImage, SourceImage } from '../../../../src-shared/domain/report/model.ts';
import { COLORS, CONTENT_WIDTH_MM, SIZES } from './styles.ts';
import { layoutTable } from './tables.ts';
import { paragraph, textParagraph } from './text.ts';

/** An image ready for a .docx: its file and its size in pixels. */
export interface DocxImage {
  type: 'jpg' | 'png';
  data: Buffer;
  width: number;
  height: number;
}

/** The largest a picture may be drawn, in millimetres. */
export interface Box {
  widthMm: number;
  heightMm: number;
}

/** docx sizes pictures in pixels at 96 to the inch. */
const PX_PER_MM = 96 / 25.4;

const DATA_URL = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]+=*)$/;

function decode(dataUrl: string): Pick<DocxImage, 'type' | 'data'> | null {
  const match = DATA_URL.exec(dataUrl);
  if (!match?.[2]) return null;
  return { type: match[1] === 'png' ? 'png' : 'jpg', data: Buffer.from(match[2], 'base64') };
}

/** A photo, map or plan of the model, whose size it states (null if it is not a PNG or JPEG data: URL). */
export function fromSourceImage(image: SourceImage): DocxImage | null {
  const decoded = decode(image.dataUrl);
  return decoded && image.width > 0 && image.height > 0 ? { ...decoded, width: image.width, height: image.height } : null;
}

/** The logo or the signature, which come without their size: it is read from the file (null if unreadable). */
export async function fromDataUrl(dataUrl: string | null): Promise<DocxImage | null> {
  const decoded = dataUrl ? decode(dataUrl) : null;
  if (!decoded) return null;
  const { width, height } = await sharp(decoded.data)
    .metadata()
    .catch(() => ({ width: 0, height: 0 }));
  return width > 0 && height > 0 ? { ...decoded, width, height } : null;
}

/**
 * The picture's size in pixels: its own (a pixel taken as a CSS pixel, as the HTML takes it), scaled
 * down to fit the box with its proportions kept, or up to fill it when `enlarge` (the HTML's width:100%).
 */
function fitInto(image: { width: number; height: number }, box: Box, enlarge: boolean): { width: number; height: number } {
  const scale = Math.min((box.widthMm * PX_PER_MM) / image.width, (box.heightMm * PX_PER_MM) / image.height);
  const factor = enlarge ? scale : Math.min(1, scale);
  return { width: Math.max(1, Math.round(image.width * factor)), height: Math.max(1, Math.round(image.height * factor)) };
}

export function imageRun(image: DocxImage, box: Box, options: { enlarge: boolean; description: string }): ImageRun {
  return new ImageRun({
    type: image.type,
    data: image.data,
    transformation: fitInto(image, box, options.enlarge),
    altText: { name: options.description, description: options.description },
  });
}

/** A picture centred on a line of its own. */
export const pictureParagraph = (run: ImageRun, spacingAfter = 60) => paragraph([run], { alignment: AlignmentType.CENTER, spacing: { after: spacingAfter } });

const caption = (text: string) => textParagraph(text, { alignment: AlignmentType.CENTER, spacing: { after: 160 } }, { size: SIZES.caption, color: COLORS.grey });

/** A picture and its caption (the HTML's figure); nothing for an image that cannot be read. */
function figure(image: ReportImage, box: Box, enlarge: boolean): Paragraph[] {
  const picture = fromSourceImage(image);
  if (!picture) return [];
  return [pictureParagraph(imageRun(picture, box, { enlarge, description: image.caption ?? '' })), ...(image.caption ? [caption(image.caption)] : [])];
}

/** The gap between two photos of a row, as the HTML's 4 mm. */
const GAP_MM = 4;
const WIDE_BOX: Box = { widthMm: CONTENT_WIDTH_MM, heightMm: 150 };
/** A photo's box: half the text width less the gap (and the cell's padding), 62 mm high as the HTML's. */
const PHOTO_BOX: Box = { widthMm: (CONTENT_WIDTH_MM - GAP_MM) / 2 - 4, heightMm: 62 };

/** Maps and plans: one to a line, at most the text's width, never enlarged (as the HTML's wide gallery). */
export const wideGallery = (images: readonly ReportImage[]): Paragraph[] => images.flatMap((image) => figure(image, WIDE_BOX, false));

/** Photos two to a row, each filling its half of the row. */
export function photoGallery(images: readonly ReportImage[]): Table[] {
  if (images.length === 0) return [];
  const rows: Paragraph[][][] = [];
  for (let i = 0; i < images.length; i += 2) {
    rows.push(images.slice(i, i + 2).map((image) => figure(image, PHOTO_BOX, true)));
  }
  return [layoutTable(rows, 2)];
}
