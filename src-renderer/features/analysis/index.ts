// Step 4's analysis parts built here: the Garmushka measurement and the GIS screenshots.
export { AnalysisGarmushkaGis } from './AnalysisGarmushkaGis.tsx';
