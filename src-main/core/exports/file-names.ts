import { safeDisplayName } from '../blobs/file-names.ts';

/** "חוות דעת - <title>.pdf": titles often hold block/parcel (6109/396/118), whose slashes are kept as dashes. */
export function reportFileName(title: string, extension: 'pdf' | 'docx'): string {
  return safeDisplayName(`חוות דעת - ${title.replace(/[\\/]/g, '-')}.${extension}`);
}
