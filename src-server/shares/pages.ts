// The small HTML pages of a public link: Hebrew first (RTL) with English, one inline stylesheet allowed
// by its hash in a strict Content-Security-Policy, no scripts, no external resources.
import { createHash } from 'node:crypto';

export interface Page {
  status: number;
  html: string;
}

const STYLE = `body{margin:0;font-family:system-ui,"Segoe UI",Arial,sans-serif;background:#f4f5f7;color:#1d2433}
main{max-width:28rem;margin:12vh auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:1.4rem;margin:0 0 .5rem}p{margin:.25rem 0 1rem;line-height:1.5}
.en{border-top:1px solid #e3e6eb;margin-top:1.25rem;padding-top:1rem;color:#4a5366}.en h2{font-size:1.1rem;margin:0 0 .25rem}
.error{color:#b3261e;font-weight:600}
form{display:flex;flex-direction:column;gap:.6rem;margin-top:1rem}
input{font:inherit;padding:.6rem;border:1px solid #b8bfcc;border-radius:8px}
button{font:inherit;padding:.6rem;border:0;border-radius:8px;background:#1f5fbf;color:#fff;cursor:pointer}`;

const CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers of every page: never cached, never framed, never sniffed, no referrer leaves with the token. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': CSP,
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

interface Text {
  he: string;
  en: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function render(title: Text, body: Text, options: { error?: Text; form?: boolean } = {}): string {
  const error = options.error ? `<p class="error" role="alert">${escapeHtml(options.error.he)}</p>` : '';
  const errorEn = options.error ? `<p class="error">${escapeHtml(options.error.en)}</p>` : '';
  const form = options.form
    ? `<form method="post" autocomplete="off">
<label for="password">סיסמה / <span lang="en" dir="ltr">Password</span></label>
<input id="password" name="password" type="password" required maxlength="200" autofocus>
<button type="submit">פתיחת הדוח / <span lang="en" dir="ltr">Open the report</span></button>
</form>`
    : '';
  return `<!doctype html>
<html lang="he" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title.he)} · ${escapeHtml(title.en)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title.he)}</h1>
<p>${escapeHtml(body.he)}</p>
${error}
<div class="en" lang="en" dir="ltr">
<h2>${escapeHtml(title.en)}</h2>
<p>${escapeHtml(body.en)}</p>
${errorEn}
</div>
${form}
</main>
</body>
</html>
`;
}

const ASK_OWNER: Text = {
  he: 'אם אתם זקוקים לדוח, פנו למשרד השמאות ששלח לכם את הקישור.',
  en: 'If you need the report, ask the appraisal office that sent you the link.',
};

export const pages = {
  notFound: (): Page => ({ status: 404, html: render({ he: 'הקישור לא נמצא', en: 'Link not found' }, ASK_OWNER) }),
  expired: (): Page => ({ status: 410, html: render({ he: 'תוקף הקישור פג', en: 'This link has expired' }, ASK_OWNER) }),
  revoked: (): Page => ({ status: 410, html: render({ he: 'הקישור בוטל', en: 'This link was revoked' }, ASK_OWNER) }),
  password: (status: 200 | 400 | 401): Page => ({
    status,
    html: render(
      { he: 'דוח שמאות מוגן בסיסמה', en: 'Password-protected appraisal report' },
      { he: 'הזינו את הסיסמה שקיבלתם ממשרד השמאות.', en: 'Enter the password you received from the appraisal office.' },
      {
        form: true,
        ...(status === 401 ? { error: { he: 'הסיסמה שגויה.', en: 'The password is incorrect.' } } : {}),
        ...(status === 400 ? { error: { he: 'יש להזין סיסמה.', en: 'Enter the password.' } } : {}),
      },
    ),
  }),
  rateLimited: (retryAfterSeconds: number): Page => {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    return {
      status: 429,
      html: render(
        { he: 'יותר מדי ניסיונות', en: 'Too many attempts' },
        {
          he: `הוזנו יותר מדי סיסמאות שגויות. נסו שוב בעוד ${minutes} דקות.`,
          en: `Too many wrong passwords were entered. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        },
      ),
    };
  },
  /** The request limits of the public routes (request-limit.ts); the wait is at most a minute. */
  tooManyRequests: (retryAfterSeconds: number): Page => {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    return {
      status: 429,
      html: render(
        { he: 'יותר מדי בקשות', en: 'Too many requests' },
        {
          he: `הקישור נפתח פעמים רבות מדי בזמן קצר. נסו שוב בעוד ${seconds} שניות.`,
          en: `This link was opened too many times in a short while. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
        },
      ),
    };
  },
  failed: (status: number): Page => ({
    status,
    html: render({ he: 'לא ניתן להציג את הדוח', en: 'The report cannot be shown' }, { he: 'אירעה שגיאה. נסו שוב מאוחר יותר.', en: 'Something went wrong. Try again later.' }),
  }),
};
