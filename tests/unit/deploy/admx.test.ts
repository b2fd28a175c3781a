// The Group Policy templates (build/policy/shamay.admx and its he-IL / en-US .adml files): well-formed
// XML, every string and presentation they reference exists, and they define exactly the registry
// values the policy reader knows (POLICY_KEYS), with the same key, enum values and limits.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, MAX_FILE_MB, POLICY_KEYS, REGISTRY_KEY, UPDATE_CHANNELS } from '../../../src-main/electron/policy.ts';

const DIR = resolve(import.meta.dirname, '../../../build/policy');
const LANGS = ['en-US', 'he-IL'] as const;

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** A small strict XML reader: enough to prove well-formedness and walk the templates. */
function parseXml(source: string): XmlElement {
  let xml = source.replace(/^\uFEFF/, '');
  const declaration = /^<\?xml\s[^?]*\?>/.exec(xml);
  if (!declaration) throw new Error('missing XML declaration');
  if (!/encoding="utf-8"/i.test(declaration[0])) throw new Error('the declaration must say encoding="utf-8"');
  xml = xml.slice(declaration[0].length);
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const token = /<!--([\s\S]*?)-->|<\/([A-Za-z_][\w.:-]*)\s*>|<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  const checkText = (text: string) => {
    for (const match of text.matchAll(/&([^;\s]*);?/g)) {
      if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(match[0])) throw new Error(`bad entity ${match[0]}`);
    }
  };
  for (const match of xml.matchAll(token)) {
    const [, comment, closing, opening, attributeText = '', selfClosing, text, stray] = match;
    const top = stack[stack.length - 1] as XmlElement;
    if (stray) throw new Error(`stray "<" near: ${xml.slice(match.index, match.index + 40)}`);
    if (comment !== undefined) {
      if (comment.includes('--')) throw new Error('"--" inside a comment');
      continue;
    }
    if (text !== undefined) {
      checkText(text);
      if (stack.length === 1 && text.trim()) throw new Error('text outside the root element');
      top.text += text;
      continue;
    }
    if (closing) {
      if (top.name !== closing) throw new Error(`</${closing}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const attribute of attributeText.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      const [, name = '', double, single] = attribute;
      if (name in attributes) throw new Error(`duplicate attribute ${name} on <${opening}>`);
      const value = double ?? single ?? '';
      checkText(value);
      attributes[name] = value;
    }
    const element: XmlElement = { name: opening as string, attributes, children: [], text: '' };
    if (stack.length === 1 && root.children.length) throw new Error('more than one root element');
    top.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]?.name}> is never closed`);
  if (root.children.length !== 1) throw new Error('no root element');
  return root.children[0] as XmlElement;
}

function* walk(element: XmlElement): Generator<XmlElement> {
  yield element;
  for (const child of element.children) yield* walk(child);
}
const all = (root: XmlElement, name: string) => [...walk(root)].filter((element) => element.name === name);
const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

const admx = parseXml(readFileSync(join(DIR, 'shamay.admx'), 'utf8'));
const adml = Object.fromEntries(LANGS.map((lang) => [lang, parseXml(readFileSync(join(DIR, lang, 'shamay.adml'), 'utf8'))])) as Record<(typeof LANGS)[number], XmlElement>;

describe('the XML checker', () => {
  it('refuses broken XML', () => {
    const ok = '<?xml version="1.0" encoding="utf-8"?>';
    expect(() => parseXml(`${ok}<a><b></a>`)).toThrow(/closes/);
    expect(() => parseXml(`${ok}<a x="1" x="2"/>`)).toThrow(/duplicate/);
    expect(() => parseXml(`${ok}<a>&nbsp;</a>`)).toThrow(/entity/);
    expect(() => parseXml(`${ok}<a>1 < 2</a>`)).toThrow(/stray/);
    expect(() => parseXml(`${ok}<a></a><b/>`)).toThrow(/more than one root/);
    expect(() => parseXml(`${ok}<a>`)).toThrow(/never closed/);
    expect(() => parseXml('<a/>')).toThrow(/declaration/);
    expect(parseXml(`${ok}<!-- c --><a k='v'>x &amp; y<b/></a>`).children[0]?.name).toBe('b');
  });
});

describe('ADMX / ADML', () => {
  it('are well-formed Group Policy documents', () => {
    expect(admx.name).toBe('policyDefinitions');
    for (const lang of LANGS) expect(adml[lang].name).toBe('policyDefinitionResources');
    for (const doc of [admx, ...Object.values(adml)]) {
      expect(doc.attributes.xmlns).toBe('http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions');
    }
  });

  it('every policy writes under the key the reader queries', () => {
    const policies = all(admx, 'policy');
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) {
      expect(policy.attributes.key, policy.attributes.name).toBe(REGISTRY_KEY);
      expect(policy.attributes.class, policy.attributes.name).toBe('Both');
    }
  });

  it('defines exactly the registry values the reader knows, and no other', () => {
    const valueNames = [...walk(admx)].map((element) => element.attributes.valueName).filter((name): name is string => Boolean(name));
    expect([...valueNames].sort()).toEqual(Object.keys(POLICY_KEYS).sort());
    // One policy per value, named after it.
    expect(all(admx, 'policy').map((policy) => policy.attributes.name).sort()).toEqual(Object.keys(POLICY_KEYS).sort());
  });

  it('value kinds match what the reader parses', () => {
    for (const [name, { registryType }] of Object.entries(POLICY_KEYS)) {
      const policy = all(admx, 'policy').find((element) => element.attributes.name === name) as XmlElement;
      const element = [...walk(policy)].find((e) => e.attributes.valueName === name) as XmlElement;
      if (registryType === 'REG_DWORD') expect(['decimal', 'policy'], name).toContain(element.name);
      else expect(['text', 'enum'], name).toContain(element.name);
    }
    const enumValues = (id: string) => [...walk(all(admx, 'enum').find((e) => e.attributes.id === id) as XmlElement)].filter((e) => e.name === 'string').map((e) => e.text);
    expect(enumValues('UpdateChannel')).toEqual([...UPDATE_CHANNELS]);
    expect(enumValues('Language')).toEqual([...LANGUAGES]);
    for (const id of ['DocumentMaxMB', 'ImageMaxMB']) {
      const decimal = all(admx, 'decimal').find((e) => e.attributes.id === id) as XmlElement;
      expect(Number(decimal.attributes.minValue)).toBe(MAX_FILE_MB.min);
      expect(Number(decimal.attributes.maxValue)).toBe(MAX_FILE_MB.max);
    }
  });

  for (const lang of LANGS) {
    it(`${lang}: every string and presentation the ADMX references exists, and nothing else`, () => {
      const admxText = readFileSync(join(DIR, 'shamay.admx'), 'utf8');
      const stringRefs = new Set([...admxText.matchAll(/\$\(string\.([\w.-]+)\)/g)].map((m) => m[1]));
      const presentationRefs = new Set([...admxText.matchAll(/\$\(presentation\.([\w.-]+)\)/g)].map((m) => m[1]));
      const strings = all(adml[lang], 'string');
      const presentations = all(adml[lang], 'presentation');
      expect(new Set(strings.map((s) => s.attributes.id))).toEqual(stringRefs);
      expect(new Set(presentations.map((p) => p.attributes.id))).toEqual(presentationRefs);
      for (const string of strings) expect(decode(string.text).trim(), string.attributes.id).not.toBe('');
      // Each presentation control points at an element of the same policy.
      const elementIds = new Set([...walk(admx)].filter((e) => ['text', 'enum', 'decimal'].includes(e.name) && e.attributes.id).map((e) => e.attributes.id));
      const refIds = presentations.flatMap((p) => p.children.map((c) => c.attributes.refId));
      expect(new Set(refIds)).toEqual(elementIds);
    });
  }

  it('the Hebrew template is in Hebrew', () => {
    const text = all(adml['he-IL'], 'string').map((s) => s.text).join(' ');
    expect(text).toMatch(/[\u0590-\u05FF]{3,}/);
  });
});
