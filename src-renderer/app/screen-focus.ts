// On every screen change the focus moves to the new screen's heading, so a keyboard or screen-reader
// user starts at the top of what just appeared instead of at <body> (WCAG 2.4.3). One mechanism for
// the whole app: sign-in, the dashboard, the nav screens, opening or creating a valuation, and the
// wizard's steps.
import { useEffect, useRef } from 'react';
import { headingSelector, screenKey, type Screen } from './screen-key.ts';

export type { Screen };

/** A screen that loads its data first shows its heading a moment later: wait that long for it. */
const WAIT_MS = 10_000;

/**
 * Focuses the new screen's heading after each change of `screen` (not on the first one: a fresh page
 * keeps the browser's own start). If the focus moved meanwhile (the screen focused a field itself, or
 * the user clicked somewhere) it is left where it is.
 */
export function useScreenFocus(screen: Screen | null): void {
  const shown = useRef<Screen | null>(null);
  const key = screen ? screenKey(screen) : null;
  useEffect(() => {
    const previous = shown.current;
    shown.current = screen;
    if (!screen || !previous || !key) return;
    const selector = headingSelector(previous, screen);
    const focusedBefore = document.activeElement;
    const tryFocus = (): boolean => {
      const heading = document.querySelector<HTMLElement>(selector);
      if (!heading) return false;
      const now = document.activeElement;
      const movedMeanwhile = now !== focusedBefore && now !== document.body && now !== null && now.isConnected;
      if (!movedMeanwhile) {
        if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
        heading.focus();
      }
      return true;
    };
    if (tryFocus()) return;
    const observer = new MutationObserver(() => {
      if (tryFocus()) stop();
    });
    const timer = setTimeout(() => stop(), WAIT_MS);
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    observer.observe(document.body, { childList: true, subtree: true });
    return stop;
    // The key says when the screen changed; the screen object itself is new on every render.
  }, [key]);
}
