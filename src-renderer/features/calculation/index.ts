// Step 4's comparables and calculation (the comparison approach), for the wizard to render.
export { ComparablesAndCalculation } from './ComparablesAndCalculation.tsx';
