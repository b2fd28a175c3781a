// One slot's uploads: files are read and sent one after another (a 50 MB scan is read once, not six
// at a time), with progress for each, a notice for files already attached and the refusals.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, isolate, MAX_TRANSPORT_BYTES, readAsBase64 } from './upload.ts';

export interface UploadProgress {
  key: string;
  fileName: string;
  sizeBytes: number;
  phase: 'reading' | 'sending';
  /** 0..1 while reading; sending has no measurable progress. */
  fraction: number;
}

export interface SendResult {
  /** The name of the file that was already attached, when this one is a duplicate. */
  duplicateName: string | null;
}

export type Send = (file: File, bytesBase64: string) => Promise<SendResult>;

let sequence = 0;

export function useUploads(maxBytes: number) {
  const { t } = useTranslation();
  const [uploads, setUploads] = useState<UploadProgress[]>([]);
  const [notices, setNotices] = useState<string[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [errors, setErrors] = useState<unknown[]>([]);

  const clear = useCallback(() => {
    setNotices([]);
    setProblems([]);
    setErrors([]);
  }, []);

  const upload = useCallback(
    async (files: File[], send: Send) => {
      clear();
      const limit = Math.min(maxBytes, MAX_TRANSPORT_BYTES);
      for (const file of files) {
        if (file.size === 0) {
          setProblems((p) => [...p, t('step2.emptyFile', { name: isolate(file.name) })]);
          continue;
        }
        if (file.size > limit) {
          setProblems((p) => [...p, t('step2.tooLarge', { name: isolate(file.name), size: formatBytes(file.size), limit: formatBytes(limit) })]);
          continue;
        }
        const key = `upload-${++sequence}`;
        const patch = (changes: Partial<UploadProgress>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...changes } : u)));
        setUploads((list) => [...list, { key, fileName: file.name, sizeBytes: file.size, phase: 'reading', fraction: 0 }]);
        try {
          const bytesBase64 = await readAsBase64(file, (fraction) => patch({ fraction }));
          patch({ phase: 'sending', fraction: 1 });
          const result = await send(file, bytesBase64);
          const existing = result.duplicateName;
          if (existing !== null) setNotices((n) => [...n, t('step2.duplicate', { name: isolate(file.name), existing: isolate(existing) })]);
        } catch (e) {
          setErrors((list) => [...list, e]);
        } finally {
          setUploads((list) => list.filter((u) => u.key !== key));
        }
      }
    },
    [clear, maxBytes, t],
  );

  return { uploads, notices, problems, errors, upload, clear, note: (message: string) => setNotices((n) => [...n, message]) };
}
