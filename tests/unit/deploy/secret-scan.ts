// A small secret scanner for the repository (used by no-secrets.test.ts): private key blocks, cloud and
// service tokens, credentials in URLs, `password|secret|token… = "<long literal>"`, and files that hold
// keys or certificates (*.p12, *.pfx, *.pem, *.key, *.p8, .env…). Signing material and tokens live in CI
// secrets and on build machines, never in the repository.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Finding {
  file: string;
  line: number;
  rule: string;
  /** The matched text, shortened so a real secret is not printed whole. */
  excerpt: string;
}

export interface AllowEntry {
  file: string;
  rule: string;
  /** The allowed match contains this text. */
  contains: string;
  reason: string;
}

const RULES: { rule: string; pattern: RegExp }[] = [
  { rule: 'private-key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g },
  { rule: 'aws-access-key-id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { rule: 'aws-secret-access-key', pattern: /aws_?secret_?access_?key\s*[:=]\s*['"]?[A-Za-z0-9/+=]{40}\b/gi },
  { rule: 'github-token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/g },
  { rule: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { rule: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { rule: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{36}\b|_authToken\s*=\s*(?!\$\{)[^\s]{8,}/g },
  { rule: 'azure-account-key', pattern: /AccountKey=[A-Za-z0-9+/=]{40,}/g },
  { rule: 'stripe-key', pattern: /\b(?:sk|rk)_live_[A-Za-z0-9]{16,}/g },
  { rule: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g },
  { rule: 'url-credentials', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/'"`]+:(?!\$\{)[^\s:@/'"`]{8,}@[^\s'"`]+/gi },
  {
    rule: 'assigned-secret',
    pattern: /\b[\w-]*(?:password|passwd|passphrase|secret|token|api[_-]?key|private[_-]?key)[\w-]*['"]?\s*[:=]\s*['"`]([^'"`\s]{12,})['"`]/gi,
  },
];

/** Values that only look like secrets: references to where the secret really is. */
const PLACEHOLDER = /^\$\{\{?\s*|^process\.env|^<[^>]+>$|^(?:x+|\*+|changeme|placeholder|example)$/i;

const FORBIDDEN_NAMES: { rule: string; pattern: RegExp }[] = [
  { rule: 'key-or-certificate-file', pattern: /\.(?:p12|pfx|pem|key|p8|keystore|jks|cer|crt|der|mobileprovision|provisionprofile)$/i },
  { rule: 'env-file', pattern: /(?:^|\/)\.env(?:\.(?!example$|sample$)[^/]*)?$/i },
  { rule: 'ssh-key-file', pattern: /(?:^|\/)id_(?:rsa|dsa|ecdsa|ed25519)(?:\.pub)?$/i },
  { rule: 'npmrc-file', pattern: /(?:^|\/)\.npmrc$/i },
];

export function forbiddenFileRule(path: string): string | null {
  return FORBIDDEN_NAMES.find(({ pattern }) => pattern.test(path.replace(/\\/g, '/')))?.rule ?? null;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 24 ? `${oneLine.slice(0, 16)}…(${oneLine.length} chars)` : oneLine;
}

/** Secret-looking values in one file's text. `assigned-secret` is skipped under tests/fixtures. */
export function scanText(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  const normalized = file.replace(/\\/g, '/');
  for (const { rule, pattern } of RULES) {
    if (rule === 'assigned-secret' && normalized.startsWith('tests/fixtures/')) continue;
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      const value = match[1] ?? match[0];
      // A placeholder or a template (`pw-${id}`) is not a literal secret.
      if (rule === 'assigned-secret' && (PLACEHOLDER.test(value) || value.includes('${'))) continue;
      const line = text.slice(0, match.index).split('\n').length;
      findings.push({ file: normalized, line, rule, excerpt: match[0] });
    }
  }
  return findings;
}

/** Findings minus the allowed ones; also reports allow entries that no longer match anything. */
export function applyAllowList(findings: Finding[], allow: readonly AllowEntry[]): { blocked: Finding[]; unused: AllowEntry[] } {
  const used = new Set<AllowEntry>();
  const blocked = findings.filter((finding) => {
    const entry = allow.find((a) => a.file === finding.file && a.rule === finding.rule && finding.excerpt.includes(a.contains));
    if (entry) used.add(entry);
    return !entry;
  });
  return { blocked: blocked.map((finding) => ({ ...finding, excerpt: shorten(finding.excerpt) })), unused: allow.filter((entry) => !used.has(entry)) };
}

const IGNORED_DIRS = new Set(['.git', 'node_modules', 'out', 'dist', 'release', 'coverage', 'test-results', '.shamay-data']);

/**
 * The files that are (or would be) committed: `git ls-files` of tracked and untracked-but-not-ignored
 * files; without git, a walk that skips the ignored build and data folders.
 */
export function repositoryFiles(root: string): { files: string[]; via: 'git' | 'walk' } {
  try {
    const output = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    const files = output.split('\0').filter(Boolean);
    if (files.length) return { files: [...new Set(files)], via: 'git' };
  } catch {
    // No git: walk below.
  }
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!IGNORED_DIRS.has(entry.name)) walk(join(dir, entry.name));
      } else if (entry.isFile()) {
        files.push(relative(root, join(dir, entry.name)).replace(/\\/g, '/'));
      }
    }
  };
  walk(root);
  return { files, via: 'walk' };
}

export const MAX_SCANNED_BYTES = 4 * 1024 * 1024;

/** Reads a repository file for scanning; null for binaries, big files and files gone since listing. */
export function readScannable(root: string, file: string): string | null {
  try {
    const path = join(root, file);
    if (statSync(path).size > MAX_SCANNED_BYTES) return null;
    const bytes = readFileSync(path);
    if (bytes.subarray(0, 8192).includes(0)) return null;
    return bytes.toString('utf8');
  } catch {
    return null;
  }
}
