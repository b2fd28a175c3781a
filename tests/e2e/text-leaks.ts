// What the screen says, with the user's own data taken out (titles, names, addresses and file names are
// shown in dir="auto" or <bdi> runs; form fields hold their values outside the text): what is left is the
// app's own words, which must be in the chosen language and must name no internal identifier.
import type { Page } from 'playwright-core';

/** The app's own words on the screen (main content and header), user data removed. */
export async function appText(page: Page): Promise<string> {
  const text = (await page.evaluate(`(() => {
    const root = document.querySelector('.shell') || document.body;
    const clone = root.cloneNode(true);
    clone.querySelectorAll('[dir=auto], bdi, iframe, script, style, option, code, .visually-hidden, [data-user-text], time').forEach((e) => e.remove());
    // Each text node on its own, so that the words of neighbouring elements do not run together.
    const walker = document.createTreeWalker(clone, NodeFilter.SHOW_TEXT);
    const parts = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.nodeValue);
    return parts.join(' ');
  })()`)) as string;
  // Runs isolated with FSI…PDI are data set into a sentence (a file's name in "source: …").
  return text.replace(/\u2068[^\u2069]*\u2069/g, ' ');
}

/** Latin words a Hebrew screen may show: formats, units, the language's own name, product names. */
const LATIN_ALLOWED = new Set(['PDF', 'DOCX', 'CSV', 'JSON', 'XLSX', 'JPEG', 'PNG', 'WebP', 'HEIC', 'TIFF', 'ZIP', 'MB', 'KB', 'B', 'English', 'UTF', 'Excel', 'Word', 'GIS', 'sha', 'Ctrl', 'Shift', 'Alt', 'Esc', 'Enter', 'Tab']);

/** Web and e-mail addresses and hex seals are data, not words. */
const withoutAddresses = (text: string) =>
  text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\b[\w.+-]+@[\w.-]+\b/g, ' ')
    .replace(/\b[0-9a-f]{8,}\b/g, ' ');

/** Latin-script words in Hebrew-mode app text, besides the allowed ones, hex seals and addresses. */
export function latinInHebrew(text: string): string[] {
  const cleaned = withoutAddresses(text);
  // A single capital is a key of a shortcut (Ctrl+V).
  return [...new Set((cleaned.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []).filter((word) => !LATIN_ALLOWED.has(word) && !/^[A-Z]$/.test(word)))];
}

/** Hebrew in English-mode app text: a word the catalog forgot, or a message the core wrote in Hebrew. */
export function hebrewInEnglish(text: string): string[] {
  return [...new Set(text.match(/[\u0590-\u05FF][\u0590-\u05FF"'׳״-]*/g) ?? [])];
}

/** What an internal name looks like: camelCase, snake_case, a dotted path, a SHOUTING_CODE, an i18n key. */
export function internalNames(text: string): string[] {
  return [...new Set(withoutAddresses(text).match(/\b([a-z]+[A-Z][A-Za-z0-9]*|[a-z0-9]+_[a-z0-9_]+|[a-z]{2,}(?:\.[a-zA-Z]{2,})+|[A-Z]{2,}_[A-Z_]+)\b/g) ?? [])];
}
