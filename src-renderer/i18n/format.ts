// Formats of the Israeli market: dates dd/mm/yyyy, money in NIS (stored as integer agorot).

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const dd = String(date.getDate()).padStart(2, '0');
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${date.getFullYear()}`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${formatDate(iso)} ${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

const shekels = new Intl.NumberFormat('he-IL', { style: 'currency', currency: 'ILS', maximumFractionDigits: 0 });

export function formatAgorot(agorot: number | null | undefined): string {
  return agorot === null || agorot === undefined ? '' : shekels.format(Math.round(agorot / 100));
}

export function blockParcel(block: string | null, parcel: string | null, subparcel: string | null): string {
  return [block, parcel, subparcel].filter(Boolean).join('/');
}

/** A file size as people read it: "61.2 MB", "820 KB", "900 B" (units are the same in both languages). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
