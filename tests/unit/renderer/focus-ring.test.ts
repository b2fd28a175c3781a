// The focus ring must stand out at least 3:1 (WCAG 2.1 SC 1.4.11) against whatever surface the focused
// control sits on: every light background the renderer's style sheets declare, and the dark header.
// Dark fills (a primary button, a step marker) are the controls themselves: the ring is drawn around
// them, outside, on the surface.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const RENDERER = join(import.meta.dirname, '../../../src-renderer');
const MIN_CONTRAST = 3;

function styleSheets(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return styleSheets(path);
    return entry.name.endsWith('.css') ? [{ path, text: readFileSync(path, 'utf8') }] : [];
  });
}

const sheets = styleSheets(RENDERER);
const root = readFileSync(join(RENDERER, 'styles.css'), 'utf8');

function rootVariable(name: string): string {
  const found = new RegExp(`${name}:\\s*(#[0-9a-fA-F]{3,8})\\s*;`).exec(root);
  if (!found) throw new Error(`styles.css defines no ${name}`);
  return found[1]!;
}

/** The colour a background declaration resolves to, through :root variables (fallbacks ignored: the root defines them). */
function resolve(value: string): string | null {
  const variable = /^var\((--[\w-]+)/.exec(value.trim());
  if (variable) return rootVariable(variable[1]!);
  const hex = /^#[0-9a-fA-F]{3,8}$/.exec(value.trim());
  return hex ? hex[0] : null;
}

// colorjs.io's type definitions pull the DOM library into the Node type-check of the whole test tree
// (its types reference lib "dom"), so it is loaded by a name the compiler does not resolve, typed here.
interface ColorValue {
  luminance: number;
  contrast(other: ColorValue, algorithm: 'WCAG21'): number;
}
const COLORJS = 'colorjs.io';
const { default: Color } = (await import(COLORJS)) as { default: new (value: string) => ColorValue };
const contrast = (a: string, b: string) => new Color(a).contrast(new Color(b), 'WCAG21');
const focus = rootVariable('--focus');

describe('the focus ring', () => {
  test('is at least 3:1 against every light surface in the style sheets', () => {
    const surfaces = new Set<string>();
    for (const { text } of sheets) {
      for (const [, value] of text.matchAll(/background(?:-color)?:\s*([^;}]+)/g)) {
        const colour = resolve(value!);
        // Light surfaces only (relative luminance above the middle): dark ones are filled controls.
        if (colour && new Color(colour).luminance > 0.5) surfaces.add(colour.toLowerCase());
      }
    }
    // The sheets really were read: the page, the panels and the warning notes are among them.
    expect(surfaces).toContain('#ffffff');
    expect(surfaces).toContain('#f6f7f9');
    expect(surfaces).toContain('#fff7e6');
    const weak = [...surfaces].map((surface) => ({ surface, ratio: contrast(focus, surface) })).filter((s) => s.ratio < MIN_CONTRAST);
    expect(weak).toEqual([]);
  });

  test('is at least 3:1 against the dark app header', () => {
    const header = /\.app-header\s*\{[^}]*background:\s*(#[0-9a-fA-F]{3,8})/.exec(root)?.[1];
    expect(header).toBeDefined();
    expect(contrast(focus, header!)).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  test('the old orange (#ff9f1a) would fail on white, so the check can fail', () => {
    expect(contrast('#ff9f1a', '#ffffff')).toBeLessThan(MIN_CONTRAST);
  });

  test('every style sheet draws focus outlines in the shared focus colour', () => {
    for (const { path, text } of sheets) {
      for (const [, value] of text.matchAll(/outline:\s*([^;}]+)/g)) {
        if (/^(none|0)\b/.test(value!.trim())) continue;
        expect(value, path).toMatch(/var\(--focus\b/);
      }
    }
  });
});
