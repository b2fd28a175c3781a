// A drop target for files that is also a keyboard-reachable "choose file" button.
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface DropZoneProps {
  /** What the files are for, read after the button's text by screen readers. */
  label: string;
  accept: string;
  multiple: boolean;
  disabled?: boolean;
  onFiles(files: File[]): void;
  testId?: string;
}

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

export function DropZone({ label, accept, multiple, disabled = false, onFiles, testId }: DropZoneProps) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const take = (list: FileList | null) => {
    const files = Array.from(list ?? []);
    if (files.length > 0) onFiles(multiple ? files : files.slice(0, 1));
  };

  return (
    <div
      className={`dropzone${over ? ' over' : ''}${disabled ? ' disabled' : ''}`}
      data-testid={testId}
      onDragEnter={(e) => {
        if (!hasFiles(e) || disabled) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e) || disabled) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        if (!over) setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!disabled) take(e.dataTransfer.files);
      }}
    >
      <span aria-hidden="true" className="dropzone-icon">
        ⇪
      </span>
      <span className="hint">{multiple ? t('step2.dropHereMany') : t('step2.dropHere')}</span>
      <button type="button" disabled={disabled} onClick={() => input.current?.click()}>
        {multiple ? t('step2.chooseFiles') : t('step2.chooseFile')}
        <span className="visually-hidden"> — {label}</span>
      </button>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        accept={accept}
        multiple={multiple}
        onChange={(e) => {
          take(e.target.files);
          e.target.value = ''; // the same file can be chosen again
        }}
      />
    </div>
  );
}
