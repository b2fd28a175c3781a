// Step 5 (report preview, exports, signing, share links) and the signed / revision notices the whole
// wizard shows.
import './report.css';

export { ExportStep } from './ExportStep.tsx';
export { RevisionOf } from './RevisionOf.tsx';
export { SignedBanner } from './SignedBanner.tsx';
