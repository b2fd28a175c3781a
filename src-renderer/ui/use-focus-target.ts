// Focuses the element a link asked for (a preflight item's field) once the screen has rendered it:
// steps load their data first, so the element may appear a moment after the route changed.
import { useEffect } from 'react';

const GIVE_UP_MS = 5_000;

export function useFocusTarget(elementId: string | undefined, onFocused?: () => void): void {
  useEffect(() => {
    if (!elementId) return;
    const started = performance.now();
    let frame = 0;
    const attempt = () => {
      const element = document.getElementById(elementId);
      if (element instanceof HTMLElement && !(element as HTMLInputElement).disabled) {
        element.scrollIntoView({ block: 'center' });
        element.focus();
        onFocused?.();
        return;
      }
      if (performance.now() - started < GIVE_UP_MS) frame = requestAnimationFrame(attempt);
    };
    frame = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(frame);
    // onFocused is a callback of the moment; only a new target starts a new attempt.
  }, [elementId]);
}
