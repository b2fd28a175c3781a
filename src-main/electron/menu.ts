// The application menu, in the language of the app's settings (Hebrew by default). Standard roles do
// the work; reload and DevTools exist only in development builds. Pure: returns the template.
import type { MenuItemConstructorOptions } from 'electron';

export type MenuLanguage = 'he' | 'en';

const LABELS = {
  he: {
    file: 'קובץ',
    quit: 'יציאה',
    close: 'סגירת חלון',
    edit: 'עריכה',
    undo: 'ביטול',
    redo: 'ביצוע מחדש',
    cut: 'גזירה',
    copy: 'העתקה',
    paste: 'הדבקה',
    selectAll: 'בחירת הכול',
    view: 'תצוגה',
    reload: 'טעינה מחדש',
    forceReload: 'טעינה מחדש מלאה',
    devTools: 'כלי מפתחים',
    resetZoom: 'גודל רגיל',
    zoomIn: 'הגדלה',
    zoomOut: 'הקטנה',
    fullScreen: 'מסך מלא',
    window: 'חלון',
    minimize: 'מזעור',
    zoom: 'הגדלת חלון',
    front: 'הבאת הכול לחזית',
    help: 'עזרה',
    about: (name: string) => `אודות ${name}`,
    hide: (name: string) => `הסתרת ${name}`,
    hideOthers: 'הסתרת האחרים',
    unhide: 'הצגת הכול',
  },
  en: {
    file: 'File',
    quit: 'Quit',
    close: 'Close Window',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    forceReload: 'Force Reload',
    devTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Full Screen',
    window: 'Window',
    minimize: 'Minimize',
    zoom: 'Zoom',
    front: 'Bring All to Front',
    help: 'Help',
    about: (name: string) => `About ${name}`,
    hide: (name: string) => `Hide ${name}`,
    hideOthers: 'Hide Others',
    unhide: 'Show All',
  },
} as const;

export interface MenuOptions {
  language: MenuLanguage;
  appName: string;
  isDev: boolean;
  isMac: boolean;
}

export function menuLanguage(value: unknown): MenuLanguage {
  return value === 'en' ? 'en' : 'he';
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const t = LABELS[options.language];
  const { appName, isDev, isMac } = options;
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: appName,
          submenu: [
            { role: 'about', label: t.about(appName) },
            sep,
            { role: 'hide', label: t.hide(appName) },
            { role: 'hideOthers', label: t.hideOthers },
            { role: 'unhide', label: t.unhide },
            sep,
            { role: 'quit', label: t.quit },
          ],
        },
      ]
    : [{ label: t.file, submenu: [{ role: 'close', label: t.close }, { role: 'quit', label: t.quit }] }];

  const view: MenuItemConstructorOptions[] = [
    ...(isDev
      ? ([
          { role: 'reload', label: t.reload },
          { role: 'forceReload', label: t.forceReload },
          { role: 'toggleDevTools', label: t.devTools },
          sep,
        ] satisfies MenuItemConstructorOptions[])
      : []),
    { role: 'resetZoom', label: t.resetZoom },
    { role: 'zoomIn', label: t.zoomIn },
    { role: 'zoomOut', label: t.zoomOut },
    sep,
    { role: 'togglefullscreen', label: t.fullScreen },
  ];

  return [
    ...appMenu,
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo },
        { role: 'redo', label: t.redo },
        sep,
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    { label: t.view, submenu: view },
    {
      label: t.window,
      submenu: isMac
        ? [{ role: 'minimize', label: t.minimize }, { role: 'zoom', label: t.zoom }, sep, { role: 'front', label: t.front }]
        : [{ role: 'minimize', label: t.minimize }, { role: 'close', label: t.close }],
    },
    { role: 'help', label: t.help, submenu: [{ role: 'about', label: t.about(appName) }] },
  ];
}
