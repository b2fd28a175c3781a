// The shell's log file (userData/logs/main.log): one line per entry, appended synchronously (rare,
// short writes), rotated to main.1.log when it would pass ~5 MB. Never given tokens or passwords.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export type FileLogLevel = 'error' | 'warn' | 'info';

export interface FileLog {
  write(level: FileLogLevel, message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  readonly file: string;
}

export interface FileLogOptions {
  file: string;
  maxBytes?: number;
  now?: () => Date;
  /** Also print (development). */
  echo?: boolean;
}

export const MAX_LOG_BYTES = 5 * 1024 * 1024;
const MAX_DETAILS_CHARS = 8_000;

export function createFileLog(options: FileLogOptions): FileLog {
  const maxBytes = options.maxBytes ?? MAX_LOG_BYTES;
  const now = options.now ?? (() => new Date());
  const rotated = options.file.replace(/(\.log)?$/, '.1.log');
  let size: number | null = null;

  const write = (level: FileLogLevel, message: string, details?: Record<string, unknown>) => {
    const line = `${now().toISOString()} ${level.toUpperCase()} ${oneLine(message)}${details ? ` ${stringifyDetails(details)}` : ''}\n`;
    if (options.echo) (level === 'error' ? console.error : console.log)(line.trimEnd());
    try {
      if (size === null) {
        mkdirSync(dirname(options.file), { recursive: true });
        size = fileSize(options.file);
      }
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) {
        renameSync(options.file, rotated);
        size = 0;
      }
      appendFileSync(options.file, line);
      size += bytes;
    } catch {
      // A log that cannot be written must not take the app down.
      size = null;
    }
  };

  return {
    file: options.file,
    write,
    error: (message, details) => write('error', message, details),
    warn: (message, details) => write('warn', message, details),
    info: (message, details) => write('info', message, details),
  };
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

function stringifyDetails(details: Record<string, unknown>): string {
  let text: string;
  try {
    const seen = new WeakSet<object>();
    text = JSON.stringify(details, (_key, value: unknown) => {
      if (typeof value === 'bigint') return value.toString();
      if (typeof value === 'object' && value !== null) {
        if (seen.has(value)) return '[cycle]';
        seen.add(value);
      }
      return value;
    });
  } catch {
    text = '"[details could not be written]"';
  }
  return text.length > MAX_DETAILS_CHARS ? `${text.slice(0, MAX_DETAILS_CHARS)}…` : text;
}
