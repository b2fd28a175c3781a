// Which screen the shell shows and which heading takes the focus when it changes (screen-focus.ts). Pure.
import type { Route } from './routes.ts';

/** What the shell shows: the sign-in form, or a route. */
export type Screen = { name: 'signin' } | Route;

/** The heading the focus goes to. A step of the same valuation lands on the step's own heading. */
export function headingSelector(previous: Screen | null, next: Screen): string {
  if (previous?.name === 'valuation' && next.name === 'valuation' && previous.id === next.id && previous.step !== next.step) return '#wizard-step-title';
  return 'main h1';
}

export function screenKey(screen: Screen): string {
  switch (screen.name) {
    case 'valuation':
      return `valuation/${screen.id}/${screen.step}`;
    case 'activity':
      return `activity/${screen.id}`;
    default:
      return screen.name;
  }
}

